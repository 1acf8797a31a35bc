using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pipeline.Application.Hosting;
using Pipeline.Infrastructure.Messaging;

namespace Pipeline.Alerting;

public static class AlertingServiceCollectionExtensions
{
    /// <summary>
    /// The alerting worker: its options ("Alerting", "Bus", "Health"; validated at start), the webhook
    /// client, and a bus with one endpoint (<see cref="AlertingQueue.Name"/>) for the three campaign events.
    /// </summary>
    public static IServiceCollection AddCampaignAlerting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertingOptions>().Bind(configuration.GetSection(AlertingOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertingOptions>, AlertingOptionsValidator>());
        services.AddOptions<BusOptions>().Bind(configuration.GetSection(BusOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HealthProbeOptions>().Bind(configuration.GetSection(HealthProbeOptions.Section));
        services.AddHealthChecks();
        services.AddHealthProbeFile();

        services.AddSingleton<CampaignAlertFilter>();
        services.AddHttpClient<WebhookClient>((provider, http) =>
            http.Timeout = provider.GetRequiredService<IOptions<AlertingOptions>>().Value.Timeout);

        var bus = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        services.AddMassTransit(x =>
        {
            x.AddConsumer<CampaignEventConsumer, CampaignEventConsumerDefinition>();
            x.UsingPipelineTransport(bus);
        });
        return services;
    }
}
