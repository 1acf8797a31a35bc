using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pipeline.Application.Fetching.Http;
using Pipeline.Application.Fetching.Sources;

namespace Pipeline.Application.Fetching;

public static class FetchServiceCollectionExtensions
{
    /// <summary>
    /// What polling sources needs: the options validator, the guarded and resilient HTTP clients, the
    /// pollers. Expects <see cref="FetchOptions"/> bound (AddPipeline does), an <c>IPipelineStore</c>
    /// and a bus; the host adds <see cref="FetchWorker"/> to run the polls.
    /// </summary>
    public static IServiceCollection AddFetchSources(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(HttpDocumentClient)))
            return services; // registered already; a second resilience handler would double every retry
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FetchOptions>, FetchOptionsValidator>());
        FetchHttpClients.Register(services);
        services.TryAddSingleton<HttpDocumentClient>();
        services.TryAddScoped<DocumentIngestor>();
        services.TryAddScoped<SourcePoller>();
        services.TryAddScoped<WebSourcePoller>();
        services.TryAddScoped<FolderPoller>();
        return services;
    }
}
