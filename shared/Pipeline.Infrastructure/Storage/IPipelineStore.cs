using Pipeline.Contracts.Export;

namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// Everything the pipeline keeps. Two adapters implement it (MongoDB and the embedded default) and
/// one contract test suite holds both to the same behaviour.
/// </summary>
public interface IPipelineStore
{
    /// <summary>Creates collections and indexes; safe to call at every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    // Raw documents (claim check), keyed by content hash.
    /// <returns>False when a document with this hash is already stored (nothing is written).</returns>
    Task<bool> TryAddDocumentAsync(DocumentRecord document, CancellationToken cancellationToken = default);
    Task<DocumentRecord?> GetDocumentAsync(string contentHash, CancellationToken cancellationToken = default);

    // Reports.
    /// <returns>False when a report with this id exists (nothing is written).</returns>
    Task<bool> TryAddReportAsync(ReportRecord report, CancellationToken cancellationToken = default);
    /// <summary>
    /// A fetched document and its new report: the document first (kept if already stored), then the report,
    /// so a report never points at a missing body. One write where the adapter can (the fetcher's hot path).
    /// </summary>
    /// <returns>False when a report with this id exists (the report is not written).</returns>
    Task<bool> TryAddFetchedAsync(DocumentRecord document, ReportRecord report, CancellationToken cancellationToken = default);
    Task<ReportRecord?> GetReportAsync(Guid id, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<ReportRecord>> GetReportsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);
    /// <summary>Replaces the report with the same id (upsert).</summary>
    Task SaveReportAsync(ReportRecord report, CancellationToken cancellationToken = default);
    /// <summary>Reports in one state (all when null), oldest fetch first.</summary>
    Task<IReadOnlyList<ReportRecord>> ListReportsAsync(ReportState? state = null, CancellationToken cancellationToken = default);
    /// <summary>The newest report of a source (by fetch time), to link document versions.</summary>
    Task<ReportRecord?> FindLatestReportBySourceAsync(string source, CancellationToken cancellationToken = default);
    Task<IReadOnlyDictionary<ReportState, long>> CountReportsByStateAsync(CancellationToken cancellationToken = default);

    // Campaigns: the deduplicator's state.
    Task<long> GetClusterSequenceAsync(CancellationToken cancellationToken = default);
    Task<CampaignRecord?> GetCampaignAsync(Guid id, CancellationToken cancellationToken = default);
    /// <summary>
    /// Live (not merged) campaigns having any of the keys, under the crowded-key rule (<see cref="Pipeline.Domain.Campaigns.MatchKeys.Offered"/>):
    /// past <see cref="Pipeline.Domain.Campaigns.MatchKeys.CrowdedBucket"/> campaigns, a non-name key offers only those sharing a second key.
    /// </summary>
    Task<IReadOnlyList<CampaignRecord>> FindCampaignsByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CampaignRecord>> ListCampaignsAsync(bool includeMerged = false, CancellationToken cancellationToken = default);
    /// <summary>
    /// Atomically: checks the cluster sequence equals <see cref="ClusterCommit.ExpectedSequence"/> and
    /// increments it, upserts every campaign, saves the report.
    /// </summary>
    /// <returns>False (and nothing written) when the sequence moved on.</returns>
    Task<bool> TryCommitClusterAsync(ClusterCommit commit, CancellationToken cancellationToken = default);

    // Campaign views: the published, merged picture (the export's campaign objects without reports).
    Task SaveCampaignViewAsync(CampaignExport view, CancellationToken cancellationToken = default);
    Task<CampaignExport?> GetCampaignViewAsync(Guid id, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CampaignExport>> ListCampaignViewsAsync(CancellationToken cancellationToken = default);
    Task DeleteCampaignViewAsync(Guid id, CancellationToken cancellationToken = default);

    // Fetch sources' checkpoints, keyed by source name (exact, case-sensitive).
    Task<SourceState?> GetSourceStateAsync(string source, CancellationToken cancellationToken = default);
    /// <summary>Replaces the state with the same source name (upsert).</summary>
    Task SaveSourceStateAsync(SourceState state, CancellationToken cancellationToken = default);
    /// <summary>Every source's state, by name (ordinal).</summary>
    Task<IReadOnlyList<SourceState>> ListSourceStatesAsync(CancellationToken cancellationToken = default);
    /// <summary>Forgets a source's checkpoint (`pipeline reset-source`): its next poll starts afresh.</summary>
    /// <returns>False when there was none.</returns>
    Task<bool> DeleteSourceStateAsync(string source, CancellationToken cancellationToken = default);
}
