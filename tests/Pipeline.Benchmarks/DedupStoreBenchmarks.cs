using BenchmarkDotNet.Attributes;
using Pipeline.Application.Hosting;
using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Reports;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.Sqlite;

namespace Pipeline.Benchmarks;

/// <summary>
/// Placing one report through the real store path, as CampaignClusterer does before it commits:
/// blocking keys → FindCampaignsByKeysAsync (the embedded SQLite store's key table) →
/// GetReportsAsync for the candidates' members (deserialized, so their facts are computed: the
/// clusterer's member cache is deliberately not used, this is the cold path) → match.
/// The fixture (History profile) is written once in bulk and cached under /tmp/pipeline-bench-fixtures;
/// the first run at a size pays for building it.
/// </summary>
[MemoryDiagnoser]
public class DedupStoreBenchmarks
{
    private const int Probes = 256;
    private const FixtureProfile Profile = FixtureProfile.History;
    private ICampaignMatcher _matcher = null!;
    private SqlitePipelineStore _store = null!;
    private ExtractedReport[] _probes = [];
    private int _next;

    [Params(10_000, 100_000, 1_000_000)]
    public int Campaigns { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _matcher = DomainServices.CreateMatcher();
        var path = StoreFixture.Ensure(Campaigns, Profile, _matcher);
        _store = new SqlitePipelineStore(path, TimeSpan.FromSeconds(30));
        _probes = Enumerable.Range(0, Probes).Select(i => CampaignFixture.Probe(i, Campaigns, Profile)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark]
    public async Task<MatchOutcome> PlaceOneReport()
    {
        var probe = _probes[_next++ % Probes] with { };
        var keys = _matcher.BlockingKeys(probe);
        var campaigns = await _store.FindCampaignsByKeysAsync(keys);
        var reports = campaigns.Count == 0 ? [] : await _store.GetReportsAsync(campaigns.SelectMany(c => c.ReportIds).Distinct().ToArray());
        var byId = reports.Where(r => r.Extraction is not null).ToDictionary(r => r.Id, r => new CampaignMember(r.Id, r.Extraction!));
        var candidates = campaigns
            .Select(c => new CampaignCandidate(c.Id, c.ReportIds.Where(byId.ContainsKey).Select(id => byId[id]).ToArray()))
            .ToArray();
        return _matcher.Match(new CampaignMember(Guid.Empty, probe), candidates);
    }
}

/// <summary>Writes (once) and finds the cached embedded-store fixture of a given size.</summary>
internal static class StoreFixture
{
    private const int Version = 3; // 3: name keys by runs (part:), schema layout 2

    public static string Ensure(int count, FixtureProfile profile, ICampaignMatcher matcher)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pipeline-bench-fixtures");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"dedup-{profile.ToString().ToLowerInvariant()}-{count}-v{Version}.sqlite");
        var done = path + ".done";
        if (File.Exists(done) && File.Exists(path))
            return path;
        foreach (var stale in Directory.EnumerateFiles(folder, Path.GetFileNameWithoutExtension(path) + "*"))
            File.Delete(stale);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        using (var store = new SqlitePipelineStore(path, TimeSpan.FromMinutes(30)))
        {
            const int Batch = 20_000;
            for (var start = 0; start < count; start += Batch)
            {
                var reportRows = new List<ReportRecord>();
                var campaignRows = new List<CampaignRecord>();
                for (var c = start; c < Math.Min(count, start + Batch); c++)
                {
                    var campaignId = Guid.CreateVersion7();
                    var members = CampaignFixture.Members(c, count, profile).Select(r => new CampaignMember(Guid.CreateVersion7(), r)).ToArray();
                    foreach (var member in members)
                    {
                        reportRows.Add(new ReportRecord
                        {
                            Id = member.ReportId,
                            ContentHash = member.ReportId.ToString("N"),
                            Source = member.Report.Source,
                            MediaType = "text/plain",
                            FetchedAt = now,
                            State = ReportState.Clustered,
                            Extraction = member.Report,
                            ExtractorVersion = "fixture",
                            CampaignId = campaignId,
                            UpdatedAt = now,
                        });
                    }
                    campaignRows.Add(new CampaignRecord
                    {
                        Id = campaignId,
                        Version = members.Length,
                        ReportIds = members.Select(m => m.ReportId).ToArray(),
                        Keys = matcher.CampaignKeys(members),
                        CreatedAt = now,
                        UpdatedAt = now,
                    });
                }
                store.BulkLoadAsync(reportRows, campaignRows).GetAwaiter().GetResult();
                Console.WriteLine($"// fixture {path}: {Math.Min(count, start + Batch):N0}/{count:N0} campaigns ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        }
        File.WriteAllText(done, clock.Elapsed.ToString());
        Console.WriteLine($"// fixture {path} built in {clock.Elapsed.TotalSeconds:F0} s, {new FileInfo(path).Length / 1e6:N0} MB");
        return path;
    }
}
