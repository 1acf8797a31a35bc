using System.Globalization;
using Pipeline.Domain.Knowledge;

namespace Pipeline.Domain.Campaigns;

/// <summary>Chooses a campaign's display name and aliases from the names its reports use.</summary>
public static class CampaignNaming
{
    /// <summary>
    /// The name most reports use (ties: the curated canonical name when known, then the one used
    /// first, as the coiner's name usually sticks, then alphabetical); every other distinct name is an
    /// alias. Unnamed campaigns get a descriptive name from origin and first month, e.g.
    /// "Iran-origin network (2018-08)".
    /// </summary>
    public static (string Name, IReadOnlyList<string> Aliases) Choose(IReadOnlyList<CampaignMember> members, IOperationAliases? known = null)
    {
        // A roundup member lends only its subject's names: the other operations it covers are not aliases.
        var uses = members
            .SelectMany(m => ReportNames.Of(m.Report, known).Stated
                .Select(n => (Raw: n.Display, Key: n.Key, m.Report.ReportedOn, m.Report.Source)))
            .ToList();
        if (uses.Count == 0) return (Describe(members), []);

        var groups = uses.GroupBy(u => u.Key, StringComparer.Ordinal)
            .Select(g => (
                Display: g.GroupBy(u => u.Raw, StringComparer.Ordinal)
                    .OrderByDescending(s => s.Count()).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key,
                Reports: g.Select(u => u.Source).Distinct(StringComparer.Ordinal).Count(),
                First: g.Min(u => u.ReportedOn ?? DateOnly.MaxValue),
                Canonical: IsCanonical(g.Key, known),
                g.Key))
            .OrderByDescending(g => g.Reports).ThenByDescending(g => g.Canonical).ThenBy(g => g.First)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var aliases = groups.Skip(1).Select(g => g.Display)
            .Order(StringComparer.OrdinalIgnoreCase).ThenBy(d => d, StringComparer.Ordinal).ToList();
        return (groups[0].Display, aliases);
    }

    private static bool IsCanonical(string key, IOperationAliases? known) =>
        known?.CanonicalName(key) is { } canonical && OperationName.Parse(canonical)?.Key == key;

    /// <summary>Origin as most members state it (a stray origin in one report does not rename the campaign).</summary>
    private static string Describe(IReadOnlyList<CampaignMember> members)
    {
        var support = members
            .SelectMany(m => m.Report.OriginCountries.Select(f => f.Value.Trim().ToUpperInvariant()).Distinct())
            .GroupBy(c => c, StringComparer.Ordinal).ToList();
        var top = support.Count == 0 ? 0 : support.Max(g => g.Count());
        var origins = support.Where(g => g.Count() == top).Select(g => g.Key)
            .Order(StringComparer.Ordinal).Select(CountryName).ToList();
        var first = members.Select(m => m.Report.ReportedOn).Where(d => d is not null).Min();
        var who = origins.Count == 0 ? "Unattributed network" : string.Join("/", origins) + "-origin network";
        var when = first is { } d ? d.ToString("yyyy-MM", CultureInfo.InvariantCulture) : "undated";
        return $"{who} ({when})";
    }

    private static readonly Lazy<Dictionary<string, string>> CountryNames = new(() =>
        KnowledgeBase.Default.Countries.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal));

    private static string CountryName(string code) => CountryNames.Value.GetValueOrDefault(code, code);
}
