using Pipeline.Domain.Knowledge;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// Finds the tactics a report states. A tactic holds in a sentence that has one of its phrases, or a term
/// from each of its term lists ("profile photos" + "artificial intelligence"), or where the report states
/// a figure that implies it (ad spend → ads).
/// </summary>
internal static class TacticReader
{
    public static List<Tactic> Read(ReportDocument doc, IReadOnlyList<TakedownCount> counts)
    {
        var tactics = doc.Index.Tactics;
        var demonymLists = doc.Index.TacticDemonymLists;
        var found = new List<Tactic>();
        var seen = new bool[tactics.Length];
        Span<int> lists = stackalloc int[tactics.Length];
        for (var s = 0; s < doc.Sentences.Count; s++)
        {
            if (doc.Has(s, SentenceFlags.SeparateNetwork | SentenceFlags.Comparison | SentenceFlags.OtherNetwork))
                continue;
            if (!doc.HasAny(s, ReportDocument.KindBit(MentionKind.TacticTerm)))
                continue; // most sentences: a demonym alone completes no tactic
            var mentions = doc.MentionsIn(s);
            lists.Clear();
            var any = false;
            foreach (var m in mentions)
            {
                if (m.Kind == MentionKind.TacticTerm)
                {
                    var (tactic, list) = KnowledgeIndex.SplitTacticTermId(m.Id);
                    if (list == 0 || !tactics[tactic].Ordered || InOrder(mentions, m, tactic, list))
                        lists[tactic] |= 1 << list;
                    any = true;
                }
                else if (m.Kind == MentionKind.Demonym)
                {
                    for (var t = 0; t < tactics.Length; t++)
                        lists[t] |= demonymLists[t];
                }
            }
            for (var t = 0; any && t < tactics.Length; t++)
            {
                if (seen[t] || lists[t] == 0 || !Holds(lists[t], tactics[t].AllOf.Count))
                    continue;
                seen[t] = true;
                found.Add(new Tactic(tactics[t].Name, tactics[t].DisarmId, doc.EvidenceFor(s)));
            }
        }
        for (var t = 0; t < tactics.Length; t++)
        {
            if (seen[t] || tactics[t].ImpliedByAssetKind is not { } kind)
                continue;
            foreach (var count in counts)
            {
                if (count.AssetKind == kind)
                {
                    found.Add(new Tactic(tactics[t].Name, tactics[t].DisarmId, count.Evidence));
                    break;
                }
            }
        }
        return found;
    }

    /// <summary>Maximum distance between the terms of an ordered tactic: "Pages that pretended to be news outlets".</summary>
    private const int MaxOrderedGap = 80;

    /// <summary>A term of list k (k &gt; 1) counts for an ordered tactic only shortly after a term of list k-1.</summary>
    private static bool InOrder(ReadOnlySpan<Mention> mentions, Mention term, int tactic, int list)
    {
        if (list == 1)
            return true;
        foreach (var m in mentions)
        {
            if (m.Start >= term.Start)
                break;
            if (m.Kind == MentionKind.TacticTerm && KnowledgeIndex.SplitTacticTermId(m.Id) == (tactic, list - 1)
                && term.Start - m.End <= MaxOrderedGap)
                return true;
        }
        return false;
    }

    /// <summary>Per tactic, the bits of the allOf lists that a demonym satisfies.</summary>
    internal static int[] DemonymLists(TacticDefinition[] tactics) =>
        tactics.Select(t => t.AllOf
            .Select((list, k) => list.Contains(TacticDefinition.AnyDemonym) ? 1 << (k + 1) : 0)
            .Aggregate(0, (a, b) => a | b)).ToArray();

    /// <summary>Bit 0: a phrase matched; bit k: a term of list k matched. Every list is needed without a phrase.</summary>
    private static bool Holds(int lists, int allOfCount)
    {
        if ((lists & 1) != 0)
            return true;
        if (allOfCount == 0)
            return false;
        var all = ((1 << allOfCount) - 1) << 1;
        return (lists & all) == all;
    }
}
