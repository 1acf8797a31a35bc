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
    /// Extracts <paramref name="body"/> as part of a takedown report: a text that reports no removal and names
    /// no operation describes no campaign, so single-sentence tests of other rules get a plain removal line first.
    /// </summary>
    public static ExtractedReport ExtractTakedown(string body) =>
        Extract("The platform removed the network this week.\n\n" + body);

    public static string[] Values(this IReadOnlyList<Finding> findings) => findings.Select(f => f.Value).ToArray();

    /// <summary>Counts as "platform.kind=count", in the order found.</summary>
    public static string[] Figures(this ExtractedReport report) =>
        report.Counts.Select(c => $"{c.Platform}.{c.AssetKind}={c.Count}").ToArray();

    public static string[] Sorted(this IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToArray();
}
