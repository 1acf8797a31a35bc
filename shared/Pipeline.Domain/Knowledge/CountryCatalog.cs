using System.Globalization;

namespace Pipeline.Domain.Knowledge;

/// <summary>
/// Builds the country list from ICU (every two-letter code that RegionInfo knows as itself), so codes and
/// English names are never hand-typed; the data file only adds demonyms and aliases ICU lacks.
/// </summary>
internal static class CountryCatalog
{
    public static IReadOnlyList<Country> Build(CountriesFile data)
    {
        var excluded = new HashSet<string>(data.ExcludeCodes, StringComparer.Ordinal);
        var countries = new List<Country>();
        for (var a = 'A'; a <= 'Z'; a++)
        {
            for (var b = 'A'; b <= 'Z'; b++)
            {
                var code = string.Concat(a, b);
                if (excluded.Contains(code) || TryRegion(code) is not { } region)
                    continue;
                data.Countries.TryGetValue(code, out var extras);
                var names = NameVariants(region.EnglishName).Concat(extras?.Aliases ?? []);
                countries.Add(new Country(
                    code,
                    PreferredName(region.EnglishName),
                    names.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
                    extras?.Demonyms.ToArray() ?? []));
            }
        }
        return countries;
    }

    private static RegionInfo? TryRegion(string code)
    {
        try
        {
            var region = new RegionInfo(code);
            // ICU answers for some codes with a different region or a pseudo-region ("ivc"): keep real, current ones.
            var three = region.ThreeLetterISORegionName;
            return region.TwoLetterISORegionName == code && three.Length == 3 && three.All(char.IsAsciiLetterUpper)
                ? region
                : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string PreferredName(string icuName)
    {
        var name = icuName.Replace(" SAR China", "", StringComparison.Ordinal);
        var paren = name.IndexOf(" (", StringComparison.Ordinal);
        return paren > 0 ? name[..paren] : name;
    }

    /// <summary>ICU writes "Bosnia &amp; Herzegovina", "St. Lucia", "Myanmar (Burma)": add the ways prose writes them.</summary>
    private static IEnumerable<string> NameVariants(string icuName)
    {
        if (icuName.Contains(" - ", StringComparison.Ordinal))
            yield break; // "Congo - Kinshasa" is ICU's disambiguation, never prose; aliases come from data
        var name = icuName.Replace(" SAR China", "", StringComparison.Ordinal);
        var paren = name.IndexOf(" (", StringComparison.Ordinal);
        if (paren > 0)
        {
            yield return name[..paren];
            yield return name[(paren + 2)..].TrimEnd(')');
            yield break;
        }
        yield return name;
        if (name.Contains(" & ", StringComparison.Ordinal))
            yield return name.Replace(" & ", " and ", StringComparison.Ordinal);
        if (name.StartsWith("St. ", StringComparison.Ordinal))
            yield return "Saint " + name[4..].Replace(" & ", " and ", StringComparison.Ordinal);
        if (name.Contains('’'))
            yield return name.Replace('’', '\'');
    }
}
