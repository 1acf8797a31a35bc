using MassTransit;
using Pipeline.Contracts.Messages;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Clustering;

/// <summary>Deduplicator stage: places each extracted takedown report in a campaign.</summary>
public sealed class ReportExtractedConsumer(IPipelineStore store, CampaignClusterer clusterer) : IConsumer<ReportExtracted>
{
    public async Task Consume(ConsumeContext<ReportExtracted> context)
    {
        if (!context.Message.DescribesTakedown)
            return; // recorded as unmatched by the extractor; nothing to cluster

        var report = await store.GetReportAsync(context.Message.ReportId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Report {context.Message.ReportId} is not in the store.");

        var clustered = await clusterer.ClusterAsync(report, context.CancellationToken);
        if (clustered is not null)
            await context.Publish(clustered, context.CancellationToken);
    }
}
