using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pipeline.Application.Hosting;

/// <summary>
/// File probes for containers, from one health run every <see cref="HealthProbeOptions.Interval"/>:
/// <list type="bullet">
/// <item>readiness (<see cref="HealthProbeOptions.ProbeFile"/>): touched while every check is healthy
/// (MassTransit's bus checks and the store's <see cref="StoreHealthCheck"/>), deleted otherwise, so the
/// orchestrator stops counting a worker that lost its broker or store as ready;</item>
/// <item>liveness (<see cref="HealthProbeOptions.LiveFile"/>): touched on every run of this loop whose checks
/// not tagged <see cref="HealthProbeOptions.DependencyTag"/> are healthy. The store and the bus are external
/// dependencies: a restart fixes neither a store outage (the store-outage breaker already holds messages in
/// the queue) nor a broker restart (MassTransit reconnects on its own), and restarting every pod at once
/// for either only adds a reconnect storm. The liveness file goes stale when the process cannot run this
/// loop, or a check hangs past every timeout — a stuck process, which a restart does fix.</item>
/// </list>
/// </summary>
internal sealed class HealthProbeWriter(HealthCheckService health, IOptions<HealthProbeOptions> options, TimeProvider clock, ILogger<HealthProbeWriter> logger) : BackgroundService
{
    private string? ReadyFile => options.Value.ProbeFile is { Length: > 0 } path ? path : null;

    private string? LiveFile => options.Value.LiveFile is { Length: > 0 } path ? path : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ReadyFile is null && LiveFile is null)
            return;
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            var report = await health.CheckHealthAsync(stoppingToken);
            var stamp = clock.GetUtcNow().ToString("O");
            if (LiveFile is { } live)
                await MarkAsync(live, report.Entries.Values.Where(e => !e.Tags.Contains(HealthProbeOptions.DependencyTag)).All(e => e.Status == HealthStatus.Healthy) ? stamp : null, stoppingToken);
            if (ReadyFile is { } ready)
                await MarkAsync(ready, report.Status == HealthStatus.Healthy ? stamp : null, stoppingToken);
            if (report.Status != HealthStatus.Healthy)
            {
                logger.LogWarning("Unhealthy: {Checks}", string.Join(", ", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}={e.Value.Status}")));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Unready (and no longer alive) at once; and again once the loop has stopped, since a check that
        // passed just before the stop may write a file after the first delete.
        DeleteFiles();
        try
        {
            await base.StopAsync(cancellationToken);
        }
        finally
        {
            DeleteFiles();
        }
    }

    private void DeleteFiles()
    {
        if (ReadyFile is { } ready)
            Delete(ready);
        if (LiveFile is { } live)
            Delete(live);
    }

    /// <summary>
    /// Writes the stamp, or deletes the file when there is none. A file that cannot be written (a full or
    /// read-only folder, a file of another user) is logged, not thrown: an exception here would stop the
    /// host, and an unwritten file already reads as unhealthy to the probe.
    /// </summary>
    private async Task MarkAsync(string path, string? stamp, CancellationToken stoppingToken)
    {
        if (stamp is null)
        {
            Delete(path);
            return;
        }
        try
        {
            await File.WriteAllTextAsync(path, stamp, stoppingToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not write the probe file {Path}", path);
        }
    }

    private void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not delete the probe file {Path}", path);
        }
    }
}
