using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Export;

/// <summary>How far a set of reports has got, read from the store.</summary>
public sealed record PipelineProgress(int Total, int Fetched, int Extracted, int Clustered, int Unmatched, int Failed, int StaleCampaignViews, int Faulted = 0)
{
    /// <summary>
    /// Every report reached a final state (or its message faulted into an _error queue) and every live
    /// campaign's view includes all its members.
    /// </summary>
    public bool Complete => Fetched + Extracted == Faulted && StaleCampaignViews == 0;

    public override string ToString() =>
        $"{Total - Fetched}/{Total} read, {Clustered} in campaigns, {Unmatched} unmatched, {Failed} failed" +
        (Faulted > 0 ? $", {Faulted} faulted (in _error queues)" : "") +
        (StaleCampaignViews > 0 ? $", {StaleCampaignViews} campaign views updating" : "");

    /// <param name="faulted">Reports whose message faulted after every retry: they wait in an _error queue for `pipeline replay`.</param>
    public static async Task<PipelineProgress> ReadAsync(IPipelineStore store, IReadOnlyCollection<Guid> reportIds, CancellationToken cancellationToken, IReadOnlySet<Guid>? faulted = null)
    {
        var reports = await store.GetReportsAsync(reportIds, cancellationToken);
        int Count(ReportState state) => reports.Count(r => r.State == state);
        var stuck = faulted is null ? 0 : reports.Count(r => r.State is ReportState.Fetched or ReportState.Extracted && faulted.Contains(r.Id));

        var views = (await store.ListCampaignViewsAsync(cancellationToken)).ToDictionary(v => v.Id);
        var live = await store.ListCampaignsAsync(includeMerged: false, cancellationToken);
        var liveIds = live.Select(c => c.Id).ToHashSet();
        // Stale: a live campaign without a view covering all its members, or a view of a merged campaign.
        var stale = live.Count(c => !views.TryGetValue(c.Id, out var view) || view.Reports.Count != c.ReportIds.Count)
            + views.Keys.Count(id => !liveIds.Contains(id));

        return new PipelineProgress(reportIds.Count, Count(ReportState.Fetched), Count(ReportState.Extracted),
            Count(ReportState.Clustered), Count(ReportState.Unmatched), Count(ReportState.Failed), stale, stuck);
    }
}
