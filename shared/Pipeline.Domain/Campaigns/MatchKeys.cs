using System.Globalization;

namespace Pipeline.Domain.Campaigns;

/// <summary>
/// Blocking keys. Invariant: whenever <see cref="PairScorer"/> links two reports, the lookup keys of
/// one intersect the index keys of the other, so the store's key lookup never misses a campaign
/// the matcher would have joined (a name rule has a name key, the origin rule an origin-month key
/// covering its day window, the figures-only rule a figure key).
/// </summary>
public static class MatchKeys
{
    /// <summary>Figures indexed per report; beyond a handful they are followers/spend variants.</summary>
    public const int MaxIndexedFigures = 6;

    /// <summary>
    /// Campaigns an origin-month or figure key may hold and still offer them on its own. Past it the key is
    /// as common as a stop word (a month of hundreds of networks, a "distinctive" 73 that hundreds share), so
    /// <see cref="BlockingIndex"/> offers a campaign from it only when that campaign shares a second key with
    /// the report. Real months hold a handful of campaigns; this bounds the candidates when they do not.
    /// </summary>
    public const int CrowdedBucket = 32;

    /// <summary>A whole name: "name:libertyfrontpress".</summary>
    public const string NamePrefix = "name:";

    /// <summary>A run of a longer name's words that could be a shorter name of its own: "part:liberty".</summary>
    public const string PartPrefix = "part:";

    /// <summary>Name keys are never capped: a shared name links on its own, however many campaigns carry a word of it.</summary>
    public static bool LinksAlone(string key) =>
        key.StartsWith(NamePrefix, StringComparison.Ordinal) || key.StartsWith(PartPrefix, StringComparison.Ordinal);

    /// <summary>Keys a member report is indexed under: its names and their parts, its own origin-month, its figures.</summary>
    public static IEnumerable<string> Index(ReportFacts facts) =>
        facts.Roundup ? IndexNameKeys(facts) : IndexNameKeys(facts).Concat(OriginKeys(facts, 0)).Concat(FigureKeys(facts));

    /// <summary>Keys to look a report up by: its names, origin-months of every day in the link window, its figures.</summary>
    /// <remarks>A roundup links by name only, so its mixed origins and figures are not keys either.</remarks>
    public static IEnumerable<string> Lookup(ReportFacts facts) =>
        facts.Roundup ? LookupNameKeys(facts) : LookupNameKeys(facts).Concat(OriginKeys(facts, PairScorer.MaxLinkDays)).Concat(FigureKeys(facts));

    // A partial link (OperationName.Links) joins a shorter name to a longer one holding it as a run of words.
    // The longer is indexed under its runs as parts; a name looks itself up as a part (finding longer names)
    // and its runs as whole names (finding shorter ones). Names that merely share a word ("Amber Lantern",
    // "Amber Harbor") share no key, so a common word no longer offers every campaign that carries it.
    private static IEnumerable<string> IndexNameKeys(ReportFacts facts) =>
        facts.Names.SelectMany(n => n.PartKeys().Select(k => PartPrefix + k).Prepend(NamePrefix + n.Key));

    private static IEnumerable<string> LookupNameKeys(ReportFacts facts) =>
        facts.Names.SelectMany(n => n.PartKeys().Select(k => NamePrefix + k)
            .Prepend(n.CanLinkAsPart ? PartPrefix + n.Key : null).OfType<string>()
            .Prepend(NamePrefix + n.Key));

    private static IEnumerable<string> OriginKeys(ReportFacts facts, int windowDays)
    {
        if (facts.ReportedOn is not { } day) yield break;
        var months = Months(day.AddDays(-windowDays), day.AddDays(windowDays)).ToList();
        foreach (var origin in facts.Origins.Order(StringComparer.Ordinal))
            foreach (var month in months)
                yield return $"origin:{origin}:{month}";
    }

    private static IEnumerable<string> FigureKeys(ReportFacts facts) =>
        facts.IndexedFigures(MaxIndexedFigures).Select(n => "figure:" + n.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The crowded-key rule over every live campaign having any of <paramref name="keys"/> (<paramref name="found"/>,
    /// so each key's bucket size is counted from it): a campaign is offered when it shares a name key or a key
    /// whose bucket holds at most <see cref="CrowdedBucket"/> campaigns, or shares two crowded keys. The same rule
    /// as <see cref="BlockingIndex.Candidates"/>; the store adapters apply it to what they find.
    /// </summary>
    public static IReadOnlyList<T> Offered<T>(IReadOnlyCollection<string> keys, IReadOnlyCollection<T> found, Func<T, IEnumerable<string>> keysOf)
    {
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var buckets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var campaign in found)
            foreach (var key in keysOf(campaign).Distinct(StringComparer.Ordinal))
                if (wanted.Contains(key))
                    buckets[key] = buckets.GetValueOrDefault(key) + 1;
        if (buckets.Values.All(size => size <= CrowdedBucket))
            return found as IReadOnlyList<T> ?? found.ToList();
        return found.Where(campaign =>
        {
            var crowded = 0;
            foreach (var key in keysOf(campaign).Distinct(StringComparer.Ordinal))
            {
                if (!wanted.Contains(key))
                    continue;
                if (LinksAlone(key) || buckets[key] <= CrowdedBucket || ++crowded > 1)
                    return true;
            }
            return false;
        }).ToList();
    }

    private static IEnumerable<string> Months(DateOnly from, DateOnly to)
    {
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
            yield return m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }
}
