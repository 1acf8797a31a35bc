using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.Application.Clustering;
using Pipeline.Application.Extraction;
using Pipeline.Application.Fetching;
using Pipeline.Application.Publishing;
using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Extraction;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Messaging;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Hosting;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store, the bus and the consumers of the given roles (plus any the host adds via
    /// <paramref name="configureBus"/>). Options are bound from
    /// configuration ("Bus", "Store", "Fetch") and validated when the host starts.
    /// </summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration configuration, PipelineRoles roles, Action<IBusRegistrationConfigurator>? configureBus = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<BusOptions>().Bind(configuration.GetSection(BusOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddPipelineStore(configuration);

        services.TryAddSingleton<DocumentReader>();
        services.TryAddSingleton<IReportExtractor>(_ => DomainServices.CreateExtractor());
        services.TryAddSingleton<ICampaignMatcher>(_ => DomainServices.CreateMatcher());
        services.TryAddSingleton(DomainServices.KnownAliases);
        services.TryAddSingleton<CampaignClusterer>(); // one per process: it groups concurrent placements
        services.TryAddSingleton<CampaignMemberCache>();
        services.TryAddSingleton<CampaignViewWriter>(); // one per process: it orders view saves
        services.TryAddScoped<DocumentIngestor>();
        if (roles.HasFlag(PipelineRoles.Fetcher))
            services.AddFetchSources(); // HTTP clients, pollers and the Fetch:Sources validator; the host adds FetchWorker
        services.AddHostedService<StoreInitializer>();
        services.AddOptions<HealthProbeOptions>().Bind(configuration.GetSection(HealthProbeOptions.Section));
        // MassTransit adds its bus and endpoint checks (tagged "ready"); the store's is ours. Both are external
        // dependencies: they decide readiness (the probe file), not liveness (HealthProbeWriter).
        var checks = services.AddHealthChecks().AddCheck<StoreHealthCheck>(StoreHealthCheck.Name, tags: [HealthProbeOptions.DependencyTag]);

        var bus = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        if (bus.Transport == BusTransport.RabbitMq)
        {
            services.TryAddSingleton<BrokerHealthCheck>();
            checks.AddCheck<BrokerHealthCheck>(BrokerHealthCheck.Name, tags: [HealthProbeOptions.DependencyTag]);
        }
        // Start only once the bus is connected and every endpoint's topology is declared: a publish
        // before the consumer's queue is bound would be dropped by the broker. Stop waits for
        // in-flight messages (SIGTERM finishes or returns them).
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        services.AddMassTransit(x =>
        {
            if (roles.HasFlag(PipelineRoles.Extractor))
                x.AddConsumer<ReportFetchedConsumer, ReportFetchedConsumerDefinition>();
            if (roles.HasFlag(PipelineRoles.Deduplicator))
                x.AddConsumer<ReportExtractedConsumer, ReportExtractedConsumerDefinition>();
            if (roles.HasFlag(PipelineRoles.Publisher))
                x.AddConsumer<ReportClusteredConsumer, ReportClusteredConsumerDefinition>();
            configureBus?.Invoke(x);

            x.UsingPipelineTransport(bus);
        });
        return services;
    }

    /// <summary>For worker containers: a readiness file kept fresh while the worker and its dependencies are healthy, and a liveness file while the worker itself runs.</summary>
    public static IServiceCollection AddHealthProbeFile(this IServiceCollection services)
    {
        services.AddHostedService<HealthProbeWriter>();
        return services;
    }
}
