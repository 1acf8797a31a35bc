using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Campaigns;

/// <summary>
/// The operation names a report links by: its stated names, the names it equates ("X, also known
/// as Y"), and their known aliases. Names of one operation form a group; a report naming two groups
/// bridges them (it says, in effect, that they are one campaign), but a report naming more is a
/// roundup ("five operations we disrupted"): only its first-named group, the one it is about,
/// links, or every roundup would merge everything it mentions. A roundup's other facts (origins,
/// actors, figures) mix its operations, so it links by that name only.
/// </summary>
public static class ReportNames
{
    /// <summary>More distinct operations than this in one report reads as a roundup, not a bridge.</summary>
    public const int MaxBridgedOperations = 2;

    /// <summary>What a report's names come to.</summary>
    /// <param name="Stated">The names the report gives its subject (all but a roundup's other operations), in text order.</param>
    /// <param name="Linking">Those names and their known aliases: what the matcher compares and indexes.</param>
    /// <param name="Roundup">Whether the report covers several operations.</param>
    public sealed record Reading(IReadOnlyList<OperationName> Stated, IReadOnlyList<OperationName> Linking, bool Roundup);

    public static Reading Of(ExtractedReport report, IOperationAliases? known)
    {
        // Loops rather than LINQ: every report read back as a candidate's member is read again.
        // Text order (operation names first) decides which group a roundup is about.
        var stated = new List<OperationName>(report.OperationNames.Count + 2 * report.Aliases.Count);
        foreach (var f in report.OperationNames) AddDistinct(stated, OperationName.Parse(f.Value));
        foreach (var a in report.Aliases) { AddDistinct(stated, OperationName.Parse(a.Name)); AddDistinct(stated, OperationName.Parse(a.Alias)); }
        var expansions = new List<OperationName>[stated.Count];
        for (var i = 0; i < stated.Count; i++) expansions[i] = Expand(stated[i], known);

        var group = new int[stated.Count];
        for (var i = 0; i < group.Length; i++) group[i] = i;
        foreach (var pair in report.Aliases)
            if (IndexOf(stated, pair.Name) is >= 0 and var i && IndexOf(stated, pair.Alias) is >= 0 and var j) Union(group, i, j);
        for (var i = 0; i < stated.Count; i++)
            for (var j = i + 1; j < stated.Count; j++)
                if (OperationName.Links(stated[i], stated[j]) || expansions[i].Exists(e => OperationName.Links(e, stated[j])))
                    Union(group, i, j);

        var groups = 0;
        for (var i = 0; i < group.Length; i++) if (Find(group, i) == i) groups++;
        var kept = new List<OperationName>(stated.Count);
        var linking = new List<OperationName>(stated.Count);
        for (var i = 0; i < stated.Count; i++)
        {
            if (groups > MaxBridgedOperations && Find(group, i) != 0) continue;
            kept.Add(stated[i]);
            AddDistinct(linking, stated[i]);
            foreach (var e in expansions[i]) AddDistinct(linking, e);
        }
        linking.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key)); // keys are distinct: any sort is stable
        return new Reading(kept, linking, groups > MaxBridgedOperations);
    }

    /// <summary>Adds <paramref name="name"/> unless a name of its key is there already (DistinctBy key, first wins).</summary>
    private static void AddDistinct(List<OperationName> names, OperationName? name)
    {
        if (name is null) return;
        foreach (var n in names) if (n.Key == name.Key) return;
        names.Add(name);
    }

    private static int IndexOf(List<OperationName> stated, string raw) =>
        OperationName.Parse(raw) is { } n ? stated.FindIndex(s => s.Key == n.Key) : -1;

    private static int Find(int[] group, int i) => group[i] == i ? i : group[i] = Find(group, group[i]);

    private static void Union(int[] group, int i, int j)
    {
        var (x, y) = (Find(group, i), Find(group, j));
        if (x != y) group[Math.Max(x, y)] = Math.Min(x, y);
    }

    private static List<OperationName> Expand(OperationName name, IOperationAliases? known)
    {
        var expanded = new List<OperationName>();
        if (known is null) return expanded;
        foreach (var alias in known.AliasesOf(name.Display))
            if (OperationName.Parse(alias) is { } parsed) expanded.Add(parsed);
        return expanded;
    }
}
