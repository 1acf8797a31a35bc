using MassTransit;
using Pipeline.Infrastructure.Messaging;

namespace Pipeline.Application.Clustering;

public sealed class ReportExtractedConsumerDefinition : ConsumerDefinition<ReportExtractedConsumer>
{
    public ReportExtractedConsumerDefinition() => EndpointName = QueueNames.ClusterReport;

    /// <summary>
    /// Messages in hand at once. Decisions stay one at a time (CampaignClusterer decides the reports waiting
    /// for it as one group, in order, and commits them together); what runs concurrently is reading the
    /// reports, waiting for the commit and publishing the announcements. Scale-out across instances stays
    /// correct (optimistic concurrency on the cluster sequence), it just does not add decision throughput.
    /// </summary>
    public const int MessagesInHand = 32;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ReportExtractedConsumer> consumer, IRegistrationContext context) =>
        endpoint.ApplyPipelineDefaults(context, MessagesInHand);
}
