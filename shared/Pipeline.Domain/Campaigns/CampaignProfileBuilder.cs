using System.Runtime.CompilerServices;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Campaigns;

/// <summary>
/// Derives a campaign's merged view from its member reports alone, deterministically: member order
/// does not matter, and rebuilding after any change (join, merge, replay) gives the same profile.
/// </summary>
public static class CampaignProfileBuilder
{
    /// <param name="members">The campaign's reports, in any order.</param>
    /// <param name="knownAliases">The matcher's alias knowledge, so a report is read as a roundup the same way.</param>
    public static CampaignProfile Build(IReadOnlyList<CampaignMember> members, IOperationAliases? knownAliases = null)
    {
        var reports = members.DistinctBy(m => m.ReportId).OrderBy(m => m.ReportId).ToList();
        var (name, aliases) = CampaignNaming.Choose(reports, knownAliases);
        var dates = reports.Select(m => m.Report.ReportedOn).OfType<DateOnly>().ToList();
        return new CampaignProfile(
            name,
            aliases,
            Codes(reports, r => r.OriginCountries),
            Codes(reports, r => r.TargetCountries),
            Labels(reports, r => r.TargetRegions),
            Labels(reports, r => r.Actors),
            Labels(reports, r => r.Partners),
            Figures(reports),
            dates.Count > 0 ? dates.Min() : null,
            dates.Count > 0 ? dates.Max() : null)
        {
            PresentPlatforms = reports.SelectMany(m => m.Report.PresentPlatforms).Select(f => f.Value)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        };
    }

    private static List<string> Codes(IEnumerable<CampaignMember> members, Func<ExtractedReport, IEnumerable<Finding>> pick) =>
        members.SelectMany(m => pick(m.Report)).Select(f => f.Value.Trim().ToUpperInvariant())
            .Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Free-text values, one per case-insensitive spelling, shown in the spelling most reports use.</summary>
    private static List<string> Labels(IEnumerable<CampaignMember> members, Func<ExtractedReport, IEnumerable<Finding>> pick) =>
        members.SelectMany(m => pick(m.Report)).Select(f => f.Value.Trim()).Where(v => v.Length > 0)
            .GroupBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.GroupBy(v => v, StringComparer.Ordinal)
                .OrderByDescending(s => s.Count()).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key)
            .Order(StringComparer.OrdinalIgnoreCase).ThenBy(v => v, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Per platform and asset: every value some report states (each report contributing its own
    /// folded value, as in its export row) with the sources stating it; the chosen value is the most
    /// authoritative statement's, then the most-stated, then the larger.
    /// </summary>
    private static List<FigureView> Figures(IEnumerable<CampaignMember> members)
    {
        // Who published each report, and what it states, depend on that report alone: kept per report, so a
        // campaign rebuilt at every join reads each member once, not once per join.
        var list = members.Select(m => (Member: m, Own: OwnStatements.GetValue(m.Report, ReadOwnStatements))).ToList();
        var statements = list.SelectMany(m => m.Own.Statements).ToList();
        statements.AddRange(BreakdownTotals(list.Select(m => (m.Member, m.Own.Publishers)).ToList(), statements).ToList());
        return statements
            .GroupBy(s => (s.Platform, s.Asset))
            .OrderBy(g => g.Key.Platform, StringComparer.Ordinal).ThenBy(g => g.Key.Asset, StringComparer.Ordinal)
            .Select(g =>
            {
                var values = g.GroupBy(s => s.Count)
                    .Select(v => (
                        Count: v.Key,
                        Sources: (IReadOnlyList<string>)v.Select(s => s.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                        Authority: v.Max(s => s.Authority)))
                    .ToList();
                var chosen = values.OrderByDescending(v => v.Authority).ThenByDescending(v => v.Sources.Count)
                    .ThenByDescending(v => v.Count).First().Count;
                var stated = values.OrderByDescending(v => v.Sources.Count).ThenByDescending(v => v.Count)
                    .Select(v => (v.Count, v.Sources)).ToList();
                return new FigureView(g.Key.Platform, g.Key.Asset, chosen, stated);
            })
            .ToList();
    }

    /// <summary>
    /// A report that itemises a figure by cluster ("74 Pages … 12 Pages … 168 Pages" in three sections)
    /// states, in sum, the total another report gives ("254 Pages"): the report counts as a source of that
    /// total too, at the authority of its weakest part, so the campaign can show the whole rather than the
    /// largest part. Only sums another report states exactly are considered.
    /// </summary>
    private static IEnumerable<Statement> BreakdownTotals(List<(CampaignMember Member, IReadOnlySet<string> Publishers)> members, List<Statement> statements)
    {
        var stated = statements.Select(st => (st.Platform, st.Asset, st.Count)).ToHashSet();
        foreach (var (member, publishers) in members)
        {
            foreach (var g in member.Report.Counts.Where(c => c.Count > 0 && Figure.IsAssetCount(c.AssetKind))
                         .GroupBy(c => (c.Platform, c.AssetKind)))
            {
                var parts = g.GroupBy(c => c.Count).Select(v => v.First()).ToList();
                if (parts.Count < 2) continue;
                var sum = parts.Sum(c => c.Count);
                if (!stated.Contains((g.Key.Platform, g.Key.AssetKind, sum))
                    || statements.All(st => st.Source == member.Report.Source || st.Platform != g.Key.Platform || st.Asset != g.Key.AssetKind || st.Count != sum))
                    continue;
                var authority = parts.Min(c => StatementAuthority.Of(c, publishers));
                yield return new Statement(g.Key.Platform, g.Key.AssetKind, sum, member.Report.Source, authority);
            }
        }
    }

    private sealed record Statement(string Platform, string Asset, long Count, string Source, int Authority);

    /// <summary>A report's own statements: who published it (read from all its evidence) and its figures at their authority.</summary>
    private sealed record MemberStatements(IReadOnlySet<string> Publishers, Statement[] Statements);

    // Keyed by the extraction's identity, so an entry lives exactly as long as the report it describes is held.
    private static readonly ConditionalWeakTable<ExtractedReport, MemberStatements> OwnStatements = new();
    private static readonly ConditionalWeakTable<ExtractedReport, MemberStatements>.CreateValueCallback ReadOwnStatements = report =>
    {
        var publishers = StatementAuthority.PublishingPlatforms(report);
        return new MemberStatements(publishers, Statements(report, publishers).ToArray());
    };

    private static IEnumerable<Statement> Statements(ExtractedReport report, IReadOnlySet<string> publishers)
    {
        // One value per report and kind: the largest, as PlatformTable folds it for the report's row.
        return report.Counts.Where(c => c.Count > 0)
            .GroupBy(c => (c.Platform, c.AssetKind))
            .Select(g =>
            {
                var value = g.Max(c => c.Count);
                var authority = g.Where(c => c.Count == value).Max(c => StatementAuthority.Of(c, publishers));
                return new Statement(g.Key.Platform, g.Key.AssetKind, value, report.Source, authority);
            });
    }
}
