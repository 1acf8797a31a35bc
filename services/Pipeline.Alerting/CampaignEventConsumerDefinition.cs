using MassTransit;
using Pipeline.Infrastructure.Messaging;

namespace Pipeline.Alerting;

public sealed class CampaignEventConsumerDefinition : ConsumerDefinition<CampaignEventConsumer>
{
    public CampaignEventConsumerDefinition() => EndpointName = AlertingQueue.Name;

    // Same endpoint defaults as the pipeline: quorum queue, bounded retries, then the _error queue.
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<CampaignEventConsumer> consumer, IRegistrationContext context) =>
        endpoint.ApplyPipelineDefaults(context);
}
