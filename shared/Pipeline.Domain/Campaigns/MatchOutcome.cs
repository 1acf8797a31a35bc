namespace Pipeline.Domain.Campaigns;

/// <summary>One campaign the report matched, with the score and the human-readable reasons.</summary>
public sealed record CampaignMatch(Guid CampaignId, double Score, IReadOnlyList<string> Reasons);

/// <summary>
/// The matcher's verdict. No match: open a campaign. One: join it. Several: the report bridges them,
/// so they merge into the oldest of them (its id is the one the outside world already knows).
/// <see cref="NewCampaignReasons"/> explains an open decision (e.g. the nearest candidate and why it
/// fell short).
/// </summary>
public sealed record MatchOutcome(IReadOnlyList<CampaignMatch> Matches, IReadOnlyList<string> NewCampaignReasons)
{
    public static MatchOutcome NoMatch(params string[] reasons) => new([], reasons);
}
