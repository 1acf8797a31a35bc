using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Contracts.Export;

/// <summary>
/// The `ingest --json` / `campaigns --json` export. A fixed contract (schema/export.schema.json):
/// fields may be added, never renamed or removed.
/// </summary>
public sealed record ExportDocument(
    IReadOnlyList<CampaignExport> Campaigns,
    IReadOnlyList<ReportExport> Unmatched,
    IReadOnlyList<FailedExport> Failed)
{
    /// <summary>snake_case, ISO dates, indented: the only serializer settings the export is written with.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <summary>One campaign: the merged view over its reports.</summary>
public sealed record CampaignExport(
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
    IReadOnlyList<ReportExport> Reports,
    IReadOnlyList<FigureDisagreement> Disagreements,
    IReadOnlyList<Guid> MergedFrom);

/// <summary>What one report says (per-report fields), and how it was matched to its campaign.</summary>
public sealed record ReportExport(
    string Source,
    string? Title,
    DateOnly? ReportedOn,
    IReadOnlyList<string> OriginCountries,
    IReadOnlyList<string> TargetCountries,
    IReadOnlyList<string> TargetRegions,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Platforms,
    IReadOnlyList<string> OperationNames,
    IReadOnlyList<string> Actors,
    IReadOnlyList<string> Partners,
    IReadOnlyList<TacticExport> Tactics,
    MatchExport? Match,
    IReadOnlyList<EvidenceExport> Evidence);

public sealed record MatchExport(double Score, IReadOnlyList<string> Reasons);

public sealed record TacticExport(string Name, string? DisarmId);

/// <summary>Why a value was taken: the field, the value and the sentence it came from.</summary>
public sealed record EvidenceExport(string Field, string Value, string Quote, int Start, int Length);

/// <summary>Reports disagree on a figure: every stated value with the sources that state it.</summary>
public sealed record FigureDisagreement(
    string Platform,
    string Asset,
    long Chosen,
    IReadOnlyList<StatedFigure> Stated);

public sealed record StatedFigure(long Count, IReadOnlyList<string> Sources);

public sealed record FailedExport(string Source, string Error);
