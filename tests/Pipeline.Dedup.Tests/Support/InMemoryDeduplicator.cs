using Pipeline.Domain.Campaigns;

namespace Pipeline.Dedup.Tests.Support;

/// <summary>
/// The consumer loop as the infrastructure runs it, in memory: look up candidates by blocking key,
/// match, then open / join / merge into the oldest, and re-index the campaign under its keys.
/// </summary>
public sealed class InMemoryDeduplicator(ICampaignMatcher matcher)
{
    private sealed class Campaign(Guid id, long opened)
    {
        public Guid Id { get; } = id;
        public long Opened { get; } = opened;
        public List<CampaignMember> Members { get; } = [];
    }

    private readonly Dictionary<Guid, Campaign> _live = [];
    private readonly Dictionary<string, HashSet<Guid>> _index = new(StringComparer.Ordinal);
    private long _opened;

    public List<(Guid Survivor, Guid Merged)> Merges { get; } = [];
    public Dictionary<Guid, MatchOutcome> Outcomes { get; } = [];
    public int MaxCandidates { get; private set; }

    public void AddAll(IEnumerable<CampaignMember> reports)
    {
        foreach (var r in reports) Add(r);
    }

    public MatchOutcome Add(CampaignMember report)
    {
        var candidates = matcher.BlockingKeys(report.Report)
            .SelectMany(k => _index.TryGetValue(k, out var ids) ? ids : [])
            .Where(_live.ContainsKey).Distinct().Order()
            .Select(id => new CampaignCandidate(id, _live[id].Members.ToList()))
            .ToList();
        MaxCandidates = Math.Max(MaxCandidates, candidates.Count);
        var outcome = matcher.Match(report, candidates);
        Outcomes[report.ReportId] = outcome;

        Campaign target;
        if (outcome.Matches.Count == 0)
        {
            target = new Campaign(Guid.NewGuid(), _opened++);
            _live[target.Id] = target;
        }
        else
        {
            var matched = outcome.Matches.Select(m => _live[m.CampaignId]).OrderBy(c => c.Opened).ToList();
            target = matched[0];
            foreach (var other in matched.Skip(1))
            {
                target.Members.AddRange(other.Members);
                _live.Remove(other.Id);
                Merges.Add((target.Id, other.Id));
            }
        }
        if (target.Members.All(m => m.ReportId != report.ReportId)) target.Members.Add(report);
        foreach (var key in matcher.CampaignKeys(target.Members))
        {
            if (!_index.TryGetValue(key, out var ids)) _index[key] = ids = [];
            ids.Add(target.Id);
        }
        return outcome;
    }

    public IReadOnlyList<IReadOnlyList<CampaignMember>> Campaigns =>
        _live.Values.OrderBy(c => c.Opened).Select(c => (IReadOnlyList<CampaignMember>)c.Members).ToList();

    /// <summary>The clustering as a canonical set of sets of sources, comparable across runs.</summary>
    public IReadOnlyList<string> Partition() =>
        _live.Values.Select(c => string.Join(" | ", c.Members.Select(m => m.Report.Source).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<CampaignMember> CampaignOf(string source) =>
        _live.Values.Single(c => c.Members.Any(m => m.Report.Source == source)).Members;
}
