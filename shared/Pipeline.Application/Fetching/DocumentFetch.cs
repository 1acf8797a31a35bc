using System.Diagnostics;
using Pipeline.Application.Fetching.Http;
using Pipeline.Application.Observability;

namespace Pipeline.Application.Fetching;

/// <summary>
/// One document a source offers, from its request to its announcement; pollers open one per
/// document they fetch and say how it ended. It is the root span of the report's trace
/// (<see cref="PipelineTelemetry.StartFetch"/>): the HTTP requests, the store writes and the
/// ReportFetched publish happen inside it, so every later stage joins that trace. It counts the
/// document in the poll's tally, and every document the fetcher gives up on (rejected, or failed
/// after retries) in <c>pipeline.reports.failed</c> with stage <c>fetch</c>, a
/// <see cref="FetchFailures"/> reason and the source's name. A document given up on for good
/// (rejected, or a permanent failure such as a 404 or a refused address) is also recorded in the
/// source's state (<c>FailedItems</c>), which outlives the next clean poll; one fetched fine later
/// is taken off that list.
/// </summary>
internal sealed class DocumentFetch : IDisposable
{
    private readonly SourceOptions _source;
    private readonly SourceCheckpoint _checkpoint;
    private readonly PollTally _tally;
    private readonly Activity? _activity;

    private DocumentFetch(SourceOptions source, string document, SourceCheckpoint checkpoint, PollTally tally)
    {
        _source = source;
        _checkpoint = checkpoint;
        _tally = tally;
        Document = document;
        _activity = PipelineTelemetry.StartFetch(source.Name, document);
    }

    /// <summary>The document's name as stored: a URL (credentials masked) or a folder-relative path.</summary>
    public string Document { get; }

    public static DocumentFetch Start(SourceOptions source, string document, SourceCheckpoint checkpoint, PollTally tally) =>
        new(source, document, checkpoint, tally);

    /// <summary>The ingestor stored, recognised or rejected it.</summary>
    public IngestOutcome Ingested(IngestResult result)
    {
        _tally.Count(result.Outcome);
        _activity?.SetTag(PipelineTelemetry.ReportIdKey, result.ReportId);
        _activity?.SetTag(PipelineTelemetry.FetchOutcomeKey, result.Outcome switch
        {
            IngestOutcome.New => "new",
            IngestOutcome.AlreadyKnown => "known",
            _ => "rejected",
        });
        switch (result)
        {
            case { Outcome: IngestOutcome.Rejected }:
                _activity?.SetTag(PipelineTelemetry.FailureReasonKey, result.Code);
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
    public void Unchanged()
    {
        _tally.Unchanged++;
        _activity?.SetTag(PipelineTelemetry.FetchOutcomeKey, "unchanged");
    }

    /// <summary>The fetcher gave up on the document for this poll (after the retries the request had).</summary>
    public void Failed(FetchException failure)
    {
        Failed(failure.Code);
        _activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
        if (failure.Permanent)
            _checkpoint.RecordFailure(Document, failure.Message);
    }

    /// <summary>The fetcher gave up on the document for this poll, for the reason <paramref name="code"/> (a <see cref="FetchFailures"/> value).</summary>
    public void Failed(string code)
    {
        _activity?.SetTag(PipelineTelemetry.FetchOutcomeKey, "failed");
        _activity?.SetTag(PipelineTelemetry.FailureReasonKey, code);
        _activity?.SetStatus(ActivityStatusCode.Error);
        PipelineMetrics.FetchFailed(_source.Name, code);
    }

    /// <summary>Ends the span.</summary>
    public void Dispose() => _activity?.Dispose();
}
