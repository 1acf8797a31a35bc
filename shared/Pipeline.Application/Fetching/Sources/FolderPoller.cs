using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Application.Fetching.Http;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Fetching.Sources;

/// <summary>
/// Polls a Folder source. A file whose (path, size, write time) matches its checkpoint stamp is not
/// read again; a changed one is read and ingested (a new version if its bytes changed). A file over
/// the size limit is rejected from its size alone, never read into memory.
/// </summary>
internal sealed class FolderPoller(DocumentIngestor ingestor, IOptions<FetchOptions> options, ILogger<FolderPoller> logger)
{
    public async Task PollAsync(SourceOptions source, SourceCheckpoint checkpoint, PollTally tally, CancellationToken cancellationToken)
    {
        var folder = new FolderSource(source.Path!);
        if (!Directory.Exists(folder.Folder))
            throw new DirectoryNotFoundException($"folder {folder.Folder} does not exist (yet)");

        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in folder.ListFiles())
        {
            var name = folder.SourceName(path);
            present.Add(name);
            try
            {
                // Stamp taken before reading: a file written meanwhile differs next poll and is read again.
                var info = new FileInfo(path);
                var stamp = new FileStamp(info.Length, info.LastWriteTimeUtc);
                if (checkpoint.FileStampOf(name) == stamp)
                {
                    tally.Unchanged++;
                    continue;
                }
                using var fetch = DocumentFetch.Start(source, name, checkpoint, tally);
                try
                {
                    fetch.Ingested(await IngestAsync(folder, path, stamp, cancellationToken));
                }
                catch (IOException)
                {
                    fetch.Failed(FetchFailures.Unreadable);
                    throw;
                }
                checkpoint.SetFile(name, stamp);
            }
            catch (IOException e)
            {
                // Not stamped: read again next poll.
                logger.LogWarning("Source {Source}: could not read {File}: {Reason}", source.Name, name, e.Message);
                tally.Fail($"{name}: {e.Message}");
            }
            await checkpoint.SaveIfDueAsync(cancellationToken);
        }
        checkpoint.KeepFiles(present);
        await checkpoint.SaveAsync(cancellationToken);
    }

    private async Task<IngestResult> IngestAsync(FolderSource folder, string path, FileStamp stamp, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxDocumentBytes;
        if (stamp.Length > limit)
        {
            var name = folder.SourceName(path);
            return (await ingestor.RejectAsync(new DocumentRejection(name, MediaTypes.FromFileName(path)!,
                $"document is {stamp.Length:N0} bytes, over the {limit:N0}-byte limit; not read",
                $"file:{stamp.Length}:{stamp.LastWriteTime.UtcTicks}"), cancellationToken));
        }
        return await ingestor.IngestAsync(await folder.ReadAsync(path, cancellationToken), cancellationToken);
    }
}
