using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pipeline.Application.Fetching;

/// <summary>
/// The fetcher's loop: on start, re-announces reports a crash left unannounced; then polls the drop
/// folder every interval. A failing file is logged and skipped; it never stops the loop.
/// </summary>
public sealed class FetchWorker(IServiceScopeFactory scopes, IOptions<FetchOptions> options, TimeProvider clock, ILogger<FetchWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var stranded = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().AnnounceStrandedAsync(stoppingToken);
            if (stranded > 0)
                logger.LogInformation("Re-announced {Count} reports left unannounced by an earlier run", stranded);
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            if (options.Value.DropFolder is { Length: > 0 } folder)
                await PollFolderAsync(new FolderSource(folder), stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PollFolderAsync(FolderSource source, CancellationToken ct)
    {
        if (!Directory.Exists(source.Folder))
        {
            logger.LogWarning("Drop folder {Folder} does not exist; waiting for it", source.Folder);
            return;
        }
        var added = 0;
        foreach (var file in source.ListFiles())
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestAsync(await source.ReadAsync(file, ct), ct);
                if (result.Outcome != IngestOutcome.AlreadyKnown)
                    added++;
            }
            catch (IOException e)
            {
                logger.LogWarning("Could not read {File}: {Reason}", file, e.Message);
            }
        }
        if (added > 0)
            logger.LogInformation("Drop folder {Folder}: {Count} new documents", source.Folder, added);
    }
}
