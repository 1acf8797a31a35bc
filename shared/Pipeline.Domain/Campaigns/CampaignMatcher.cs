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

    public IReadOnlyList<string> BlockingKeys(ExtractedReport report) =>
        MatchKeys.Lookup(FactsOf(report)).Distinct().Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> CampaignKeys(IReadOnlyList<CampaignMember> members) =>
        members.SelectMany(m => MatchKeys.Index(FactsOf(m.Report))).Distinct().Order(StringComparer.Ordinal).ToList();

    public MatchOutcome Match(CampaignMember report, IReadOnlyList<CampaignCandidate> candidates)
    {
        var facts = FactsOf(report.Report);
        var matches = new List<CampaignMatch>();
        (Guid Id, PairScore Score)? nearest = null;
        foreach (var candidate in candidates.DistinctBy(c => c.CampaignId))
        {
            var best = BestMember(facts, report.ReportId, candidate);
            if (best is null) continue;
            if (best.Linked) matches.Add(new CampaignMatch(candidate.CampaignId, best.Score, best.Reasons));
            else if (nearest is null || best.Score > nearest.Value.Score.Score
                     || (best.Score == nearest.Value.Score.Score && candidate.CampaignId.CompareTo(nearest.Value.Id) < 0))
                nearest = (candidate.CampaignId, best);
        }
        if (matches.Count > 0)
            return new MatchOutcome(matches.OrderByDescending(m => m.Score).ThenBy(m => m.CampaignId).ToList(), []);
        if (nearest is null) return MatchOutcome.NoMatch("no candidate campaign shares a name, origin-month or figure");
        var (id, score) = nearest.Value;
        return MatchOutcome.NoMatch(
            [$"nearest campaign {id} scored {score.Score} without a link (no shared name, distinctive figure or agreeing context)", .. score.Reasons]);
    }

    /// <summary>Scores two reports against each other, the unit every match is built from (for explanations and tests).</summary>
    public PairScore Score(ExtractedReport a, ExtractedReport b) => PairScorer.Score(FactsOf(a), FactsOf(b));

    private PairScore? BestMember(ReportFacts facts, Guid reportId, CampaignCandidate candidate)
    {
        PairScore? best = null;
        var replayed = false;
        // Members in a fixed order so equal scores pick the same member's reasons every time.
        foreach (var member in candidate.Members.OrderBy(m => m.ReportId))
        {
            if (member.ReportId == reportId) { replayed = true; continue; } // not its own evidence
            var score = PairScorer.Score(facts, FactsOf(member.Report));
            if (best is null || score.BetterThan(best)) best = score with { Reasons = [.. score.Reasons, "via " + member.Report.Source] };
        }
        // A replayed report stays where it is, even if it was the campaign's only member.
        return replayed ? new PairScore(true, best?.Score ?? 0, ["already a member (replay)", .. best?.Reasons ?? []]) : best;
    }

    private ReportFacts FactsOf(ExtractedReport report) =>
        _facts.GetValue(report, r => ReportFacts.Of(r, knownAliases));
}
