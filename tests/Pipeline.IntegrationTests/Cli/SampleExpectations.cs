using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.IntegrationTests.Cli;

/// <summary>samples/expectations.json: what a correct pipeline finds in the bundled samples.</summary>
internal sealed record SampleExpectations(
    IReadOnlyList<ExpectedCampaign> Campaigns,
    IReadOnlyList<string> Unmatched,
    [property: JsonPropertyName("merged_pair")] IReadOnlyList<string> MergedPair)
{
    public static SampleExpectations Load(string path) =>
        JsonSerializer.Deserialize<SampleExpectations>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })
        ?? throw new InvalidDataException($"{path} is empty");
}

internal sealed record ExpectedCampaign(
    string Key,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> OriginCountries,
    IReadOnlyList<string> Names,
    IReadOnlyList<ExpectedFigure> Figures);

internal sealed record ExpectedFigure(string Platform, string Asset, long Count);
