namespace Pipeline.Domain.Campaigns;

/// <summary>
/// A report's facts laid out for pair scoring, built once per <see cref="ReportFacts"/>: sets as
/// ordinally sorted arrays (intersected by merging, in the order the reasons list them), figures with
/// their labels rendered once and grouped by label. A report is scored against every candidate
/// member, so what is per report belongs here, not in the per-pair loop.
/// </summary>
internal sealed class ScoringFacts
{
    public required string[] Origins { get; init; }
    public required string[] Actors { get; init; }
    /// <summary>Per <see cref="Actors"/> entry: whether it names one organisation (<see cref="ActorNames.IsSpecific"/>).</summary>
    public required bool[] SpecificActors { get; init; }
    public required string[] Partners { get; init; }
    public required string[] Targets { get; init; }
    public required string[] Regions { get; init; }
    public required string[] Platforms { get; init; }
    /// <summary>Stated figures, then derived totals (<see cref="IsTotal"/> tells them apart).</summary>
    public required FigureRow[] All { get; init; }
    /// <summary>Distinct counts of the stated figures, ascending.</summary>
    public required long[] FigureCounts { get; init; }
    /// <summary>Distinct counts of the stated figures and totals, ascending.</summary>
    public required long[] AllCounts { get; init; }
    /// <summary>Stated figures grouped by (label, asset), in order of first appearance, stably sorted by label.</summary>
    public required LabelGroup[] Groups { get; init; }
    /// <summary>Stated figures' distinct counts per label, sorted by label: the other side of <see cref="Groups"/>.</summary>
    public required LabelGroup[] ByLabel { get; init; }
    /// <summary><see cref="ReportFacts.IndexedFigures"/> at <see cref="MatchKeys.MaxIndexedFigures"/>.</summary>
    public required long[] Indexed { get; init; }

    public readonly record struct FigureRow(long Count, string Platform, string Label);

    public sealed record LabelGroup(string Label, string Asset, bool IsAssetCount, long[] Counts);

    public static ScoringFacts Of(ReportFacts facts)
    {
        var figures = facts.Figures;
        var all = new FigureRow[figures.Count + facts.Totals.Count];
        for (var i = 0; i < figures.Count; i++) all[i] = Row(figures[i]);
        for (var i = 0; i < facts.Totals.Count; i++) all[figures.Count + i] = Row(facts.Totals[i]);
        var figureCounts = DistinctAscending(all.AsSpan(0, figures.Count));

        var groups = Grouped(all.AsSpan(0, figures.Count), figures, byLabelOnly: false);
        var actors = Sorted(facts.Actors);
        var specific = new bool[actors.Length];
        for (var i = 0; i < actors.Length; i++) specific[i] = ActorNames.IsSpecific(actors[i]);
        return new ScoringFacts
        {
            Origins = Sorted(facts.Origins),
            Actors = actors,
            SpecificActors = specific,
            Partners = Sorted(facts.Partners),
            Targets = Sorted(facts.Targets),
            Regions = Sorted(facts.Regions),
            Platforms = Sorted(facts.Platforms),
            All = all,
            FigureCounts = figureCounts,
            AllCounts = facts.Totals.Count == 0 ? figureCounts : DistinctAscending(all),
            Groups = groups,
            // Usually each label has one asset kind, and then the two groupings are the same.
            ByLabel = LabelsUnique(groups) ? groups : Grouped(all.AsSpan(0, figures.Count), figures, byLabelOnly: true),
            Indexed = IndexedOf(figureCounts),
        };
    }

    private static bool LabelsUnique(LabelGroup[] sorted)
    {
        for (var i = 1; i < sorted.Length; i++) if (sorted[i].Label == sorted[i - 1].Label) return false;
        return true;
    }

    private static FigureRow Row(Figure f) => new(f.Count, f.Platform, f.Label);

    private static string[] Sorted(IReadOnlySet<string> set)
    {
        if (set.Count == 0) return [];
        var array = new string[set.Count];
        var i = 0;
        foreach (var value in set) array[i++] = value;
        if (array.Length > 1) Array.Sort(array, StringComparer.Ordinal);
        return array;
    }

    private static long[] DistinctAscending(ReadOnlySpan<FigureRow> rows)
    {
        if (rows.IsEmpty) return [];
        var counts = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++) counts[i] = rows[i].Count;
        Array.Sort(counts);
        var n = 0;
        for (var i = 0; i < counts.Length; i++)
            if (n == 0 || counts[i] != counts[n - 1]) counts[n++] = counts[i];
        return n == counts.Length ? counts : counts[..n];
    }

    /// <summary>As <see cref="ReportFacts.IndexedFigures"/>: distinctive counts, largest first, at most <see cref="MatchKeys.MaxIndexedFigures"/>.</summary>
    private static long[] IndexedOf(long[] ascending)
    {
        var distinctive = 0;
        foreach (var n in ascending) if (Figure.IsDistinctive(n)) distinctive++;
        if (distinctive == 0) return [];
        var indexed = new long[Math.Min(distinctive, MatchKeys.MaxIndexedFigures)];
        var k = 0;
        for (var i = ascending.Length - 1; i >= 0 && k < indexed.Length; i--)
            if (Figure.IsDistinctive(ascending[i])) indexed[k++] = ascending[i];
        return indexed;
    }

    /// <summary>
    /// Figures grouped by (label, asset) in order of first appearance, or by label alone, with their distinct
    /// counts, stably sorted by label: GroupBy then OrderBy, as the scorer's reasons were first written.
    /// </summary>
    private static LabelGroup[] Grouped(ReadOnlySpan<FigureRow> rows, IReadOnlyList<Figure> figures, bool byLabelOnly)
    {
        if (rows.IsEmpty) return [];
        var groups = new List<(string Label, string Asset, List<long> Counts)>(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var (label, asset, count) = (rows[i].Label, figures[i].Asset, rows[i].Count);
            var g = 0;
            while (g < groups.Count && !(groups[g].Label == label && (byLabelOnly || groups[g].Asset == asset))) g++;
            if (g == groups.Count) groups.Add((label, asset, [count]));
            else if (!groups[g].Counts.Contains(count)) groups[g].Counts.Add(count);
        }
        var result = new LabelGroup[groups.Count];
        for (var i = 0; i < groups.Count; i++)
            result[i] = new LabelGroup(groups[i].Label, groups[i].Asset, Figure.IsAssetCount(groups[i].Asset), [.. groups[i].Counts]);
        // Insertion sort: stable, and groups are a handful.
        for (var i = 1; i < result.Length; i++)
        {
            var x = result[i];
            var j = i - 1;
            for (; j >= 0 && string.CompareOrdinal(result[j].Label, x.Label) > 0; j--) result[j + 1] = result[j];
            result[j + 1] = x;
        }
        return result;
    }
}
