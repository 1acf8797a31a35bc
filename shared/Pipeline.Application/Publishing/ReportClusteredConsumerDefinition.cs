using MassTransit;
using Pipeline.Infrastructure.Messaging;

namespace Pipeline.Application.Publishing;

public sealed class ReportClusteredConsumerDefinition : ConsumerDefinition<ReportClusteredConsumer>
{
    public ReportClusteredConsumerDefinition() => EndpointName = QueueNames.PublishCampaign;

    // Views are rebuilt whole from the store; one at a time per instance keeps an older rebuild from
    // overwriting a newer one of the same campaign.
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ReportClusteredConsumer> consumer, IRegistrationContext context) =>
        endpoint.ApplyPipelineDefaults(context, concurrentMessageLimit: 1);
}
