using Pipeline.Contracts.Export;

namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// Orders applied in memory by both adapters, so listings come back identically whatever the
/// backend's collation or date precision (BSON dates keep milliseconds only).
/// </summary>
internal static class StoreOrder
{
    public static IReadOnlyList<ReportRecord> ByFetch(IEnumerable<ReportRecord> reports) =>
        reports.OrderBy(r => r.FetchedAt.UtcTicks).ThenBy(r => r.Id).ToList();

    public static ReportRecord? Latest(IEnumerable<ReportRecord> reports) =>
        reports.OrderByDescending(r => r.FetchedAt.UtcTicks).ThenByDescending(r => r.Id).FirstOrDefault();

    public static IReadOnlyList<CampaignRecord> Campaigns(IEnumerable<CampaignRecord> campaigns) =>
        campaigns.OrderBy(c => c.CreatedAt.UtcTicks).ThenBy(c => c.Id).ToList();

    public static IReadOnlyList<CampaignExport> Views(IEnumerable<CampaignExport> views) =>
        views.OrderBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.Id).ToList();

    public static IReadOnlyList<SourceState> Sources(IEnumerable<SourceState> states) =>
        states.OrderBy(s => s.Source, StringComparer.Ordinal).ToList();

    /// <summary>Every state appears, zero when no report is in it, so callers need no TryGetValue.</summary>
    public static IReadOnlyDictionary<ReportState, long> Counts(IEnumerable<KeyValuePair<ReportState, long>> counted)
    {
        var counts = Enum.GetValues<ReportState>().ToDictionary(s => s, _ => 0L);
        foreach (var (state, count) in counted)
            counts[state] += count;
        return counts;
    }
}
