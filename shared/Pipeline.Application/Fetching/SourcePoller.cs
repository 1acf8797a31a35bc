using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Application.Fetching.Http;
using Pipeline.Application.Fetching.Sources;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Fetching;

/// <summary>
/// One poll of one source: loads its checkpoint, runs the kind's poller, and records the outcome in
/// the source state (LastError when the source, or any of its entries, failed). Whatever goes wrong
/// is contained here, so a failing source never stops the others. Resolve one per poll (scoped);
/// the kind pollers come from the same scope (they are internal, hence the provider).
/// </summary>
public sealed class SourcePoller(
    IPipelineStore store,
    IServiceProvider services,
    IOptions<FetchOptions> options,
    TimeProvider clock,
    ILogger<SourcePoller> logger)
{
    public async Task<PollReport> PollAsync(SourceOptions source, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var checkpoint = await SourceCheckpoint.LoadAsync(store, source.Name, options.Value.MaxSeenItems, options.Value.MaxFailedItems, clock, cancellationToken);
        var tally = new PollTally();
        string? sourceError = null;
        try
        {
            await (source.Kind == SourceKind.Folder
                ? services.GetRequiredService<FolderPoller>().PollAsync(source, checkpoint, tally, cancellationToken)
                : services.GetRequiredService<WebSourcePoller>().PollAsync(source, checkpoint, tally, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: keep what this poll finished, so the restart does not redo it.
            await checkpoint.SaveAsync(CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is FetchException or FeedFormatException or IOException)
        {
            sourceError = e.Message;
        }
        catch (Exception e) when (e is not StoreUnavailableException)
        {
            logger.LogError(e, "Source {Source}: unexpected failure", source.Name);
            sourceError = $"unexpected {e.GetType().Name}: {e.Message}";
        }

        var error = tally.ErrorOr(sourceError);
        await checkpoint.CompleteAsync(error, cancellationToken);
        var report = tally.ToReport(source.Name, error, clock.GetElapsedTime(started));
        if (error is not null)
            logger.LogWarning("Source {Source}: {Report}", source.Name, report);
        else if (!report.Quiet)
            logger.LogInformation("Source {Source}: {Report}", source.Name, report);
        else
            logger.LogDebug("Source {Source}: nothing new", source.Name);
        return report;
    }
}
