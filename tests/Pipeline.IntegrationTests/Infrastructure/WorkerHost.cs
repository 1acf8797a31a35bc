using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Hosting;

namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>
/// One worker as the services run it: its own host, its own bus connection and endpoints, only its
/// role's consumers, configured the way the containers are (Bus/Store sections).
/// </summary>
internal static class WorkerHost
{
    public static IHost Create(PipelineRoles role, Uri rabbitMq, string storePath, IEnumerable<KeyValuePair<string, string?>>? extra = null, Action<IServiceCollection>? services = null, Action<MassTransit.IBusRegistrationConfigurator>? bus = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMqUri"] = rabbitMq.ToString(),
            ["Store:Provider"] = "Embedded",
            ["Store:EmbeddedPath"] = storePath,
        });
        if (extra is not null)
            builder.Configuration.AddInMemoryCollection(extra);
        builder.Logging.AddFilter(_ => false);
        services?.Invoke(builder.Services);
        builder.Services.AddPipeline(builder.Configuration, role, bus);
        return builder.Build();
    }
}
