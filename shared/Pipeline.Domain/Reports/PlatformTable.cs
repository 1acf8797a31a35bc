namespace Pipeline.Domain.Reports;

/// <summary>Builds the export's platform → asset kind → count table.</summary>
public static class PlatformTable
{
    /// <summary>
    /// Several statements of the same platform and asset kind in one report are usually the same
    /// figure repeated (summary then detail), so the largest is kept rather than summed.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> From(
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
}
