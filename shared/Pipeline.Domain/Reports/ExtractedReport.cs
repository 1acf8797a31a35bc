using System.Text.Json.Serialization;

namespace Pipeline.Domain.Reports;

/// <summary>A value the extractor found, with the sentence that justifies it.</summary>
public sealed record Finding(string Value, Evidence Evidence);

/// <summary>
/// A number of assets a platform removed, of one kind ("accounts", "pages", ... or "assets" for an
/// unsplit total). <see cref="Platform"/> and <see cref="AssetKind"/> use the export contract's keys.
/// </summary>
public sealed record TakedownCount(string Platform, string AssetKind, long Count, Evidence Evidence);

/// <summary>A tactic the report states, tagged with a DISARM technique id where one clearly fits.</summary>
public sealed record Tactic(string Name, string? DisarmId, Evidence Evidence);

/// <summary>
/// Everything one report says about a takedown. Per-report facts only: merging across reports is
/// the campaign's job. Countries are ISO 3166-1 alpha-2 codes.
/// </summary>
public sealed record ExtractedReport
{
    public required string Source { get; init; }
    public string? Title { get; init; }
    /// <summary>False for text that describes no takedown (op-eds, earnings notes): it goes to "unmatched".</summary>
    public bool DescribesTakedown { get; init; }
    public DateOnly? ReportedOn { get; init; }
    public Evidence? ReportedOnEvidence { get; init; }
    public IReadOnlyList<Finding> OriginCountries { get; init; } = [];
    public IReadOnlyList<Finding> TargetCountries { get; init; } = [];
    public IReadOnlyList<Finding> TargetRegions { get; init; } = [];
    public IReadOnlyList<Finding> OperationNames { get; init; } = [];
    public IReadOnlyList<Finding> Actors { get; init; } = [];
    public IReadOnlyList<Finding> Partners { get; init; } = [];
    public IReadOnlyList<TakedownCount> Counts { get; init; } = [];
    /// <summary>
    /// Platforms (export keys) that removed the network's assets, whether or not the report gives a figure:
    /// "OpenAI banned the accounts", "YouTube terminated channels linked to …". Not platforms merely named.
    /// Reports stored before this was read have none.
    /// </summary>
    public IReadOnlyList<Finding> PresentPlatforms { get; init; } = [];
    public IReadOnlyList<Tactic> Tactics { get; init; } = [];
    /// <summary>Pairs of names the report states to be the same operation ("X, also known as Y").</summary>
    public IReadOnlyList<AliasPair> Aliases { get; init; } = [];

    /// <summary>
    /// Counts folded to the export shape: platform → asset kind → count (largest stated value wins; an
    /// unsplit total is left out where the same platform's split is given, see <see cref="PlatformTable.ForReport"/>).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Platforms =>
        PlatformTable.ForReport(Counts.Select(c => (c.Platform, c.AssetKind, c.Count)));

    /// <summary>
    /// <see cref="Platforms"/> plus every present platform without a figure, as an empty row: the export's
    /// "platform": {} for "removed, number not given".
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> PlatformsWithPresence =>
        PlatformTable.WithPresence(Platforms, PresentPlatforms.Select(p => p.Value));
}

/// <summary>Two names the text equates ("DRAGONBRIDGE, also known as Spamouflage Dragon").</summary>
public sealed record AliasPair(string Name, string Alias, Evidence Evidence);
