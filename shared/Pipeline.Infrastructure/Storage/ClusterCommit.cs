namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// Deduplication decisions, written atomically: the campaigns they create or change (each in its final
/// state) and the reports' assignments. <see cref="ExpectedSequence"/> is the clustering sequence the
/// decisions were computed against; the commit fails if another commit landed in between (optimistic
/// concurrency across deduplicator instances), and the caller recomputes.
/// </summary>
public sealed record ClusterCommit(
    long ExpectedSequence,
    IReadOnlyList<CampaignRecord> Campaigns,
    IReadOnlyList<ReportRecord> Reports)
{
    /// <summary>One decision: one report placed.</summary>
    public ClusterCommit(long expectedSequence, IReadOnlyList<CampaignRecord> campaigns, ReportRecord report)
        : this(expectedSequence, campaigns, [report])
    {
    }
}
