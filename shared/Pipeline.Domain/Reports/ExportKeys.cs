namespace Pipeline.Domain.Reports;

/// <summary>The export contract's fixed platform and asset keys.</summary>
public static class ExportKeys
{
    public static readonly IReadOnlySet<string> Platforms = new HashSet<string>(StringComparer.Ordinal)
    {
        "facebook", "instagram", "twitter", "youtube", "tiktok", "reddit", "telegram", "linkedin",
        "pinterest", "medium", "vk", "wikipedia", "blogger", "google_ads", "gmail", "other",
    };

    public static readonly IReadOnlySet<string> AssetKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "accounts", "pages", "groups", "channels", "events", "followers", "ads_spend_usd", "assets",
    };
}
