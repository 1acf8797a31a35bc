using System.Text.Json;
using Pipeline.Contracts.Export;
using Pipeline.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Pipeline.IntegrationTests.Cli;

/// <summary>
/// The development corpus through the real `pipeline ingest --json` (real HTML/PDF reading, extraction,
/// deduplication), scored against its gold labels exactly as a held-out corpus is scored.
/// </summary>
public sealed class DevCorpusScoringTests(ITestOutputHelper output)
{
    private const double FieldF1Floor = 0.90;
    private const double BcubedF1Floor = 0.95;

    [Fact]
    public async Task Ingest_export_meets_the_accuracy_floors_on_the_development_corpus()
    {
        using var temp = new TempDirectory();
        var exportPath = temp.File("dev.json");
        var run = await CliRunner.RunAsync(["ingest", RepoPaths.Of("corpus", "dev", "reports"), "--json", exportPath, "--store", temp.File("dev.db")]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        var export = JsonSerializer.Deserialize<ExportDocument>(await File.ReadAllTextAsync(exportPath), ExportDocument.JsonOptions)!;
        var gold = GoldLabels.Load(RepoPaths.Of("corpus", "dev", "gold.json"));

        var fields = ExportScorer.ScoreFields(export, gold);
        output.WriteLine($"{"field",-20} {"P",6} {"R",6} {"F1",6}");
        foreach (var (field, score) in fields)
            output.WriteLine($"{field,-20} {score.Precision,6:F3} {score.Recall,6:F3} {score.F1,6:F3}");
        var clusters = ExportScorer.ScoreClusters(export, gold);
        output.WriteLine($"B3 P {clusters.BcubedPrecision:F3} R {clusters.BcubedRecall:F3} F1 {clusters.BcubedF1:F3}; pairwise P {clusters.Pairwise.Precision:F3} R {clusters.Pairwise.Recall:F3} F1 {clusters.Pairwise.F1:F3}; {export.Campaigns.Count} campaigns");

        var below = fields.Where(f => f.Value.F1 < FieldF1Floor).Select(f => $"{f.Key} {f.Value.F1:F3}").ToArray();
        Assert.True(below.Length == 0, "fields below F1 " + FieldF1Floor + ": " + string.Join(", ", below));
        Assert.True(clusters.BcubedF1 >= BcubedF1Floor, $"B3 F1 {clusters.BcubedF1:F3} < {BcubedF1Floor}");
    }
}
