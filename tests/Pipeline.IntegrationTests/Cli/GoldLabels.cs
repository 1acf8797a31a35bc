using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.IntegrationTests.Cli;

/// <summary>corpus/dev/gold.json: what each development report says, labelled by hand.</summary>
public sealed record GoldLabels(IReadOnlyList<GoldReport> Reports)
{
    public static GoldLabels Load(string path) =>
        JsonSerializer.Deserialize<GoldLabels>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })
        ?? throw new InvalidDataException($"{path} is empty");
}

public sealed record GoldReport(
    string File,
    string? Campaign,
    [property: JsonPropertyName("describes_takedown")] bool DescribesTakedown,
    [property: JsonPropertyName("reported_on")] string? ReportedOn,
    [property: JsonPropertyName("origin_countries")] IReadOnlyList<string> OriginCountries,
    [property: JsonPropertyName("target_countries")] IReadOnlyList<string> TargetCountries,
    [property: JsonPropertyName("target_regions")] IReadOnlyList<string> TargetRegions,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Platforms,
    [property: JsonPropertyName("operation_names")] IReadOnlyList<string> OperationNames,
    IReadOnlyList<string> Actors,
    IReadOnlyList<string> Partners,
    IReadOnlyList<string> Tactics);
