namespace Pipeline.Domain.Reports;

/// <summary>Builds the export's platform → asset kind → count table.</summary>
public static class PlatformTable
{
    /// <summary>
    /// Several statements of the same platform and asset kind in one report are usually the same
    /// figure repeated (summary then detail), so the largest is kept rather than summed.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> From(
        IEnumerable<(string Platform, string AssetKind, long Count)> counts) => Fold(counts);

    /// <summary>
    /// One report's row: as <see cref="From"/>, except that an unsplit total ("364 Pages and accounts")
    /// beside a split of the same platform ("289 Pages and 75 accounts") is left out, because the split
    /// says more. The total stays among the report's stated counts, so a campaign still shows it when
    /// another source itemises differently.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> ForReport(
        IEnumerable<(string Platform, string AssetKind, long Count)> counts)
    {
        var list = counts.ToList();
        var split = list.Where(c => SplitKinds.Contains(c.AssetKind)).Select(c => c.Platform).ToHashSet(StringComparer.Ordinal);
        return Fold(list.Where(c => !(c.AssetKind == "assets" && split.Contains(c.Platform))));
    }

    private static readonly HashSet<string> SplitKinds = new(StringComparer.Ordinal) { "accounts", "pages", "groups", "events", "channels" };

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Fold(
        IEnumerable<(string Platform, string AssetKind, long Count)> counts)
    {
        var table = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var (platform, kind, count) in counts)
        {
            if (!table.TryGetValue(platform, out var kinds))
                table[platform] = kinds = new SortedDictionary<string, long>(StringComparer.Ordinal);
            kinds[kind] = kinds.TryGetValue(kind, out var existing) ? Math.Max(existing, count) : count;
        }
        return table.ToDictionary(
            p => p.Key,
            p => (IReadOnlyDictionary<string, long>)p.Value,
            StringComparer.Ordinal);
    }

    private static readonly IReadOnlyDictionary<string, long> NoFigures = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>
    /// The table plus an empty row for each present platform it lacks: a platform known to have removed assets
    /// with no figure stated. Rows with figures are kept as they are. Keys stay in ordinal order.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> WithPresence(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> table, IEnumerable<string> present)
    {
        var merged = new SortedDictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var (platform, kinds) in table)
            merged[platform] = kinds;
        foreach (var platform in present)
            merged.TryAdd(platform, NoFigures);
        return merged.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
