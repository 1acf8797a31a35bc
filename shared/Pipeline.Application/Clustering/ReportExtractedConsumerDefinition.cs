using MassTransit;
using Pipeline.Infrastructure.Messaging;

namespace Pipeline.Application.Clustering;

public sealed class ReportExtractedConsumerDefinition : ConsumerDefinition<ReportExtractedConsumer>
{
    public ReportExtractedConsumerDefinition() => EndpointName = QueueNames.ClusterReport;

    // One decision at a time per instance: decisions are serialised by the store's cluster sequence
    // anyway, so in-process parallelism would only produce conflicts and retries. Scale-out across
    // instances stays correct (optimistic concurrency), it just does not add throughput.
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ReportExtractedConsumer> consumer, IRegistrationContext context) =>
        endpoint.ApplyPipelineDefaults(context, concurrentMessageLimit: 1);
}
