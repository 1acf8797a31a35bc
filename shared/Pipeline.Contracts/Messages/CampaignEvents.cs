namespace Pipeline.Contracts.Messages;

/// <summary>A report opened a campaign nobody had seen before.</summary>
public sealed record CampaignDetected(CampaignSnapshot Campaign, Guid ReportId, DateTimeOffset DetectedAt);

/// <summary>A report joined an existing campaign; the snapshot is the campaign after it joined.</summary>
public sealed record CampaignUpdated(CampaignSnapshot Campaign, Guid ReportId, DateTimeOffset UpdatedAt);

/// <summary>
/// A report showed that campaigns were one operation. <see cref="Campaign"/> is the survivor;
/// <see cref="MergedCampaignIds"/> are kept in the store, marked as merged into it.
/// </summary>
public sealed record CampaignsMerged(
    CampaignSnapshot Campaign,
    IReadOnlyList<Guid> MergedCampaignIds,
    Guid ReportId,
    DateTimeOffset MergedAt);
