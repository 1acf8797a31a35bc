using System.Collections.Concurrent;
using Pipeline.Domain.Campaigns;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Clustering;

/// <summary>
/// Candidate campaigns' member reports, kept between placements. Without it every placement reloads and
/// deserializes every member of every candidate, and the matcher recomputes their facts (its cache is
/// keyed by instance): that was most of the deduplicator's CPU. An extraction is a pure function of the
/// report's bytes (the id is their hash) and the extractor version, so a member cached under the version
/// the incoming report was extracted with is exactly what the store would return; members cached under
/// another version are reloaded, which is what happens while `pipeline reprocess` moves to a new extractor.
/// Bounded: past <see cref="Capacity"/> entries it starts afresh rather than tracking recency. Kept small
/// on purpose: the matcher's facts cache is a ConditionalWeakTable, one GC handle per live report, and
/// every gen0 collection scans them all (measured: ~100 ms per collection at 1.3M live reports), so a
/// cache of hundreds of thousands would cost more in GC than it saves in reads. 20,000 members is about
/// 1.5 ms per collection and covers the candidates of recent origin-months, where placements look.
/// </summary>
public sealed class CampaignMemberCache
{
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<Guid, Entry> _members = new();

    private sealed record Entry(string? ExtractorVersion, CampaignMember Member);

    /// <summary>The cached members among <paramref name="ids"/> extracted with <paramref name="extractorVersion"/>; the rest are missing.</summary>
    public (Dictionary<Guid, CampaignMember> Found, List<Guid> Missing) Lookup(IEnumerable<Guid> ids, string? extractorVersion)
    {
        var found = new Dictionary<Guid, CampaignMember>();
        var missing = new List<Guid>();
        foreach (var id in ids)
        {
            if (_members.TryGetValue(id, out var entry) && entry.ExtractorVersion == extractorVersion)
                found[id] = entry.Member;
            else
                missing.Add(id);
        }
        return (found, missing);
    }

    /// <summary>Caches an extracted report as a member and returns the instance to use.</summary>
    public CampaignMember Add(ReportRecord report)
    {
        ArgumentNullException.ThrowIfNull(report.Extraction);
        var member = new CampaignMember(report.Id, report.Extraction);
        if (_members.Count >= Capacity)
            _members.Clear();
        _members[report.Id] = new Entry(report.ExtractorVersion, member);
        return member;
    }

    public int Count => _members.Count;
}
