using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pipeline.Application.Observability;

/// <summary>
/// The pipeline's metrics (Meter "Pipeline"). Hosts that call AddPipelineObservability record them
/// automatically from the bus (see PipelineConsumeObserver and PipelinePublishObserver); code may also
/// call these methods directly for what the bus cannot see. Names are documented in docs/observability.md.
/// </summary>
public static class PipelineMetrics
{
    private static readonly Meter Meter = new(PipelineTelemetry.SourceName);

    private static readonly Counter<long> Processed = Meter.CreateCounter<long>(
        "pipeline.reports.processed", "{report}", "Reports a stage finished (fetch: announced; later stages: message consumed).");

    private static readonly Counter<long> Failed = Meter.CreateCounter<long>(
        "pipeline.reports.failed", "{report}", "Reports a stage gave up on: recorded as failed, or moved to the _error queue after retries.");

    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "pipeline.queue.lag", "s", "Time a message waited between being sent and its first consume attempt.");

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "pipeline.dedup.decisions", "{report}", "Deduplicator decisions: opened, joined, merged, or not_takedown.");

    private static readonly Counter<long> Alerts = Meter.CreateCounter<long>(
        "pipeline.alerts", "{event}", "Campaign events the alerting worker handled: posted or filtered.");

    public static void ReportProcessed(string stage) => Processed.Add(1, new TagList { { "stage", stage } });

    public static void ReportFailed(string stage, string reason) =>
        Failed.Add(1, new TagList { { "stage", stage }, { "reason", reason } });

    /// <summary>
    /// A document the fetcher gave up on: rejected (too large, unsupported type) or failed after its
    /// retries (HTTP status, refused address or redirect, timeout). Tagged with the configured source's
    /// name too: a bounded set, and the first thing an operator asks.
    /// </summary>
    public static void FetchFailed(string source, string reason) =>
        Failed.Add(1, new TagList { { "stage", PipelineStage.Fetch }, { "reason", reason }, { "source", source } });

    public static void QueueLag(string queue, TimeSpan lag) =>
        Lag.Record(Math.Max(0, lag.TotalSeconds), new TagList { { "queue", queue } });

    public static void DedupDecision(string decision) => Decisions.Add(1, new TagList { { "decision", decision } });

    public static void Alert(string eventType, string outcome) =>
        Alerts.Add(1, new TagList { { "event", eventType }, { "outcome", outcome } });
}
