using Pipeline.Domain.Extraction;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Tests;

/// <summary>One extractor for all tests (it is immutable) and short ways to read its answers.</summary>
internal static class Support
{
    public static readonly RuleBasedReportExtractor Extractor = new();

    public static ExtractedReport Extract(string body, DateOnly? publishedOn = null) =>
        Extractor.Extract(new ReportText("test.txt", null, body, publishedOn));

    /// <summary>
    /// Extracts <paramref name="body"/> as part of a takedown report: a text that reports no removal of an
    /// identified network (no figure, origin, actor or operation name) describes no campaign, so single-sentence
    /// tests of other rules get a removal line with a figure first. That line's figure is left out of the answer.
    /// </summary>
    public static ExtractedReport ExtractTakedown(string body)
    {
        var report = Extract(TakedownLine + body);
        Assert.True(report.DescribesTakedown);
        return report with { Counts = report.Counts.Where(c => c.Evidence.Sentence.Start >= TakedownLine.Length).ToList() };
    }

    private const string TakedownLine = "The platform removed the network's 10 accounts this week.\n\n";

    public static string[] Values(this IReadOnlyList<Finding> findings) => findings.Select(f => f.Value).ToArray();

    /// <summary>Counts as "platform.kind=count", in the order found.</summary>
    public static string[] Figures(this ExtractedReport report) =>
        report.Counts.Select(c => $"{c.Platform}.{c.AssetKind}={c.Count}").ToArray();

    public static string[] Sorted(this IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToArray();
}
