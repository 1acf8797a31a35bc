using BenchmarkDotNet.Attributes;
using Pipeline.Application.Hosting;
using Pipeline.Application.Publishing;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Benchmarks;

/// <summary>
/// The publisher's work for one join, without the store's I/O: rebuild the campaign's view from all its
/// members (<see cref="CampaignViewBuilder"/>) and serialize it as the store writes it. Members are the
/// bundled samples, extracted once; each benchmark call sees the same member instances, as a publisher does
/// while the store's row cache holds them. A campaign of k reports pays this at each of its k joins.
/// </summary>
[MemoryDiagnoser, MedianColumn]
public class CampaignViewBenchmarks
{
    private CampaignRecord _campaign = null!;
    private ReportRecord[] _members = [];

    [Params(5, 20)]
    public int Members { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var extractor = DomainServices.CreateExtractor();
        var extracted = BundledSamples.Texts().Select(extractor.Extract).Where(x => x.DescribesTakedown).ToArray();
        var at = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        _members = Enumerable.Range(0, Members).Select(i => new ReportRecord
        {
            Id = Guid.CreateVersion7(at.AddMinutes(i)),
            ContentHash = $"hash-{i}",
            Source = $"https://example.org/reports/{i}",
            MediaType = MediaTypes.Text,
            FetchedAt = at.AddMinutes(i),
            State = ReportState.Clustered,
            Extraction = extracted[i % extracted.Length] with { Source = $"https://example.org/reports/{i}" },
            Match = new MatchRecord(0.9, ["same operation name"]),
            UpdatedAt = at,
        }).ToArray();
        _campaign = new CampaignRecord
        {
            Id = Guid.CreateVersion7(at),
            Version = Members,
            ReportIds = _members.Select(m => m.Id).ToArray(),
            Keys = [],
            CreatedAt = at,
            UpdatedAt = at,
        };
        Console.WriteLine($"// {Members} members from {extracted.Length} takedown samples; view JSON {StoreJson.Serialize(CampaignViewBuilder.Build(_campaign, _members)).Length:N0} chars");
    }

    /// <summary>One join: the view rebuilt from every member and serialized as stored.</summary>
    [Benchmark]
    public int RebuildAndSerializeView() => StoreJson.Serialize(CampaignViewBuilder.Build(_campaign, _members)).Length;
}
