using MassTransit;

namespace Pipeline.Infrastructure.Messaging;

public static class BusTransportExtensions
{
    /// <summary>
    /// The transport every pipeline host uses: RabbitMQ with publisher confirms, or the in-memory bus
    /// for running in one process. Endpoints come from the registered consumer definitions.
    /// </summary>
    public static void UsingPipelineTransport(this IBusRegistrationConfigurator bus, BusOptions options)
    {
        if (options.Transport == BusTransport.RabbitMq)
        {
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(options.RabbitMqUri!), host => host.PublisherConfirmation = true);
                cfg.ConfigureEndpoints(context);
            });
        }
        else
        {
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        }
    }
}
