namespace Pipeline.Contracts.Messages;

/// <summary>How the deduplicator placed a report.</summary>
public enum ClusterDecision
{
    /// <summary>The report opened a new campaign.</summary>
    Opened,
    /// <summary>The report joined an existing campaign.</summary>
    Joined,
    /// <summary>The report bridged campaigns that were merged into <c>CampaignId</c>.</summary>
    Merged,
}

/// <summary>
/// The deduplicator's decision for one report: the campaign it belongs to, why, and which campaigns
/// were merged into it. The campaign publisher turns it into an enriched campaign event.
/// </summary>
public sealed record ReportClustered(
    Guid ReportId,
    Guid CampaignId,
    ClusterDecision Decision,
    double Score,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<Guid> MergedCampaignIds,
    long CampaignVersion,
    DateTimeOffset ClusteredAt);
