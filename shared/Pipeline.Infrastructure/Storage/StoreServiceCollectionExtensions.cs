using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pipeline.Infrastructure.Storage;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPipelineStore"/> (a singleton, disposed with the container) from the
    /// "Store" section, validated when the host starts. Stores initialize themselves on first use;
    /// calling <see cref="IPipelineStore.InitializeAsync"/> at start only fails faster.
    /// </summary>
    public static IServiceCollection AddPipelineStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StoreOptions>()
            .Bind(configuration.GetSection(StoreOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.TryAddSingleton(sp => PipelineStoreFactory.Create(sp.GetRequiredService<IOptions<StoreOptions>>().Value));
        return services;
    }
}
