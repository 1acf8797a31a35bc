using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Campaigns;

/// <summary>
/// What the matcher compares, normalised once per report: names (stated, equated by the report,
/// or known aliases), countries, date, figures and a text signature.
/// </summary>
public sealed class ReportFacts
{
    public required IReadOnlyList<OperationName> Names { get; init; }
    public required IReadOnlySet<string> Origins { get; init; }
    public required DateOnly? ReportedOn { get; init; }
    /// <summary>Every distinct figure the report states.</summary>
    public required IReadOnlyList<Figure> Figures { get; init; }
    /// <summary>Sums of the stated asset counts (<see cref="Figure.Totals"/>), to meet another report's unsplit total.</summary>
    public required IReadOnlyList<Figure> Totals { get; init; }
    public required IReadOnlySet<string> Platforms { get; init; }
    public required IReadOnlySet<string> Targets { get; init; }
    public required IReadOnlySet<string> Regions { get; init; }
    public required IReadOnlySet<string> Partners { get; init; }
    public required IReadOnlySet<string> Actors { get; init; }
    public required TextSignature Text { get; init; }

    /// <summary>A report about several operations: its non-name facts belong to no single one.</summary>
    public required bool Roundup { get; init; }

    private ScoringFacts? _scoring;

    /// <summary>The facts laid out for pair scoring, built on first use (a benign race: both builds are equal).</summary>
    internal ScoringFacts Scoring => _scoring ??= ScoringFacts.Of(this);

    public static ReportFacts Of(ExtractedReport report, IOperationAliases? known)
    {
        // Loops rather than LINQ: a report's facts are derived again whenever it is read back as a candidate's member.
        var names = ReportNames.Of(report, known);
        // Every stated value, not only the export's largest per kind: a report's other values for a
        // kind are often the figure another source repeats (and the misattributed ones do no harm).
        var figures = new List<Figure>(report.Counts.Count);
        // Distinct in stated order; a linear scan while a report states a handful of counts.
        var seen = report.Counts.Count > 16 ? new HashSet<Figure>() : null;
        var platforms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in report.Counts)
        {
            platforms.Add(c.Platform);
            if (c.Count <= 0) continue;
            var figure = new Figure(c.Platform, c.AssetKind, c.Count);
            if (seen is null ? !figures.Contains(figure) : seen.Add(figure)) figures.Add(figure);
        }
        var folded = new List<Figure>();
        foreach (var (platform, assets) in report.Platforms)
            foreach (var (asset, count) in assets)
                if (count > 0) folded.Add(new Figure(platform, asset, count));
        return new ReportFacts
        {
            Names = names.Linking,
            Roundup = names.Roundup,
            Origins = Codes(report.OriginCountries),
            ReportedOn = report.ReportedOn,
            Figures = figures,
            Totals = Figure.Totals(folded),
            Platforms = platforms,
            Targets = Codes(report.TargetCountries),
            Regions = Folded(report.TargetRegions),
            Partners = Folded(report.Partners),
            Actors = Folded(report.Actors),
            Text = TextSignature.Of(EvidenceQuotes(report)),
        };
    }

    /// <summary>Distinctive figures, largest first, at most <paramref name="max"/>: the ones worth indexing.</summary>
    public IEnumerable<long> IndexedFigures(int max) =>
        Figures.Select(f => f.Count).Where(Figure.IsDistinctive).Distinct().OrderDescending().Take(max);

    private static HashSet<string> Codes(IReadOnlyList<Finding> findings) => Normalised(findings, upper: true);

    private static HashSet<string> Folded(IReadOnlyList<Finding> findings) => Normalised(findings, upper: false);

    private static HashSet<string> Normalised(IReadOnlyList<Finding> findings, bool upper)
    {
        var set = new HashSet<string>(findings.Count, StringComparer.Ordinal);
        foreach (var f in findings)
        {
            var value = f.Value.Trim();
            if (value.Length > 0) set.Add(upper ? value.ToUpperInvariant() : value.ToLowerInvariant());
        }
        return set;
    }

    /// <summary>Every distinct evidence quote (a set: the signature does not depend on their order).</summary>
    private static HashSet<string> EvidenceQuotes(ExtractedReport r)
    {
        var quotes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var findings in (ReadOnlySpan<IReadOnlyList<Finding>>)[r.OriginCountries, r.TargetCountries, r.TargetRegions, r.OperationNames, r.Actors, r.Partners])
            foreach (var f in findings) quotes.Add(f.Evidence.Quote);
        foreach (var c in r.Counts) quotes.Add(c.Evidence.Quote);
        foreach (var t in r.Tactics) quotes.Add(t.Evidence.Quote);
        return quotes;
    }
}
