using System.Globalization;
using System.Text;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Tests.Accuracy;

/// <summary>
/// Golden test: every report in corpus/dev and samples/reports must extract exactly as recorded in
/// Accuracy/extraction.snapshot.txt (every finding with its evidence span), so rewrites for speed
/// cannot change a single output. After an intended rule or knowledge change, rewrite the snapshot with
/// UPDATE_EXTRACTION_SNAPSHOT=1 and review its diff.
/// </summary>
public class ExtractionSnapshotTests
{
    private const string SnapshotFile = "extraction.snapshot.txt";

    [Fact]
    public void Every_dev_and_sample_report_extracts_as_in_the_snapshot()
    {
        var root = RepoRoot.Find();
        var path = Path.Combine(root, "tests", "Pipeline.Domain.Tests", "Accuracy", SnapshotFile);
        var actual = Snapshot(root);
        if (Environment.GetEnvironmentVariable("UPDATE_EXTRACTION_SNAPSHOT") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
            return;
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        var line = 0;
        while (line < want.Length && line < got.Length && want[line] == got[line])
            line++;
        Assert.Fail($"Extraction differs from {SnapshotFile} at line {line + 1}:\n  expected: {At(want, line)}\n  actual:   {At(got, line)}\n"
            + "If the change is intended, run the test with UPDATE_EXTRACTION_SNAPSHOT=1 and review the diff.");
    }

    private static string At(string[] lines, int i) => i < lines.Length ? lines[i] : "<end>";

    private static string Snapshot(string root)
    {
        var files = new[] { Path.Combine(root, "corpus", "dev", "reports"), Path.Combine(root, "samples", "reports") }
            .SelectMany(Directory.EnumerateFiles)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var file in files)
        {
            var raw = File.ReadAllText(Path.Combine(root, file));
            var text = file.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? HtmlText.ToText(raw) : raw;
            Write(sb, file, Support.Extractor.Extract(new ReportText(file, null, text)));
        }
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, string file, ExtractedReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.Append("# ").Append(file).Append('\n');
        sb.Append(inv, $"describes {r.DescribesTakedown} date {r.ReportedOn?.ToString("yyyy-MM-dd", inv) ?? "-"} {Span(r.ReportedOnEvidence)}\n");
        Findings(sb, "origin", r.OriginCountries);
        Findings(sb, "target", r.TargetCountries);
        Findings(sb, "region", r.TargetRegions);
        Findings(sb, "operation", r.OperationNames);
        Findings(sb, "actor", r.Actors);
        Findings(sb, "partner", r.Partners);
        Findings(sb, "present", r.PresentPlatforms);
        foreach (var c in r.Counts)
            sb.Append(inv, $"count {c.Platform}.{c.AssetKind}={c.Count} {Span(c.Evidence)}\n");
        foreach (var t in r.Tactics)
            sb.Append(inv, $"tactic {t.Name} {t.DisarmId ?? "-"} {Span(t.Evidence)}\n");
        foreach (var a in r.Aliases)
            sb.Append(inv, $"alias {a.Name} = {a.Alias} {Span(a.Evidence)}\n");
    }

    private static void Findings(StringBuilder sb, string field, IReadOnlyList<Finding> findings)
    {
        foreach (var f in findings)
            sb.Append(CultureInfo.InvariantCulture, $"{field} {f.Value} {Span(f.Evidence)}\n");
    }

    /// <summary>The evidence sentence's span; the quote is checked to be that span's text by the length only.</summary>
    private static string Span(Evidence? e) =>
        e is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"@{e.Sentence.Start}+{e.Sentence.Length}/{e.Quote.Length}");
}
