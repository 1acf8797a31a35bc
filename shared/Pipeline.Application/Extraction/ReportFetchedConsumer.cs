using MassTransit;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Observability;
using Pipeline.Contracts.Messages;
using Pipeline.Domain.Extraction;
using Pipeline.Domain.Reports;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Extraction;

/// <summary>
/// Extractor stage: reads the stored document, extracts what it says, stores the result with the
/// report and announces it. A document that can never be read is recorded as failed and consumed.
/// </summary>
public sealed class ReportFetchedConsumer(
    IPipelineStore store,
    IReportExtractor extractor,
    DocumentReader reader,
    TimeProvider clock,
    ILogger<ReportFetchedConsumer> logger) : IConsumer<ReportFetched>
{
    public async Task Consume(ConsumeContext<ReportFetched> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        var report = await store.GetReportAsync(message.ReportId, ct)
            ?? throw new InvalidOperationException($"Report {message.ReportId} ({message.Source}) is not in the store; the fetcher stores it before publishing.");

        // A reprocess request re-reads a report another extractor version read, or failed to read: the
        // version is recorded on failure too (reports that failed before that was done have none).
        var reread = message.Reprocess && report.State is not ReportState.Fetched
            && report.ExtractorVersion != extractor.Version && (report.State is not ReportState.Failed || report.FailedStage == PipelineStage.Extract);
        if (report.State is not ReportState.Fetched && !reread)
        {
            // Replay or redelivery: the work is done. Re-announce it (downstream is idempotent) so a
            // crash between our write and our publish cannot strand the report.
            await AnnounceAsync(context, report);
            return;
        }

        var document = await store.GetDocumentAsync(report.ContentHash, ct)
            ?? throw new InvalidOperationException($"Document {report.ContentHash} for report {report.Id} is missing from the store.");

        ReportRecord updated;
        try
        {
            var text = reader.Read(report.Source, report.MediaType, document.Content, report.PublishedOn);
            var extraction = Extract(text);
            updated = report with
            {
                Title = report.Title ?? extraction.Title ?? text.Title,
                Extraction = extraction,
                ExtractorVersion = extractor.Version,
                State = NextState(report, extraction.DescribesTakedown),
                FailedStage = null,
                Error = null,
                UpdatedAt = clock.GetUtcNow(),
            };
        }
        catch (MalformedDocumentException e)
        {
            logger.LogWarning("Report {ReportId} ({Source}) failed extraction: {Reason}", report.Id, report.Source, e.Message);
            // The version that failed is recorded, so a newer extractor's `pipeline reprocess` tries it again.
            var failed = report with { State = ReportState.Failed, FailedStage = PipelineStage.Extract, Error = e.Message, ExtractorVersion = extractor.Version, UpdatedAt = clock.GetUtcNow() };
            await store.SaveReportAsync(failed, ct);
            await context.Publish(new ReportFailed(report.Id, report.Source, PipelineStage.Extract, e.Message, clock.GetUtcNow()), ct);
            return;
        }

        await store.SaveReportAsync(updated, ct);
        await AnnounceAsync(context, updated);
    }

    /// <summary>
    /// The extractor is pure: text it throws on throws the same way on every retry and every replay. Such a
    /// report is recorded as failed with the reason (it shows in the export's `failed` and in `status`) instead
    /// of retrying into the error queue, where `ingest` would leave it out; `pipeline reprocess` re-reads it
    /// once a fixed extractor (a new version) is deployed.
    /// </summary>
    private ExtractedReport Extract(ReportText text)
    {
        try
        {
            return extractor.Extract(text);
        }
        catch (Exception e) when (e is not MalformedDocumentException)
        {
            logger.LogError(e, "The extractor ({Version}) threw on {Source}; the report is recorded as failed", extractor.Version, text.Source);
            throw new MalformedDocumentException($"the extractor could not read this text ({e.GetType().Name}: {e.Message})", e);
        }
    }

    /// <summary>
    /// A report already in a campaign stays there when re-read (membership is the deduplicator's
    /// decision; the campaign view is rebuilt from the new reading, so nothing is counted twice).
    /// </summary>
    private static ReportState NextState(ReportRecord report, bool describesTakedown) => report.State switch
    {
        ReportState.Clustered => ReportState.Clustered,
        _ => describesTakedown ? ReportState.Extracted : ReportState.Unmatched,
    };

    private async Task AnnounceAsync(ConsumeContext context, ReportRecord report)
    {
        if (report.State is ReportState.Failed)
        {
            await context.Publish(new ReportFailed(report.Id, report.Source, report.FailedStage ?? PipelineStage.Extract, report.Error ?? "failed", report.UpdatedAt), context.CancellationToken);
            return;
        }
        var extraction = report.Extraction!;
        await context.Publish(
            new ReportExtracted(
                report.Id,
                report.Source,
                extraction.DescribesTakedown,
                extraction.OperationNames.Select(f => f.Value).Distinct().ToArray(),
                extraction.OriginCountries.Select(f => f.Value).Distinct().ToArray(),
                report.ExtractorVersion ?? extractor.Version,
                report.UpdatedAt),
            context.CancellationToken);
    }
}
