using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Application.Fetching.Http;
using Pipeline.Contracts.Messages;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Fetching;

/// <summary>
/// Stores a fetched document and announces it, once. The report id is derived from the content hash,
/// so the same bytes from any source or restart map to the same report. A report still in the Fetched
/// state (announcement possibly lost in a crash) is announced again with the same message id; the
/// extractor treats repeats as no-ops.
/// </summary>
public sealed class DocumentIngestor(
    IPipelineStore store,
    IPublishEndpoint publisher,
    IOptions<FetchOptions> options,
    TimeProvider clock,
    ILogger<DocumentIngestor> logger)
{
    public async Task<IngestResult> IngestAsync(FetchedDocument document, CancellationToken cancellationToken)
    {
        var hash = ContentHash.Of(document.Content);
        var reportId = ContentHash.ReportId(hash);
        var existing = await store.GetReportAsync(reportId, cancellationToken);
        if (existing is not null && existing.State is not ReportState.Fetched)
            return new IngestResult(reportId, IngestOutcome.AlreadyKnown, existing.State is ReportState.Failed ? existing.Error : null);

        var now = clock.GetUtcNow();
        if (existing is null)
        {
            var previous = await store.FindLatestReportBySourceAsync(document.Source, cancellationToken);
            var report = new ReportRecord
            {
                Id = reportId,
                ContentHash = hash,
                Source = document.Source,
                Title = document.Title,
                MediaType = document.MediaType,
                FetchedAt = now,
                PublishedOn = document.PublishedOn,
                PreviousVersionId = previous is not null && previous.ContentHash != hash ? previous.Id : null,
                UpdatedAt = now,
            };

            if (Rejection(document) is var (code, rejection))
            {
                logger.LogWarning("Rejected {Source}: {Reason}", document.Source, rejection);
                await store.TryAddReportAsync(report with { State = ReportState.Failed, FailedStage = "fetch", Error = rejection }, cancellationToken);
                return new IngestResult(reportId, IngestOutcome.Rejected, rejection, code);
            }

            // Document first, report second (one write): a report never points at a missing body.
            if (!await store.TryAddFetchedAsync(new DocumentRecord(hash, document.Source, document.MediaType, document.Content, now), report, cancellationToken))
                return new IngestResult(reportId, IngestOutcome.AlreadyKnown); // a concurrent fetcher won
            existing = report;
        }

        await AnnounceAsync(existing, cancellationToken);
        return new IngestResult(reportId, IngestOutcome.New);
    }

    /// <summary>
    /// Records a document refused before it could be read whole (over the size limit, so never in
    /// memory): a failed report, once per source and <see cref="DocumentRejection.Fingerprint"/>.
    /// Nothing is stored or announced. Its code is always <see cref="FetchFailures.TooLarge"/>.
    /// </summary>
    public async Task<IngestResult> RejectAsync(DocumentRejection rejection, CancellationToken cancellationToken)
    {
        var reportId = ContentHash.DeterministicId("rejected", rejection.Source + "\n" + rejection.Fingerprint);
        if (await store.GetReportAsync(reportId, cancellationToken) is not null)
            return new IngestResult(reportId, IngestOutcome.AlreadyKnown, rejection.Reason, FetchFailures.TooLarge);

        var now = clock.GetUtcNow();
        var previous = await store.FindLatestReportBySourceAsync(rejection.Source, cancellationToken);
        logger.LogWarning("Rejected {Source}: {Reason}", rejection.Source, rejection.Reason);
        var added = await store.TryAddReportAsync(new ReportRecord
        {
            Id = reportId,
            ContentHash = rejection.Fingerprint,
            Source = rejection.Source,
            Title = rejection.Title,
            MediaType = rejection.MediaType,
            FetchedAt = now,
            PreviousVersionId = previous?.Id,
            State = ReportState.Failed,
            FailedStage = "fetch",
            Error = rejection.Reason,
            UpdatedAt = now,
        }, cancellationToken);
        return new IngestResult(reportId, added ? IngestOutcome.Rejected : IngestOutcome.AlreadyKnown, rejection.Reason, FetchFailures.TooLarge);
    }

    /// <summary>Re-announces reports stuck in Fetched (e.g. the process died before publishing).</summary>
    public async Task<int> AnnounceStrandedAsync(CancellationToken cancellationToken)
    {
        var stranded = await store.ListReportsAsync(ReportState.Fetched, cancellationToken);
        foreach (var report in stranded)
            await AnnounceAsync(report, cancellationToken);
        return stranded.Count;
    }

    private Task AnnounceAsync(ReportRecord report, CancellationToken cancellationToken)
    {
        var messageId = ContentHash.EventId(nameof(ReportFetched), report.Id, 0);
        return publisher.Publish(
            new ReportFetched(report.Id, report.ContentHash, report.Source, report.Title, report.MediaType, report.FetchedAt),
            context => context.MessageId = messageId,
            cancellationToken);
    }

    private (string Code, string Reason)? Rejection(FetchedDocument document)
    {
        if (document.Content.LongLength > options.Value.MaxDocumentBytes)
            return (FetchFailures.TooLarge, $"document is {document.Content.LongLength:N0} bytes, over the {options.Value.MaxDocumentBytes:N0}-byte limit");
        if (!MediaTypes.ByExtension.Values.Contains(MediaTypes.Normalise(document.MediaType)))
            return (FetchFailures.UnsupportedMediaType, $"unsupported media type '{document.MediaType}'");
        return null;
    }
}
