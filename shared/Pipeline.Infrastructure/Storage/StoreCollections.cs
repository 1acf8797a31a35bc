namespace Pipeline.Infrastructure.Storage;

/// <summary>Collection names, the same in every adapter so data and tooling read alike across stores.</summary>
internal static class StoreCollections
{
    public const string Documents = "documents";
    public const string Reports = "reports";
    public const string Campaigns = "campaigns";
    public const string CampaignViews = "campaign_views";
    public const string ClusterSequence = "cluster_sequence";
    public const string SourceStates = "source_states";

    /// <summary>Id of the single document holding the cluster sequence.</summary>
    public const string SequenceId = "cluster";
}
