using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Hosting;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.Sqlite;

namespace Pipeline.Cli.Bench;

/// <summary>
/// One pipeline host for the bench, configured exactly as `ingest` (in-memory) or a worker container
/// (RabbitMQ) configures it, with one difference: the store is wrapped in a <see cref="StoreProbe"/>
/// so the bench learns when each report is finished without polling the store.
/// </summary>
internal static class BenchHost
{
    /// <summary>
    /// The store all of a run's hosts share: one embedded store instance, as one process uses it. The
    /// hosts stand in for separate workers; what the bench compares is the messaging path against the
    /// raw client, not how several processes share the file.
    /// </summary>
    public static SqlitePipelineStore OpenStore(string storePath) => new(storePath, new StoreOptions().EmbeddedBusyTimeout);

    public static IHost Build(PipelineRoles roles, string? rabbitMqUri, IPipelineStore store, LatencyRecorder recorder, bool verbose)
    {
        var storePath = store is SqlitePipelineStore embedded ? embedded.FilePath : "";
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = rabbitMqUri is null ? "InMemory" : "RabbitMq",
            ["Bus:RabbitMqUri"] = rabbitMqUri,
            ["Store:Provider"] = StoreProvider.Embedded,
            ["Store:EmbeddedPath"] = storePath,
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("MassTransit", verbose ? LogLevel.Information : LogLevel.Critical);

        // Registered before AddPipeline, whose store registration is a TryAdd: this one wins. The
        // caller owns the shared store and disposes it after every host has stopped.
        builder.Services.AddSingleton(_ => StoreProbe.Wrap(store, recorder));
        builder.Services.AddPipeline(builder.Configuration, roles);
        return builder.Build();
    }
}
