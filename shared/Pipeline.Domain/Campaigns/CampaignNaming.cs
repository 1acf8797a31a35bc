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

    /// <summary>
    /// Origin as most members state it (a stray origin in one report does not rename the campaign), the
    /// named actor and the main target most members state, and the first month: two networks from one
    /// country removed the same month ("Russia-origin network targeting Ukraine (2019-01)" and "Russia-origin
    /// network linked to Sputnik targeting Georgia (2019-01)") get names that tell them apart.
    /// </summary>
    private static string Describe(IReadOnlyList<CampaignMember> members)
    {
        var origins = MostStated(members, r => r.OriginCountries, StringComparer.Ordinal, code => code.ToUpperInvariant())
            .Order(StringComparer.Ordinal).Select(CountryName).ToList();
        var first = members.Select(m => m.Report.ReportedOn).Where(d => d is not null).Min();
        var who = origins.Count == 0 ? "Unattributed network" : string.Join("/", origins) + "-origin network";
        var actor = MostStated(members, r => r.Actors, StringComparer.OrdinalIgnoreCase, a => a).FirstOrDefault(ActorNames.IsSpecific);
        var target = MostStated(members, r => r.TargetCountries, StringComparer.Ordinal, code => code.ToUpperInvariant())
            .Select(CountryName).FirstOrDefault()
            ?? MostStated(members, r => r.TargetRegions, StringComparer.OrdinalIgnoreCase, r => r).FirstOrDefault();
        var when = first is { } d ? d.ToString("yyyy-MM", CultureInfo.InvariantCulture) : "undated";
        var name = who;
        if (actor is not null) name += " linked to " + actor;
        if (target is not null) name += " targeting " + target;
        return $"{name} ({when})";
    }

    /// <summary>
    /// The values stated by the most members (each member counted once per value), in the order the
    /// reports state them (earliest position in any member's text-ordered list, then ordinal): a report
    /// names its main target first ("Its main focus was Syria and Ukraine; to a lesser degree …").
    /// </summary>
    private static List<string> MostStated(
        IReadOnlyList<CampaignMember> members, Func<Reports.ExtractedReport, IEnumerable<Reports.Finding>> pick,
        StringComparer comparer, Func<string, string> normalise)
    {
        var stats = new Dictionary<string, (int Support, int First, string Spelling)>(comparer);
        foreach (var m in members)
        {
            var values = pick(m.Report).Select(f => normalise(f.Value.Trim())).Where(v => v.Length > 0).Distinct(comparer).ToList();
            for (var i = 0; i < values.Count; i++)
            {
                var v = values[i];
                stats[v] = stats.TryGetValue(v, out var st)
                    ? (st.Support + 1, Math.Min(st.First, i), string.CompareOrdinal(v, st.Spelling) < 0 ? v : st.Spelling)
                    : (1, i, v);
            }
        }
        if (stats.Count == 0) return [];
        var top = stats.Values.Max(v => v.Support);
        return stats.Values.Where(v => v.Support == top).OrderBy(v => v.First).ThenBy(v => v.Spelling, StringComparer.Ordinal)
            .Select(v => v.Spelling).ToList();
    }

    private static readonly Lazy<Dictionary<string, string>> CountryNames = new(() =>
        KnowledgeBase.Default.Countries.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal));

    private static string CountryName(string code) => CountryNames.Value.GetValueOrDefault(code, code);
}
