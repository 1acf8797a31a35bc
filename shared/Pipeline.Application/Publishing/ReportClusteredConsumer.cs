using MassTransit;
using Pipeline.Contracts.Messages;
using Pipeline.Domain.Campaigns;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Publishing;

/// <summary>
/// Campaign publisher stage: rebuilds the campaign's view from the store, saves it, and publishes the
/// enriched event for downstream alerting. Event message ids are derived from the report and campaign
/// version, so a replay re-publishes the same ids and alerting can drop the duplicate.
/// </summary>
public sealed class ReportClusteredConsumer(IPipelineStore store, IOperationAliases knownAliases, TimeProvider clock) : IConsumer<ReportClustered>
{
    public async Task Consume(ConsumeContext<ReportClustered> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        var campaign = await LiveCampaignAsync(message.CampaignId, ct);
        var members = await store.GetReportsAsync(campaign.ReportIds, ct);
        var view = CampaignViewBuilder.Build(campaign, members, knownAliases);

        await store.SaveCampaignViewAsync(view, ct);
        foreach (var merged in message.MergedCampaignIds)
            await store.DeleteCampaignViewAsync(merged, ct);

        var snapshot = CampaignViewBuilder.ToSnapshot(view, campaign.Version);
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

    /// <summary>The campaign may have been merged since the decision: follow the chain to the survivor.</summary>
    private async Task<CampaignRecord> LiveCampaignAsync(Guid id, CancellationToken ct)
    {
        var seen = new HashSet<Guid>();
        var campaign = await store.GetCampaignAsync(id, ct) ?? throw new InvalidOperationException($"Campaign {id} is not in the store.");
        while (campaign.MergedInto is { } next && seen.Add(campaign.Id))
            campaign = await store.GetCampaignAsync(next, ct) ?? throw new InvalidOperationException($"Campaign {next} is not in the store.");
        return campaign;
    }

    private static Task PublishAsync<T>(ConsumeContext<ReportClustered> context, T message, string type) where T : class
    {
        var messageId = ContentHash.EventId(type, context.Message.ReportId, context.Message.CampaignVersion);
        return context.Publish(message, p => p.MessageId = messageId, context.CancellationToken);
    }
}
