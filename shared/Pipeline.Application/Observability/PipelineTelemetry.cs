using System.Diagnostics;

namespace Pipeline.Application.Observability;

/// <summary>
/// The pipeline's own telemetry sources. MassTransit ("MassTransit") and HttpClient ("System.Net.Http")
/// emit theirs; these add what only the pipeline knows: which report and campaign a span is about.
/// </summary>
public static class PipelineTelemetry
{
    /// <summary>Name of the pipeline's <see cref="ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string SourceName = "Pipeline";

    /// <summary>MassTransit's ActivitySource and Meter (its DiagnosticHeaders.DefaultListenerName).</summary>
    public const string MassTransitSourceName = "MassTransit";

    /// <summary>HttpClient's built-in ActivitySource and Meter (.NET 9 and later).</summary>
    public const string HttpClientSourceName = "System.Net.Http";

    /// <summary>Span tag and log baggage key for the report a message is about.</summary>
    public const string ReportIdKey = "pipeline.report_id";

    /// <summary>Span tag and log baggage key for the campaign a message is about.</summary>
    public const string CampaignIdKey = "pipeline.campaign_id";

    /// <summary>Name of the root span of a report's trace (<see cref="StartFetch"/>).</summary>
    public const string FetchActivityName = "fetch report";

    /// <summary>Fetch span tags: the configured source, the document (URL with credentials masked, or file), how it ended.</summary>
    public const string SourceKey = "pipeline.source";
    public const string DocumentKey = "pipeline.document";
    public const string FetchOutcomeKey = "pipeline.fetch.outcome";
    public const string FailureReasonKey = "pipeline.failure.reason";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the root span of one report's trace in the fetcher, around requesting the document
    /// (HttpClient's spans, one per attempt, are its children), storing it and publishing ReportFetched;
    /// MassTransit carries it to every later stage in the message headers. The fetcher opens one per
    /// document it fetches, outside any other span, so each document starts its own trace.
    /// Dispose it when the report is announced (or given up on).
    /// </summary>
    public static Activity? StartFetch(string source, string? document = null)
    {
        var activity = Source.StartActivity(FetchActivityName, ActivityKind.Internal);
        activity?.SetTag(SourceKey, source);
        if (document is not null)
            activity?.SetTag(DocumentKey, document);
        return activity;
    }

    /// <summary>Marks the current span (and, through baggage, every log line under it) with the message's ids.</summary>
    public static void TagCurrent(Guid? reportId, Guid? campaignId)
    {
        if (Activity.Current is not { } activity)
            return;
        if (reportId is { } report)
        {
            activity.SetTag(ReportIdKey, report);
            activity.SetBaggage(ReportIdKey, report.ToString());
        }
        if (campaignId is { } campaign)
        {
            activity.SetTag(CampaignIdKey, campaign);
            activity.SetBaggage(CampaignIdKey, campaign.ToString());
        }
    }
}
