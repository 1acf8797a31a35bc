using MassTransit;
using Pipeline.Application.Observability;
using Pipeline.Contracts.Messages;

namespace Pipeline.Alerting;

/// <summary>Turns each campaign event that passes the filter into one webhook POST.</summary>
public sealed class CampaignEventConsumer(CampaignAlertFilter filter, WebhookClient webhook, ILogger<CampaignEventConsumer> logger)
    : IConsumer<CampaignDetected>, IConsumer<CampaignUpdated>, IConsumer<CampaignsMerged>
{
    public Task Consume(ConsumeContext<CampaignDetected> context) => AlertAsync(context, CampaignAlert.From(context.Message, IdOf(context)));

    public Task Consume(ConsumeContext<CampaignUpdated> context) => AlertAsync(context, CampaignAlert.From(context.Message, IdOf(context)));

    public Task Consume(ConsumeContext<CampaignsMerged> context) => AlertAsync(context, CampaignAlert.From(context.Message, IdOf(context)));

    private async Task AlertAsync(ConsumeContext context, CampaignAlert alert)
    {
        if (!filter.Matches(alert.Campaign))
        {
            PipelineMetrics.Alert(alert.Event, "filtered");
            logger.LogDebug("Filtered out {Event} for campaign {CampaignId}", alert.Event, alert.Campaign.Id);
            return;
        }
        await webhook.PostAsync(alert, context.CancellationToken);
        PipelineMetrics.Alert(alert.Event, "posted");
        logger.LogInformation("Posted {Event} for campaign {CampaignId} ({CampaignName}) after report {ReportId}",
            alert.Event, alert.Campaign.Id, alert.Campaign.Name, alert.ReportId);
    }

    private static Guid IdOf(ConsumeContext context) => context.MessageId ?? NewId.NextGuid();
}
