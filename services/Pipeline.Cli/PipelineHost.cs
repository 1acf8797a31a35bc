using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Hosting;

namespace Pipeline.Cli;

/// <summary>Builds an in-process pipeline host for CLI commands.</summary>
internal static class PipelineHost
{
    public static IHost Build(PipelineSettings settings, PipelineRoles roles)
    {
        if (settings.EmbeddedStorePath is { } path && Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            Directory.CreateDirectory(directory);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.ToConfiguration());
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(settings.Verbose ? LogLevel.Information : LogLevel.Warning);
        // MassTransit logs every consumer fault at Error even when a retry fixes it; keep the CLI quiet.
        builder.Logging.AddFilter("MassTransit", settings.Verbose ? LogLevel.Information : LogLevel.Critical);
        builder.Services.AddSingleton<FaultMonitor>();
        builder.Services.AddPipeline(builder.Configuration, roles, bus =>
            bus.AddConsumer<FaultMonitorConsumer>().Endpoint(e => e.Temporary = true));
        return builder.Build();
    }
}
