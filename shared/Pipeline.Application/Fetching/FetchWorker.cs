using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Fetching;

/// <summary>
/// The fetcher's loop: on start, re-announces reports a crash left unannounced; then polls every
/// enabled source on its own interval, at most Fetch:MaxConcurrentSources at once. A source polled
/// recently (by an earlier run) waits out the rest of its interval. One source's failure is logged
/// and recorded in its state; the others carry on.
/// </summary>
public sealed class FetchWorker(
    IServiceScopeFactory scopes,
    IPipelineStore store,
    IOptions<FetchOptions> options,
    TimeProvider clock,
    ILogger<FetchWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var stranded = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().AnnounceStrandedAsync(stoppingToken);
            if (stranded > 0)
                logger.LogInformation("Re-announced {Count} reports left unannounced by an earlier run", stranded);
        }

        var sources = SourceCatalog.Enabled(options.Value);
        if (sources.Count == 0)
        {
            logger.LogWarning("No enabled fetch sources: configure Fetch:Sources (or Fetch:DropFolder)");
            return;
        }
        logger.LogInformation("Polling {Count} sources: {Sources}", sources.Count,
            string.Join(", ", sources.Select(s => $"{s.Name} ({s.Kind}, every {SourceCatalog.IntervalOf(s, options.Value)})")));
        using var turns = new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrentSources));
        await Task.WhenAll(sources.Select(source => RunAsync(source, turns, stoppingToken)));
    }

    private async Task RunAsync(SourceOptions source, SemaphoreSlim turns, CancellationToken stoppingToken)
    {
        var interval = SourceCatalog.IntervalOf(source, options.Value);
        try
        {
            var wait = await FirstWaitAsync(source, interval, stoppingToken);
            while (true)
            {
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, clock, stoppingToken);
                await turns.WaitAsync(stoppingToken);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<SourcePoller>().PollAsync(source, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // E.g. the store unavailable: the source state could not even record it.
                    logger.LogError(e, "Source {Source}: poll failed; next try in {Interval}", source.Name, interval);
                }
                finally
                {
                    turns.Release();
                }
                wait = interval;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<TimeSpan> FirstWaitAsync(SourceOptions source, TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            var last = (await store.GetSourceStateAsync(source.Name, stoppingToken))?.LastPolledAt;
            var wait = last is { } polled ? polled + interval - clock.GetUtcNow() : TimeSpan.Zero;
            return wait > interval ? interval : wait; // a clock that moved back must not stall the source
        }
        catch (StoreUnavailableException e)
        {
            logger.LogWarning("Source {Source}: could not read its checkpoint ({Reason}); polling now", source.Name, e.Message);
            return TimeSpan.Zero;
        }
    }
}
