namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// One deduplication decision, written atomically: the campaigns it creates or changes and the
/// report's assignment. <see cref="ExpectedSequence"/> is the clustering sequence the decision was
/// computed against; the commit fails if another decision landed in between (optimistic
/// concurrency across deduplicator instances), and the caller recomputes.
/// </summary>
public sealed record ClusterCommit(
    long ExpectedSequence,
    IReadOnlyList<CampaignRecord> Campaigns,
    ReportRecord Report);
