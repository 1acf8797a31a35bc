using Pipeline.Contracts.Messages;

namespace Pipeline.Application.Observability;

/// <summary>Stage names used as the "stage" tag of every pipeline metric.</summary>
public static class PipelineStage
{
    public const string Fetch = "fetch";
    public const string Extract = "extract";
    public const string Deduplicate = "deduplicate";
    public const string Publish = "publish";
    public const string Alert = "alert";

    /// <summary>The stage that consumes a message of this type, or null for messages no stage consumes.</summary>
    public static string? Consuming(Type messageType) => messageType switch
    {
        _ when messageType == typeof(ReportFetched) => Extract,
        _ when messageType == typeof(ReportExtracted) => Deduplicate,
        _ when messageType == typeof(ReportClustered) => Publish,
        _ when messageType == typeof(CampaignDetected) || messageType == typeof(CampaignUpdated) || messageType == typeof(CampaignsMerged) => Alert,
        _ => null,
    };
}
