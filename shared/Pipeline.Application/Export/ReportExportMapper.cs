using System.Runtime.CompilerServices;
using Pipeline.Contracts.Export;
using Pipeline.Domain.Reports;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Export;

/// <summary>A stored report as the export's per-report object: what that report alone says.</summary>
public static class ReportExportMapper
{
    // A campaign's view is rebuilt at every join and lists every member: each stored report (an immutable
    // record, kept by the store's row cache while in use) is mapped once, not once per rebuild.
    private static readonly ConditionalWeakTable<ReportRecord, ReportExport> Mapped = new();
    private static readonly ConditionalWeakTable<ReportRecord, ReportExport>.CreateValueCallback Map = Build;

    public static ReportExport ToExport(ReportRecord report) => Mapped.GetValue(report, Map);

    private static ReportExport Build(ReportRecord report)
    {
        var x = report.Extraction;
        return new ReportExport(
            Source: report.Source,
            Title: report.Title ?? x?.Title,
            ReportedOn: x?.ReportedOn ?? report.PublishedOn,
            OriginCountries: Values(x?.OriginCountries),
            TargetCountries: Values(x?.TargetCountries),
            TargetRegions: Values(x?.TargetRegions),
            Platforms: x?.PlatformsWithPresence ?? new Dictionary<string, IReadOnlyDictionary<string, long>>(),
            OperationNames: Values(x?.OperationNames),
            Actors: Values(x?.Actors),
            Partners: Values(x?.Partners),
            Tactics: x?.Tactics.DistinctBy(t => t.Name).Select(t => new TacticExport(t.Name, t.DisarmId)).ToArray() ?? [],
            Match: report.Match is { } m ? new MatchExport(Math.Round(m.Score, 3), m.Reasons) : null,
            Evidence: x is null ? [] : Evidence(x));
    }

    private static IReadOnlyList<string> Values(IReadOnlyList<Finding>? findings) =>
        findings?.Select(f => f.Value).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray() ?? [];

    private static IReadOnlyList<EvidenceExport> Evidence(ExtractedReport x)
    {
        var evidence = new List<EvidenceExport>();
        void Add(string field, string value, Evidence e) =>
            evidence.Add(new EvidenceExport(field, value, e.Quote, e.Sentence.Start, e.Sentence.Length));

        if (x.ReportedOn is { } date && x.ReportedOnEvidence is { } dateEvidence)
            Add("reported_on", date.ToString("yyyy-MM-dd"), dateEvidence);
        foreach (var f in x.OriginCountries) Add("origin_countries", f.Value, f.Evidence);
        foreach (var f in x.TargetCountries) Add("target_countries", f.Value, f.Evidence);
        foreach (var f in x.TargetRegions) Add("target_regions", f.Value, f.Evidence);
        foreach (var f in x.OperationNames) Add("operation_names", f.Value, f.Evidence);
        foreach (var f in x.Actors) Add("actors", f.Value, f.Evidence);
        foreach (var f in x.Partners) Add("partners", f.Value, f.Evidence);
        foreach (var c in x.Counts) Add("platforms", $"{c.Platform}.{c.AssetKind}={c.Count}", c.Evidence);
        foreach (var p in x.PresentPlatforms) Add("platforms", p.Value, p.Evidence);
        foreach (var t in x.Tactics) Add("tactics", t.DisarmId is null ? t.Name : $"{t.Name} ({t.DisarmId})", t.Evidence);
        return evidence;
    }
}
