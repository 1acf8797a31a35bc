using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Reports;

namespace Pipeline.Dedup.Tests.Support;

/// <summary>Builds ExtractedReport objects directly, so matcher tests do not depend on the extractor.</summary>
public static class Rpt
{
    public static Evidence Quote(string text = "") => new(new TextSpan(0, text.Length), text);

    /// <summary>Figures as "platform.asset=count" strings, e.g. "facebook.pages=954".</summary>
    public static ExtractedReport Make(
        string source,
        string? date = null,
        string[]? origin = null,
        string[]? names = null,
        string[]? figures = null,
        string[]? targets = null,
        string[]? regions = null,
        string[]? actors = null,
        string[]? partners = null,
        (string Name, string Alias)[]? aliases = null,
        string quote = "") => new()
    {
        Source = source,
        DescribesTakedown = true,
        ReportedOn = date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
        OriginCountries = Findings(origin, quote),
        TargetCountries = Findings(targets, quote),
        TargetRegions = Findings(regions, quote),
        OperationNames = Findings(names, quote),
        Actors = Findings(actors, quote),
        Partners = Findings(partners, quote),
        Counts = (figures ?? []).Select(f => Count(f, quote)).ToList(),
        Aliases = (aliases ?? []).Select(a => new AliasPair(a.Name, a.Alias, Quote(quote))).ToList(),
    };

    public static TakedownCount Count(string figure, string quote = "")
    {
        var (label, count) = (figure.Split('=')[0], long.Parse(figure.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
        var parts = label.Split('.');
        return new TakedownCount(parts[0], parts[1], count, Quote(quote));
    }

    public static CampaignMember Member(ExtractedReport report) => new(IdOf(report.Source), report);

    /// <summary>A stable id per source, so shuffled runs see the same report ids.</summary>
    public static Guid IdOf(string source)
    {
        var hash = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(source));
        return new Guid(hash);
    }

    private static IReadOnlyList<Finding> Findings(string[]? values, string quote) =>
        (values ?? []).Select(v => new Finding(v, Quote(quote))).ToList();
}
