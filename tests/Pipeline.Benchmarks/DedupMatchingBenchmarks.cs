using BenchmarkDotNet.Attributes;
using Pipeline.Application.Hosting;
using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Reports;

namespace Pipeline.Benchmarks;

/// <summary>
/// The cost of placing one report among 10k / 100k / 1M existing campaigns: blocking keys → candidate
/// lookup → match, through an in-memory index keyed by exactly the blocking keys the store indexes
/// (<see cref="ICampaignMatcher.CampaignKeys"/>). Members stay in memory, so their match facts are
/// computed once; the probe is a fresh copy each call, so its facts and keys are computed every time,
/// as for a report arriving from the queue. <see cref="DedupStoreBenchmarks"/> does the same through
/// the embedded store. Setup prints the average number of candidate campaigns a probe is scored against.
/// </summary>
[MemoryDiagnoser]
public class DedupMatchingBenchmarks
{
    private const int Probes = 256;
    private ICampaignMatcher _matcher = null!;
    private CampaignCandidate[] _campaigns = [];
    private Dictionary<string, int[]> _index = [];
    private ExtractedReport[] _probes = [];
    private int _next;

    [Params(10_000, 100_000, 1_000_000)]
    public int Campaigns { get; set; }

    [Params(FixtureProfile.History, FixtureProfile.Crowded)]
    public FixtureProfile Profile { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _matcher = DomainServices.CreateMatcher();
        _campaigns = new CampaignCandidate[Campaigns];
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var c = 0; c < Campaigns; c++)
        {
            var members = CampaignFixture.Members(c, Campaigns, Profile)
                .Select((r, m) => new CampaignMember(Guid.CreateVersion7(), r)).ToArray();
            _campaigns[c] = new CampaignCandidate(Guid.CreateVersion7(), members);
            foreach (var key in _matcher.CampaignKeys(members))
            {
                if (!postings.TryGetValue(key, out var list))
                    postings[key] = list = [];
                list.Add(c);
            }
        }
        _index = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _probes = Enumerable.Range(0, Probes).Select(i => CampaignFixture.Probe(i, Campaigns, Profile)).ToArray();
        var candidates = _probes.Average(p => Candidates(p).Count);
        var largest = _index.Values.Max(v => v.Length);
        Console.WriteLine($"// {CampaignFixture.Describe(Campaigns, Profile)}: {_index.Count:N0} keys, largest bucket {largest:N0}, " +
                          $"{candidates:F1} candidate campaigns per probe, working set {Environment.WorkingSet / 1e6:N0} MB");
    }

    [Benchmark]
    public MatchOutcome PlaceOneReport()
    {
        // A fresh instance: the matcher caches facts per instance, and an arriving report has none yet.
        var probe = _probes[_next++ % Probes] with { };
        var candidates = Candidates(probe);
        return _matcher.Match(new CampaignMember(Guid.Empty, probe), candidates);
    }

    private List<CampaignCandidate> Candidates(ExtractedReport probe)
    {
        var seen = new HashSet<int>();
        var candidates = new List<CampaignCandidate>();
        foreach (var key in _matcher.BlockingKeys(probe))
        {
            if (!_index.TryGetValue(key, out var bucket))
                continue;
            foreach (var c in bucket)
                if (seen.Add(c))
                    candidates.Add(_campaigns[c]);
        }
        return candidates;
    }
}
