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

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the root span of one report's trace in the fetcher, around storing the document and
    /// publishing ReportFetched; MassTransit carries it to every later stage in the message headers.
    /// Without it the trace starts at the ReportFetched publish. Dispose it when the report is announced.
    /// </summary>
    public static Activity? StartFetch(string source)
    {
        var activity = Source.StartActivity("fetch report", ActivityKind.Producer);
        activity?.SetTag("pipeline.source", source);
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
