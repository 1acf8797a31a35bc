using Pipeline.Application.Fetching.Http;
using Pipeline.Application.Observability;

namespace Pipeline.Application.Fetching;

/// <summary>
/// One document a source offers, from its request to its announcement. Pollers open one per
/// document they fetch and report how it ended; this counts it in the poll's tally and counts every
/// document the fetcher gives up on (rejected, or failed after retries) in <c>pipeline.reports.failed</c>
/// with stage <c>fetch</c>, a <see cref="FetchFailures"/> reason and the source's name.
/// </summary>
internal sealed class DocumentFetch : IDisposable
{
    private readonly SourceOptions _source;
    private readonly PollTally _tally;

    private DocumentFetch(SourceOptions source, string document, PollTally tally)
    {
        _source = source;
        _tally = tally;
        Document = document;
    }

    /// <summary>The document's name as stored: a URL (credentials masked) or a folder-relative path.</summary>
    public string Document { get; }

    public static DocumentFetch Start(SourceOptions source, string document, PollTally tally) => new(source, document, tally);

    /// <summary>The ingestor stored, recognised or rejected it.</summary>
    public IngestOutcome Ingested(IngestResult result)
    {
        _tally.Count(result.Outcome);
        if (result.Outcome == IngestOutcome.Rejected)
            PipelineMetrics.FetchFailed(_source.Name, result.Code ?? FailureReason.Other);
        return result.Outcome;
    }

    /// <summary>The host answered 304: nothing to do.</summary>
    public void Unchanged() => _tally.Unchanged++;

    /// <summary>The fetcher gave up on the document for this poll (after the retries the request had).</summary>
    public void Failed(FetchException failure) => Failed(failure.Code);

    /// <inheritdoc cref="Failed(FetchException)"/>
    public void Failed(string code) => PipelineMetrics.FetchFailed(_source.Name, code);

    public void Dispose()
    {
    }
}
