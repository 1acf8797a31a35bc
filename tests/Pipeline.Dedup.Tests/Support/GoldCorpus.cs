using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Pipeline.Domain.Reports;

namespace Pipeline.Dedup.Tests.Support;

/// <summary>
/// The development corpus's gold labels turned into ExtractedReports, so clustering is measured
/// apart from extraction errors. Distractors (no takedown) are left out.
/// </summary>
public static class GoldCorpus
{
    public sealed record Item(ExtractedReport Report, string Campaign);

    /// <summary>corpus/dev/gold.json at the repository root, found from this source file's location.</summary>
    public static string GoldPath() => FromSource("..", "..", "..", "corpus", "dev", "gold.json");

    private static string FromSource(string a, string b, string c, string d, string e, string f, [CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, a, b, c, d, e, f));

    public static List<Item> Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var items = new List<Item>();
        foreach (var r in doc.RootElement.GetProperty("reports").EnumerateArray())
        {
            if (!Bool(r, "describes_takedown")) continue;
            var file = r.GetProperty("file").GetString()!;
            // An unlabelled takedown report is its own campaign in the gold partition.
            var campaign = Str(r, "campaign") ?? "singleton:" + file;
            items.Add(new Item(ToReport(r, file), campaign));
        }
        return items;
    }

    private static ExtractedReport ToReport(JsonElement r, string file)
    {
        var none = Rpt.Quote();
        IReadOnlyList<Finding> Findings(string name) => Strings(r, name).Select(v => new Finding(v, none)).ToList();
        var counts = new List<TakedownCount>();
        if (r.TryGetProperty("platforms", out var platforms) && platforms.ValueKind == JsonValueKind.Object)
            foreach (var p in platforms.EnumerateObject())
                foreach (var a in p.Value.EnumerateObject())
                    if (a.Value.ValueKind == JsonValueKind.Number)
                        counts.Add(new TakedownCount(p.Name, a.Name, (long)a.Value.GetDouble(), none));
        return new ExtractedReport
        {
            Source = file,
            DescribesTakedown = true,
            ReportedOn = Str(r, "reported_on") is { } d ? DateOnly.Parse(d, CultureInfo.InvariantCulture) : null,
            OriginCountries = Findings("origin_countries"),
            TargetCountries = Findings("target_countries"),
            TargetRegions = Findings("target_regions"),
            OperationNames = Findings("operation_names"),
            Actors = Findings("actors"),
            Partners = Findings("partners"),
            Counts = counts,
        };
    }

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)
            : [];
}
