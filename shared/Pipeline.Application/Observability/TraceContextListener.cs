using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Pipeline.Application.Observability;

/// <summary>
/// Without an OTLP endpoint nothing listens to the ActivitySources, so MassTransit would create no
/// spans: no trace id in the logs and none carried to the next stage. This listener asks for ids only
/// (no recording, nothing exported), which is enough to follow one report's trace id across workers' logs.
/// </summary>
internal sealed class TraceContextListener : IHostedService, IDisposable
{
    private readonly ActivityListener listener = new()
    {
        ShouldListenTo = source => source.Name is PipelineTelemetry.SourceName or PipelineTelemetry.MassTransitSourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ActivitySource.AddActivityListener(listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => listener.Dispose();
}
