namespace Pipeline.Contracts.Messages;

/// <summary>
/// The merged view of a campaign at one moment, carried by every campaign event so downstream
/// alerting needs no lookups. Countries are ISO 3166-1 alpha-2; platforms use the export keys.
/// </summary>
public sealed record CampaignSnapshot(
    Guid Id,
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> OriginCountries,
    IReadOnlyList<string> TargetCountries,
    IReadOnlyList<string> TargetRegions,
    IReadOnlyList<string> Actors,
    IReadOnlyList<string> Partners,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Platforms,
    DateOnly? FirstReported,
    DateOnly? LastReported,
    int ReportCount,
    long Version);
