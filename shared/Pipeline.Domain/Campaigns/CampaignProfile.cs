using System.Text.Json.Serialization;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Campaigns;

/// <summary>Every value reports state for one platform figure, and the value the campaign shows.</summary>
public sealed record FigureView(
    string Platform,
    string Asset,
    long Chosen,
    IReadOnlyList<(long Count, IReadOnlyList<string> Sources)> Stated)
{
    public bool Disputed => Stated.Count > 1;
}

/// <summary>
/// The merged picture of a campaign, derived from its member reports only (so it can always be
/// rebuilt, and replaying a report cannot inflate it).
/// </summary>
public sealed record CampaignProfile(
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> OriginCountries,
    IReadOnlyList<string> TargetCountries,
    IReadOnlyList<string> TargetRegions,
    IReadOnlyList<string> Actors,
    IReadOnlyList<string> Partners,
    IReadOnlyList<FigureView> Figures,
    DateOnly? FirstReported,
    DateOnly? LastReported)
{
    /// <summary>Platforms some member report says removed the network's assets, with or without a figure.</summary>
    public IReadOnlyList<string> PresentPlatforms { get; init; } = [];

    /// <summary>
    /// The chosen figures in the export's platform → asset kind → count shape, plus an empty row for each present
    /// platform no report gives a figure for.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Platforms =>
        PlatformTable.WithPresence(PlatformTable.From(Figures.Select(f => (f.Platform, f.Asset, f.Chosen))), PresentPlatforms);
}
