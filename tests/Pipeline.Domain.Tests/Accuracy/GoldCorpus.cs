using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Domain.Tests.Accuracy;

/// <summary>One report's gold labels, in the export contract's vocabulary.</summary>
internal sealed record GoldReport
{
    [JsonPropertyName("file")] public string File { get; init; } = "";
    [JsonPropertyName("campaign")] public string? Campaign { get; init; }
    [JsonPropertyName("describes_takedown")] public bool DescribesTakedown { get; init; }
    [JsonPropertyName("reported_on")] public string? ReportedOn { get; init; }
    [JsonPropertyName("origin_countries")] public List<string> OriginCountries { get; init; } = [];
    [JsonPropertyName("target_countries")] public List<string> TargetCountries { get; init; } = [];
    [JsonPropertyName("target_regions")] public List<string> TargetRegions { get; init; } = [];
    [JsonPropertyName("platforms")] public Dictionary<string, Dictionary<string, long>> Platforms { get; init; } = [];
    [JsonPropertyName("operation_names")] public List<string> OperationNames { get; init; } = [];
    [JsonPropertyName("actors")] public List<string> Actors { get; init; } = [];
    [JsonPropertyName("partners")] public List<string> Partners { get; init; } = [];
    [JsonPropertyName("tactics")] public List<string> Tactics { get; init; } = [];
}

/// <summary>The development corpus: report files and their gold labels (corpus/dev/gold.json).</summary>
internal sealed class GoldCorpus
{
    private GoldCorpus(string reportsDir, IReadOnlyList<GoldReport> reports)
    {
        ReportsDir = reportsDir;
        Reports = reports;
    }

    public string ReportsDir { get; }
    public IReadOnlyList<GoldReport> Reports { get; }

    public static GoldCorpus Load(string root)
    {
        var dir = Path.Combine(root, "corpus", "dev");
        var gold = Path.Combine(dir, "gold.json");
        if (!File.Exists(gold))
            throw new FileNotFoundException("The development corpus has no gold labels yet.", gold);
        using var stream = File.OpenRead(gold);
        var file = JsonSerializer.Deserialize<GoldFile>(stream) ?? throw new InvalidDataException("gold.json is empty");
        return new GoldCorpus(Path.Combine(dir, "reports"), file.Reports);
    }

    /// <summary>The report's plain text: HTML reduced to its article text, other formats as they are.</summary>
    public string TextOf(GoldReport report)
    {
        var raw = File.ReadAllText(Path.Combine(ReportsDir, report.File));
        return report.File.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || report.File.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)
            ? HtmlText.ToText(raw)
            : raw;
    }

    private sealed record GoldFile([property: JsonPropertyName("reports")] List<GoldReport> Reports);
}
