using Pipeline.Application.Fetching.Http;
using Pipeline.Application.Observability;

namespace Pipeline.Application.Fetching;

/// <summary>
/// One document a source offers, from its request to its announcement. Pollers open one per
/// document they fetch and report how it ended; this counts it in the poll's tally and counts every
/// document the fetcher gives up on (rejected, or failed after retries) in <c>pipeline.reports.failed</c>
/// with stage <c>fetch</c>, a <see cref="FetchFailures"/> reason and the source's name. A document
/// given up on for good (rejected, or a permanent failure such as a 404 or a refused address) is also
/// recorded in the source's state (<c>FailedItems</c>), which outlives the next clean poll; one fetched
/// fine is taken off that list.
/// </summary>
internal sealed class DocumentFetch : IDisposable
{
    private readonly SourceOptions _source;
    private readonly SourceCheckpoint _checkpoint;
    private readonly PollTally _tally;

    private DocumentFetch(SourceOptions source, string document, SourceCheckpoint checkpoint, PollTally tally)
    {
        _source = source;
        _checkpoint = checkpoint;
        _tally = tally;
        Document = document;
    }

    /// <summary>The document's name as stored: a URL (credentials masked) or a folder-relative path.</summary>
    public string Document { get; }

    public static DocumentFetch Start(SourceOptions source, string document, SourceCheckpoint checkpoint, PollTally tally) =>
        new(source, document, checkpoint, tally);

    /// <summary>The ingestor stored, recognised or rejected it.</summary>
    public IngestOutcome Ingested(IngestResult result)
    {
        _tally.Count(result.Outcome);
        switch (result)
        {
            case { Outcome: IngestOutcome.Rejected }:
                PipelineMetrics.FetchFailed(_source.Name, result.Code ?? FailureReason.Other);
                _checkpoint.RecordFailure(Document, result.Error ?? "rejected");
                break;
            case { Outcome: IngestOutcome.New } or { Outcome: IngestOutcome.AlreadyKnown, Error: null }:
                _checkpoint.ClearFailure(Document);
                break;
            // Known and failed before: its entry (if still kept) stays.
        }
        return result.Outcome;
    }

    /// <summary>The host answered 304: nothing to do.</summary>
    public void Unchanged() => _tally.Unchanged++;

    /// <summary>The fetcher gave up on the document for this poll (after the retries the request had).</summary>
    public void Failed(FetchException failure)
    {
        Failed(failure.Code);
        if (failure.Permanent)
            _checkpoint.RecordFailure(Document, failure.Message);
    }

    /// <summary>The fetcher gave up on the document for this poll; it is tried again next poll.</summary>
    public void Failed(string code) => PipelineMetrics.FetchFailed(_source.Name, code);

    public void Dispose()
    {
    }
}
