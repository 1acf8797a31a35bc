using Pipeline.Contracts.Messages;

namespace Pipeline.Alerting;

/// <summary>
/// The webhook body (snake_case JSON). <see cref="Text"/> is a one-line summary chat webhooks display as
/// is; <see cref="MessageId"/> is stable across replays (the publisher derives it), so receivers can dedupe.
/// </summary>
public sealed record CampaignAlert(
    string Event,
    Guid MessageId,
    Guid ReportId,
    DateTimeOffset OccurredAt,
    string Text,
    CampaignSnapshot Campaign,
    IReadOnlyList<Guid> MergedCampaignIds)
{
    public const string Detected = "campaign.detected";
    public const string Updated = "campaign.updated";
    public const string Merged = "campaign.merged";

    public static CampaignAlert From(CampaignDetected e, Guid messageId) =>
        new(Detected, messageId, e.ReportId, e.DetectedAt, Summary("New campaign", e.Campaign), e.Campaign, []);

    public static CampaignAlert From(CampaignUpdated e, Guid messageId) =>
        new(Updated, messageId, e.ReportId, e.UpdatedAt, Summary("Campaign updated", e.Campaign), e.Campaign, []);

    public static CampaignAlert From(CampaignsMerged e, Guid messageId) =>
        new(Merged, messageId, e.ReportId, e.MergedAt, Summary($"{e.MergedCampaignIds.Count + 1} campaigns merged into", e.Campaign), e.Campaign, e.MergedCampaignIds);

    private static string Summary(string what, CampaignSnapshot c)
    {
        var origin = c.OriginCountries.Count > 0 ? string.Join("/", c.OriginCountries) : "unknown origin";
        var platforms = c.Platforms.Count > 0 ? string.Join(", ", c.Platforms.Keys.Order()) : "no platform named";
        return $"{what}: {c.Name} ({origin}; {platforms}; {c.ReportCount} report(s))";
    }
}
