using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Campaigns;

/// <summary>
/// Decides which campaign a report belongs to. Pure and deterministic: the same report and the same
/// candidates give the same outcome, so a replayed decision is recomputed identically.
/// </summary>
public interface ICampaignMatcher
{
    /// <summary>
    /// Keys that any campaign this report could join shares with it (normalised names and aliases,
    /// origin/period keys). The store returns campaigns having any of them: a blocking index, not a scan.
    /// </summary>
    IReadOnlyList<string> BlockingKeys(ExtractedReport report);

    /// <summary>Keys a campaign is indexed under, derived from all its members.</summary>
    IReadOnlyList<string> CampaignKeys(IReadOnlyList<CampaignMember> members);

    MatchOutcome Match(CampaignMember report, IReadOnlyList<CampaignCandidate> candidates);
}
