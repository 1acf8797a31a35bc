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

    public static ReportFacts Of(ExtractedReport report, IOperationAliases? known)
    {
        var names = ReportNames.Of(report, known);
        // Every stated value, not only the export's largest per kind: a report's other values for a
        // kind are often the figure another source repeats (and the misattributed ones do no harm).
        var figures = report.Counts.Where(c => c.Count > 0)
            .Select(c => new Figure(c.Platform, c.AssetKind, c.Count)).Distinct().ToList();
        var folded = report.Platforms.SelectMany(p => p.Value.Select(a => new Figure(p.Key, a.Key, a.Value)))
            .Where(f => f.Count > 0).ToList();
        return new ReportFacts
        {
            Names = names.Linking,
            Roundup = names.Roundup,
            Origins = Codes(report.OriginCountries),
            ReportedOn = report.ReportedOn,
            Figures = figures,
            Totals = Figure.Totals(folded),
            Platforms = report.Counts.Select(c => c.Platform).ToHashSet(StringComparer.Ordinal),
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

    private static HashSet<string> Codes(IEnumerable<Finding> findings) =>
        findings.Select(f => f.Value.Trim().ToUpperInvariant()).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Folded(IEnumerable<Finding> findings) =>
        findings.Select(f => f.Value.Trim().ToLowerInvariant()).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> EvidenceQuotes(ExtractedReport r) =>
        r.OriginCountries.Concat(r.TargetCountries).Concat(r.TargetRegions).Concat(r.OperationNames)
            .Concat(r.Actors).Concat(r.Partners).Select(f => f.Evidence.Quote)
            .Concat(r.Counts.Select(c => c.Evidence.Quote))
            .Concat(r.Tactics.Select(t => t.Evidence.Quote))
            .Distinct(StringComparer.Ordinal);
}
