namespace Pipeline.Infrastructure.Messaging;

/// <summary>
/// Every receive endpoint the pipeline declares. The only place queue names are spelled: consumer
/// definitions, the operator CLI and the RabbitMQ definitions test all read them from here.
/// </summary>
public static class QueueNames
{
    /// <summary>Extractor: consumes ReportFetched.</summary>
    public const string ExtractReport = "extract-report";

    /// <summary>Deduplicator: consumes ReportExtracted.</summary>
    public const string ClusterReport = "cluster-report";

    /// <summary>Campaign publisher: consumes ReportClustered, stores the view, publishes campaign events.</summary>
    public const string PublishCampaign = "publish-campaign";

    public static readonly IReadOnlyList<string> All = [ExtractReport, ClusterReport, PublishCampaign];

    public static string Error(string queue) => queue + "_error";

    public static string Skipped(string queue) => queue + "_skipped";
}
