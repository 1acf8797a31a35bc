using MassTransit;
using Pipeline.Infrastructure.Messaging;

namespace Pipeline.Application.Extraction;

public sealed class ReportFetchedConsumerDefinition : ConsumerDefinition<ReportFetchedConsumer>
{
    public ReportFetchedConsumerDefinition() => EndpointName = QueueNames.ExtractReport;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ReportFetchedConsumer> consumer, IRegistrationContext context) =>
        endpoint.ApplyPipelineDefaults(context);
}
