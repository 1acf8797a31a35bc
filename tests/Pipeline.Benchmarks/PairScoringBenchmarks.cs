using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Reports;

namespace Pipeline.Benchmarks;

/// <summary>
/// The deduplicator's inner loop in isolation: <see cref="PairScorer.Score"/> over every ordered pair of the
/// development corpus's takedown reports (from its gold labels, as the clustering tests read them), over
/// synthetic probe/member pairs, with reasons (<see cref="PairScorer.Score"/>) and without
/// (<see cref="PairScorer.Rank"/>), and <see cref="ReportFacts.Of"/> per report. Divide by the printed pair
/// count for the cost of one pair.
/// </summary>
[MemoryDiagnoser, MedianColumn, MinColumn]
public class PairScoringBenchmarks
{
    private ReportFacts[] _gold = [];
    private ExtractedReport[] _goldReports = [];
    private (ReportFacts A, ReportFacts B)[] _synthetic = [];

    [GlobalSetup]
    public void Setup()
    {
        _goldReports = LoadGold(Path.Combine(RepoRoot.Path, "corpus", "dev", "gold.json"));
        _gold = _goldReports.Select(r => ReportFacts.Of(r, KnownOperationAliases.Default)).ToArray();
        var rng = new Random(5);
        const int count = 10_000;
        _synthetic = Enumerable.Range(0, 2_000).Select(i =>
        {
            var probe = ReportFacts.Of(CampaignFixture.Probe(i % 256, count, FixtureProfile.History), KnownOperationAliases.Default);
            var member = CampaignFixture.Members(rng.Next(count), count, FixtureProfile.History)[0];
            return (probe, ReportFacts.Of(member, KnownOperationAliases.Default));
        }).ToArray();
        Console.WriteLine($"// {_gold.Length} gold reports: {_gold.Length * _gold.Length} ordered pairs; {_synthetic.Length} synthetic pairs");
    }

    [Benchmark]
    public double GoldCorpusPairs()
    {
        var sum = 0.0;
        foreach (var a in _gold)
            foreach (var b in _gold)
                sum += PairScorer.Score(a, b).Score;
        return sum;
    }

    [Benchmark]
    public double SyntheticPairs()
    {
        var sum = 0.0;
        foreach (var (a, b) in _synthetic) sum += PairScorer.Score(a, b).Score;
        return sum;
    }

    /// <summary>The numbers only, as the matcher ranks a candidate's members before explaining the best.</summary>
    [Benchmark]
    public double GoldCorpusRanks()
    {
        var sum = 0.0;
        foreach (var a in _gold)
            foreach (var b in _gold)
                sum += PairScorer.Rank(a, b).Score;
        return sum;
    }

    [Benchmark]
    public double SyntheticRanks()
    {
        var sum = 0.0;
        foreach (var (a, b) in _synthetic) sum += PairScorer.Rank(a, b).Score;
        return sum;
    }

    [Benchmark]
    public int GoldCorpusFacts()
    {
        var n = 0;
        foreach (var r in _goldReports) n += ReportFacts.Of(r, KnownOperationAliases.Default).Figures.Count;
        return n;
    }

    private static ExtractedReport[] LoadGold(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var none = new Evidence(new TextSpan(0, 0), "");
        var reports = new List<ExtractedReport>();
        foreach (var r in doc.RootElement.GetProperty("reports").EnumerateArray())
        {
            if (!(r.TryGetProperty("describes_takedown", out var t) && t.ValueKind == JsonValueKind.True)) continue;
            IReadOnlyList<Finding> Findings(string name) =>
                r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                    ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => new Finding(x.GetString()!, none)).ToList()
                    : [];
            var counts = new List<TakedownCount>();
            if (r.TryGetProperty("platforms", out var platforms) && platforms.ValueKind == JsonValueKind.Object)
                foreach (var p in platforms.EnumerateObject())
                    foreach (var a in p.Value.EnumerateObject())
                        if (a.Value.ValueKind == JsonValueKind.Number)
                            counts.Add(new TakedownCount(p.Name, a.Name, (long)a.Value.GetDouble(), none));
            reports.Add(new ExtractedReport
            {
                Source = r.GetProperty("file").GetString()!,
                DescribesTakedown = true,
                ReportedOn = r.TryGetProperty("reported_on", out var d) && d.ValueKind == JsonValueKind.String
                    ? DateOnly.Parse(d.GetString()!, CultureInfo.InvariantCulture) : null,
                OriginCountries = Findings("origin_countries"),
                TargetCountries = Findings("target_countries"),
                TargetRegions = Findings("target_regions"),
                OperationNames = Findings("operation_names"),
                Actors = Findings("actors"),
                Partners = Findings("partners"),
                Counts = counts,
            });
        }
        return reports.ToArray();
    }
}
