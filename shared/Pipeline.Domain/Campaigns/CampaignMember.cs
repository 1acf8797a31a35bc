using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Campaigns;

/// <summary>A report that belongs (or may belong) to a campaign, with what it says.</summary>
public sealed record CampaignMember(Guid ReportId, ExtractedReport Report);

/// <summary>An existing campaign offered to the matcher, with its member reports.</summary>
public sealed record CampaignCandidate(Guid CampaignId, IReadOnlyList<CampaignMember> Members);
