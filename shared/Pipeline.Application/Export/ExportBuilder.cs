using Pipeline.Contracts.Export;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Export;

/// <summary>Reads the export (campaigns, unmatched, failed) back from a store.</summary>
public sealed class ExportBuilder(IPipelineStore store)
{
    public async Task<ExportDocument> BuildAsync(CancellationToken cancellationToken)
    {
        var live = (await store.ListCampaignsAsync(includeMerged: false, cancellationToken)).Select(c => c.Id).ToHashSet();
        var campaigns = (await store.ListCampaignViewsAsync(cancellationToken))
            .Where(v => live.Contains(v.Id))
            .OrderBy(v => v.FirstReported ?? DateOnly.MaxValue)
            .ThenBy(v => v.Name, StringComparer.Ordinal)
            .ThenBy(v => v.Id)
            .ToArray();
        var unmatched = (await store.ListReportsAsync(ReportState.Unmatched, cancellationToken))
            .OrderBy(r => r.Source, StringComparer.Ordinal)
            .Select(ReportExportMapper.ToExport)
            .ToArray();
        var failed = (await store.ListReportsAsync(ReportState.Failed, cancellationToken))
            .OrderBy(r => r.Source, StringComparer.Ordinal)
            .Select(r => new FailedExport(r.Source, r.Error ?? "failed"))
            .ToArray();
        return new ExportDocument(campaigns, unmatched, failed);
    }
}
