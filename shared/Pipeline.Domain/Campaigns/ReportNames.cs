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
        // Text order (operation names first) decides which group a roundup is about.
        var stated = report.OperationNames.Select(f => f.Value)
            .Concat(report.Aliases.SelectMany(a => new[] { a.Name, a.Alias }))
            .Select(OperationName.Parse).OfType<OperationName>()
            .DistinctBy(n => n.Key).ToList();
        var expansions = stated.Select(n => Expand(n, known)).ToList();

        var group = Enumerable.Range(0, stated.Count).ToArray();
        int Find(int i) => group[i] == i ? i : group[i] = Find(group[i]);
        void Union(int i, int j) { var (x, y) = (Find(i), Find(j)); if (x != y) group[Math.Max(x, y)] = Math.Min(x, y); }

        int IndexOf(string raw) => OperationName.Parse(raw) is { } n ? stated.FindIndex(s => s.Key == n.Key) : -1;
        foreach (var pair in report.Aliases)
            if (IndexOf(pair.Name) is >= 0 and var i && IndexOf(pair.Alias) is >= 0 and var j) Union(i, j);
        for (var i = 0; i < stated.Count; i++)
            for (var j = i + 1; j < stated.Count; j++)
                if (OperationName.Links(stated[i], stated[j]) || expansions[i].Any(e => OperationName.Links(e, stated[j])))
                    Union(i, j);

        var groups = Enumerable.Range(0, stated.Count).Select(Find).Distinct().Count();
        var kept = Enumerable.Range(0, stated.Count).Where(i => groups <= MaxBridgedOperations || Find(i) == 0).ToList();
        var linking = kept.SelectMany(i => expansions[i].Prepend(stated[i]))
            .DistinctBy(n => n.Key).OrderBy(n => n.Key, StringComparer.Ordinal).ToList();
        return new Reading(kept.Select(i => stated[i]).ToList(), linking, groups > MaxBridgedOperations);
    }

    private static List<OperationName> Expand(OperationName name, IOperationAliases? known) =>
        known is null ? [] : known.AliasesOf(name.Display).Select(OperationName.Parse).OfType<OperationName>().ToList();
}
