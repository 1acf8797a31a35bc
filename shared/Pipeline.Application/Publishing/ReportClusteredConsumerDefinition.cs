using MassTransit;
using Pipeline.Infrastructure.Messaging;

namespace Pipeline.Application.Publishing;

public sealed class ReportClusteredConsumerDefinition : ConsumerDefinition<ReportClusteredConsumer>
{
    public ReportClusteredConsumerDefinition() => EndpointName = QueueNames.PublishCampaign;

    /// <summary>
    /// Messages in hand at once: views are rebuilt concurrently and events published concurrently;
    /// CampaignViewWriter keeps the saves in campaign-version order.
    /// </summary>
    public const int MessagesInHand = 16;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ReportClusteredConsumer> consumer, IRegistrationContext context) =>
        endpoint.ApplyPipelineDefaults(context, MessagesInHand);
}
