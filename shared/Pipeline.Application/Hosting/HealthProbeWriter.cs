using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pipeline.Application.Hosting;

/// <summary>
/// File probe for containers: touches the probe file while every health check (MassTransit's bus
/// checks and the store's <see cref="StoreHealthCheck"/>) is healthy and deletes it otherwise, so the
/// orchestrator stops routing to, and eventually restarts, a worker that lost its broker or store.
/// </summary>
internal sealed class HealthProbeWriter(HealthCheckService health, IOptions<HealthProbeOptions> options, TimeProvider clock, ILogger<HealthProbeWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ProbeFile is not { Length: > 0 } path)
            return;
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            var report = await health.CheckHealthAsync(stoppingToken);
            if (report.Status == HealthStatus.Healthy)
            {
                await File.WriteAllTextAsync(path, clock.GetUtcNow().ToString("O"), stoppingToken);
            }
            else
            {
                File.Delete(path);
                logger.LogWarning("Unhealthy: {Checks}", string.Join(", ", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}={e.Value.Status}")));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ProbeFile is not { Length: > 0 } path)
        {
            await base.StopAsync(cancellationToken);
            return;
        }
        // Unready at once; and again once the loop has stopped, since a check that passed just before the
        // stop may write the file after the first delete.
        File.Delete(path);
        try
        {
            await base.StopAsync(cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
