using System.Runtime.CompilerServices;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Campaigns;

/// <summary>
/// Single-linkage matcher: a report matches a campaign when it links (<see cref="PairScorer"/>) to
/// any member, scored by its best-linking member. Because pair links are symmetric and judged report
/// to report (never against a campaign's accumulated totals), joining every match and merging on a
/// bridge yields the connected components of the link graph, whatever the arrival order.
/// </summary>
public sealed class CampaignMatcher(IOperationAliases? knownAliases = null) : ICampaignMatcher
{
    // Facts are derived once per report instance; reports are immutable records.
    private readonly ConditionalWeakTable<ExtractedReport, ReportFacts> _facts = new();
    // One delegate for the matcher, not one per lookup (a lambda capturing the aliases allocates at each call).
    private readonly ConditionalWeakTable<ExtractedReport, ReportFacts>.CreateValueCallback _derive = r => ReportFacts.Of(r, knownAliases);

    public IReadOnlyList<string> BlockingKeys(ExtractedReport report) =>
        MatchKeys.Lookup(FactsOf(report)).Distinct().Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> CampaignKeys(IReadOnlyList<CampaignMember> members) =>
        members.SelectMany(m => MatchKeys.Index(FactsOf(m.Report))).Distinct().Order(StringComparer.Ordinal).ToList();

    public MatchOutcome Match(CampaignMember report, IReadOnlyList<CampaignCandidate> candidates)
    {
        var facts = FactsOf(report.Report);
        var matches = new List<CampaignMatch>();
        (Guid Id, Best Score)? nearest = null;
        foreach (var candidate in candidates.DistinctBy(c => c.CampaignId))
        {
            if (BestMember(facts, report.ReportId, candidate) is not { } best) continue;
            if (best.Linked)
            {
                var explained = Explain(facts, best);
                matches.Add(new CampaignMatch(candidate.CampaignId, explained.Score, explained.Reasons));
            }
            else if (nearest is null || best.Score > nearest.Value.Score.Score
                     || (best.Score == nearest.Value.Score.Score && candidate.CampaignId.CompareTo(nearest.Value.Id) < 0))
                nearest = (candidate.CampaignId, best);
        }
        if (matches.Count > 0)
            return new MatchOutcome(matches.OrderByDescending(m => m.Score).ThenBy(m => m.CampaignId).ToList(), []);
        if (nearest is null) return MatchOutcome.NoMatch("no candidate campaign shares a name, origin-month or figure");
        var (id, score) = (nearest.Value.Id, Explain(facts, nearest.Value.Score));
        return MatchOutcome.NoMatch(
            [$"nearest campaign {id} scored {score.Score} without a link (no shared name, distinctive figure or agreeing context)", .. score.Reasons]);
    }

    /// <summary>Scores two reports against each other, the unit every match is built from (for explanations and tests).</summary>
    public PairScore Score(ExtractedReport a, ExtractedReport b) => PairScorer.Score(FactsOf(a), FactsOf(b));

    /// <summary>A candidate's best-linking member, ranked on the numbers alone; <see cref="Explain"/> words it.</summary>
    private readonly record struct Best(bool Linked, double Score, CampaignMember? Member, bool Replayed);

    private Best? BestMember(ReportFacts facts, Guid reportId, CampaignCandidate candidate)
    {
        (bool Linked, double Score)? best = null;
        CampaignMember? bestMember = null;
        var replayed = false;
        // Members in a fixed order so equal scores pick the same member's reasons every time.
        foreach (var member in InIdOrder(candidate.Members))
        {
            if (member.ReportId == reportId) { replayed = true; continue; } // not its own evidence
            var score = PairScorer.Evaluate(facts, FactsOf(member.Report), reasons: null);
            // PairScore.BetterThan on the numbers: linked first, then strictly more points (the first of equals stays).
            if (best is not { } b || (score.Linked != b.Linked ? score.Linked : score.Score > b.Score))
                (best, bestMember) = (score, member);
        }
        // A replayed report stays where it is, even if it was the campaign's only member.
        if (replayed) return new Best(true, best?.Score ?? 0, bestMember, Replayed: true);
        return best is { } found ? new Best(found.Linked, found.Score, bestMember, Replayed: false) : null;
    }

    /// <summary>The reasons of the one member kept, recomputed in full (scoring is deterministic, so the points agree).</summary>
    private PairScore Explain(ReportFacts facts, Best best)
    {
        PairScore? scored = null;
        if (best.Member is { } member)
        {
            var score = PairScorer.Score(facts, FactsOf(member.Report));
            scored = score with { Reasons = [.. score.Reasons, "via " + member.Report.Source] };
        }
        return best.Replayed ? new PairScore(true, scored?.Score ?? 0, ["already a member (replay)", .. scored?.Reasons ?? []]) : scored!;
    }

    /// <summary>Members by report id (a stable sort, as OrderBy), without sorting when they already are in order.</summary>
    private static IEnumerable<CampaignMember> InIdOrder(IReadOnlyList<CampaignMember> members)
    {
        for (var i = 1; i < members.Count; i++)
            if (members[i - 1].ReportId.CompareTo(members[i].ReportId) > 0) return members.OrderBy(m => m.ReportId);
        return members;
    }

    private ReportFacts FactsOf(ExtractedReport report) =>
        _facts.GetValue(report, _derive);
}
