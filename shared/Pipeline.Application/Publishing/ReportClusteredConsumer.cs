using MassTransit;
using Pipeline.Contracts.Messages;
using Pipeline.Infrastructure.Documents;

namespace Pipeline.Application.Publishing;

/// <summary>
/// Campaign publisher stage: rebuilds the campaign's view from the store, saves it, and publishes the
/// enriched event for downstream alerting. Event message ids are derived from the report and campaign
/// version, so a replay re-publishes the same ids and alerting can drop the duplicate.
/// </summary>
public sealed class ReportClusteredConsumer(CampaignViewWriter views, TimeProvider clock) : IConsumer<ReportClustered>
{
    public async Task Consume(ConsumeContext<ReportClustered> context)
    {
        var message = context.Message;
        var (view, version) = await views.RefreshAsync(message.CampaignId, message.MergedCampaignIds, context.CancellationToken);

        var snapshot = CampaignViewBuilder.ToSnapshot(view, version);
        var now = clock.GetUtcNow();
        switch (message.Decision)
        {
            case ClusterDecision.Opened:
                await PublishAsync(context, new CampaignDetected(snapshot, message.ReportId, now), nameof(CampaignDetected));
                break;
            case ClusterDecision.Joined:
                await PublishAsync(context, new CampaignUpdated(snapshot, message.ReportId, now), nameof(CampaignUpdated));
                break;
            case ClusterDecision.Merged:
                await PublishAsync(context, new CampaignsMerged(snapshot, message.MergedCampaignIds, message.ReportId, now), nameof(CampaignsMerged));
                break;
        }
    }

    private static Task PublishAsync<T>(ConsumeContext<ReportClustered> context, T message, string type) where T : class
    {
        var messageId = ContentHash.EventId(type, context.Message.ReportId, context.Message.CampaignVersion);
        return context.Publish(message, p => p.MessageId = messageId, context.CancellationToken);
    }
}
