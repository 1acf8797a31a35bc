using Pipeline.Contracts.Messages;
using Pipeline.Domain.Reports;

namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// How a report joined its campaign: the export's "match", plus the decision it caused and the campaign
/// version that decision produced (so a replay re-announces exactly the same decision).
/// </summary>
public sealed record MatchRecord(
    double Score,
    IReadOnlyList<string> Reasons,
    ClusterDecision Decision = ClusterDecision.Joined,
    long CampaignVersion = 0,
    IReadOnlyList<Guid>? MergedCampaignIds = null);

/// <summary>
/// One report (one document version) and everything the pipeline learned about it. Its id is derived
/// from the content hash, so fetching the same bytes twice can never make two reports.
/// </summary>
public sealed record ReportRecord
{
    public required Guid Id { get; init; }
    public required string ContentHash { get; init; }
    public required string Source { get; init; }
    public string? Title { get; init; }
    public required string MediaType { get; init; }
    public required DateTimeOffset FetchedAt { get; init; }
    public DateOnly? PublishedOn { get; init; }
    public ReportState State { get; init; } = ReportState.Fetched;
    /// <summary>The previous version of the same source, when the document changed.</summary>
    public Guid? PreviousVersionId { get; init; }
    public ExtractedReport? Extraction { get; init; }
    public string? ExtractorVersion { get; init; }
    /// <summary>The campaign the report joined; it may since have been merged (follow CampaignRecord.MergedInto).</summary>
    public Guid? CampaignId { get; init; }
    public MatchRecord? Match { get; init; }
    public string? FailedStage { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
