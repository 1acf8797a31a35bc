using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using BenchmarkDotNet.Attributes;
using Pipeline.Application.Hosting;
using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Reports;

namespace Pipeline.Benchmarks;

/// <summary>
/// The cost of placing one report among 10k / 100k / 1M existing campaigns: blocking keys → candidate
/// lookup → load the candidates → match, through the domain's compact <see cref="BlockingIndex"/> built
/// from exactly the keys the store indexes (<see cref="ICampaignMatcher.CampaignKeys"/>). Nothing is kept
/// per campaign but its postings: candidates are rebuilt from the deterministic fixture on each lookup, as
/// the store reads them back, so their facts are computed per match as in production. The probe is a fresh
/// copy each call, as for a report arriving from the queue. <see cref="DedupStoreBenchmarks"/> does the same
/// through the embedded store. Setup prints the index size, candidates per probe and the working set.
/// Sizes and profiles can be narrowed with DEDUP_CAMPAIGNS=10000,100000 and DEDUP_PROFILES=History.
/// </summary>
/// <remarks>
/// Members are deliberately not kept in memory with their facts: the matcher caches facts in a
/// ConditionalWeakTable, a dependent GC handle per report that every gen0 collection scans, so 1.33M
/// cached members made each gen0 GC ~100 ms and the per-report time grow with the fixture (a Stopwatch run
/// at 1M: 480 µs per report, 360 of them GC pauses) — a cost of the benchmark's cache, not of matching.
/// </remarks>
[MemoryDiagnoser, MedianColumn, MinColumn]
public class DedupMatchingBenchmarks
{
    private const int Probes = 256;
    /// <summary>Campaigns per indexing matcher, so its facts cache stays small while the index is built.</summary>
    private const int IndexingBatch = 4_096;
    private ICampaignMatcher _matcher = null!;
    private BlockingIndex _index = null!;
    private ExtractedReport[] _probes = [];
    private int _next;

    [ParamsSource(nameof(CampaignCounts))]
    public int Campaigns { get; set; }

    [ParamsSource(nameof(Profiles))]
    public FixtureProfile Profile { get; set; }

    public static IEnumerable<int> CampaignCounts =>
        FromEnvironment("DEDUP_CAMPAIGNS", v => int.Parse(v, CultureInfo.InvariantCulture)) ?? [10_000, 100_000, 1_000_000];

    public static IEnumerable<FixtureProfile> Profiles =>
        FromEnvironment("DEDUP_PROFILES", v => Enum.Parse<FixtureProfile>(v, ignoreCase: true)) ?? [FixtureProfile.History, FixtureProfile.Crowded];

    [GlobalSetup]
    public void Setup()
    {
        var clock = Stopwatch.StartNew();
        _matcher = DomainServices.CreateMatcher();
        var builder = new BlockingIndex.Builder(Campaigns * 6);
        ICampaignMatcher indexer = null!;
        for (var c = 0; c < Campaigns; c++)
        {
            if (c % IndexingBatch == 0) indexer = DomainServices.CreateMatcher();
            builder.Add(c, indexer.CampaignKeys(CampaignFixture.Candidate(c, Campaigns, Profile).Members));
        }
        _index = builder.Build();
        _probes = Enumerable.Range(0, Probes).Select(i => CampaignFixture.Probe(i, Campaigns, Profile)).ToArray();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Candidates(_probes[0] with { }); // JIT
        var load = Stopwatch.StartNew();
        var candidates = _probes.Average(p => Candidates(p with { }).Length);
        load.Stop();
        Console.WriteLine(
            $"// {CampaignFixture.Describe(Campaigns, Profile)}: {_index.KeyCount:N0} keys, largest bucket {_index.LargestBucket:N0}, " +
            $"{candidates:F1} candidate campaigns per probe (lookup+load {load.Elapsed.TotalMicroseconds / Probes:F0} µs), " +
            $"working set {Environment.WorkingSet / 1e6:N0} MB, managed heap {GC.GetTotalMemory(false) / 1e6:N0} MB, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC {GCSettings.LatencyMode}, setup {clock.Elapsed.TotalSeconds:F0} s");
    }

    [Benchmark]
    public MatchOutcome PlaceOneReport()
    {
        // A fresh instance: the matcher caches facts per instance, and an arriving report has none yet.
        var probe = _probes[_next++ % Probes] with { };
        return _matcher.Match(new CampaignMember(Guid.Empty, probe), Candidates(probe));
    }

    private CampaignCandidate[] Candidates(ExtractedReport probe) =>
        _index.Candidates(_matcher.BlockingKeys(probe)).Select(c => CampaignFixture.Candidate(c, Campaigns, Profile)).ToArray();

    private static T[]? FromEnvironment<T>(string name, Func<string, T> parse) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToArray()
            : null;
}
