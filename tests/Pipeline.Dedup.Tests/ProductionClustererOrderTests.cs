using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Application.Clustering;
using Pipeline.Application.Fetching;
using Pipeline.Application.Hosting;
using Pipeline.Dedup.Tests.Support;
using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Reports;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.Sqlite;
using Xunit.Abstractions;

namespace Pipeline.Dedup.Tests;

/// <summary>
/// Order stability of the PRODUCTION deduplicator (<see cref="CampaignClusterer"/> committing to a real
/// embedded SQLite store), not of the in-memory test loop: the development corpus in file order and in
/// seeded shuffles must give the same partition of reports into campaigns.
/// </summary>
public sealed class ProductionClustererOrderTests(ITestOutputHelper output)
{
    private const double MinBcubedF1 = 0.95;
    private static readonly int[] Seeds = [1, 2, 3, 17, 2024];

    /// <summary>The gold labels' extractions (as <see cref="GoldCorpusQualityTests"/> uses them).</summary>
    [Fact]
    public async Task Gold_extractions_give_one_partition_in_every_order_and_the_same_as_the_in_memory_loop()
    {
        var items = GoldCorpus.Load(GoldCorpus.GoldPath());
        var gold = items.ToDictionary(i => i.Report.Source, i => i.Campaign);
        var reports = items.Select(i => new Placed(Rpt.IdOf(i.Report.Source), i.Report.Source, i.Report)).ToList();

        var partition = await AssertOneDeterministicPartitionAsync(reports, gold, "gold", requireQualityBar: true);

        var inMemory = new InMemoryDeduplicator(new CampaignMatcher(KnownOperationAliases.Default));
        inMemory.AddAll(items.OrderBy(i => i.Report.Source, StringComparer.Ordinal).Select(i => Rpt.Member(i.Report)));
        Assert.Equal(inMemory.Partition(), partition);
    }

    /// <summary>What the production extractor reads from the corpus files (HTML, Markdown, text).</summary>
    [Fact]
    public async Task Extracted_reports_give_one_partition_in_every_order()
    {
        var gold = GoldCorpus.Load(GoldCorpus.GoldPath()).ToDictionary(i => i.Report.Source, i => i.Campaign);
        var folder = new FolderSource(Path.Combine(Path.GetDirectoryName(GoldCorpus.GoldPath())!, "reports"));
        var reader = new DocumentReader();
        var extractor = DomainServices.CreateExtractor();
        var reports = new List<Placed>();
        foreach (var path in folder.ListFiles())
        {
            var document = await folder.ReadAsync(path, CancellationToken.None);
            var extraction = extractor.Extract(reader.Read(document.Source, document.MediaType, document.Content));
            if (extraction.DescribesTakedown)
                reports.Add(new Placed(ContentHash.ReportId(ContentHash.Of(document.Content)), document.Source, extraction));
        }
        Assert.True(reports.Count >= gold.Count * 9 / 10, $"only {reports.Count} of {gold.Count} takedown reports extracted as takedowns");

        // Quality is printed, not asserted: extraction errors are DevCorpusScoringTests' business (same floor there).
        await AssertOneDeterministicPartitionAsync(reports, gold, "extracted", requireQualityBar: false);
    }

    private sealed record Placed(Guid Id, string Source, ExtractedReport Extraction);

    private async Task<IReadOnlyList<string>> AssertOneDeterministicPartitionAsync(
        IReadOnlyList<Placed> reports, IReadOnlyDictionary<string, string> gold, string label, bool requireQualityBar)
    {
        var orders = new List<(string Label, Placed[] Reports)> { ("file order", reports.OrderBy(r => r.Source, StringComparer.Ordinal).ToArray()) };
        foreach (var seed in Seeds)
        {
            var shuffled = orders[0].Reports.ToArray();
            new Random(seed).Shuffle(shuffled);
            orders.Add(($"shuffle {seed}", shuffled));
        }

        output.WriteLine($"{label}: {reports.Count} takedown reports, {gold.Values.Distinct().Count()} gold campaigns");
        var partitions = new List<(string Label, IReadOnlyList<string> Partition)>();
        foreach (var (order, ordered, grouped) in orders.Select(o => (o.Label, o.Reports, false)).Append(("file order, grouped", orders[0].Reports, true)))
        {
            var partition = await ClusterAsync(ordered, grouped);
            var metrics = Score(partition, gold);
            output.WriteLine($"  {order,-12} {partition.Count} campaigns  {metrics}");
            Assert.True(!requireQualityBar || metrics.BcubedF1 >= MinBcubedF1, $"{label}, {order}: {metrics}");
            partitions.Add((order, partition));
        }

        var reference = partitions[0].Partition;
        foreach (var (order, partition) in partitions.Skip(1))
        {
            var onlyReference = reference.Except(partition).ToArray();
            var onlyThis = partition.Except(reference).ToArray();
            Assert.True(onlyReference.Length == 0 && onlyThis.Length == 0,
                $"{label}: {order} clusters differently from file order.\n  file order only: {string.Join("\n    ", onlyReference)}\n  {order} only: {string.Join("\n    ", onlyThis)}");
        }
        return reference;
    }

    /// <summary>
    /// One deduplicator run over a fresh store, reports placed one by one as the consumer places them, or
    /// (<paramref name="grouped"/>) all handed over at once, as a consumer with many messages in hand does:
    /// the clusterer then decides them in groups, and each must see the campaigns its group opened before it.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ClusterAsync(IReadOnlyList<Placed> ordered, bool grouped)
    {
        var directory = Directory.CreateTempSubdirectory("dedup-order-");
        try
        {
            using var store = new SqlitePipelineStore(Path.Combine(directory.FullName, "store.db"), TimeSpan.FromSeconds(10));
            await store.InitializeAsync();
            var clusterer = new CampaignClusterer(store, DomainServices.CreateMatcher(), new CampaignMemberCache(), TimeProvider.System,
                NullLogger<CampaignClusterer>.Instance);
            foreach (var r in ordered)
            {
                Assert.True(await store.TryAddReportAsync(new ReportRecord
                {
                    Id = r.Id,
                    ContentHash = "test:" + r.Source,
                    Source = r.Source,
                    MediaType = MediaTypes.Text,
                    FetchedAt = DateTimeOffset.UnixEpoch,
                    State = ReportState.Extracted,
                    Extraction = r.Extraction,
                    ExtractorVersion = "order-test",
                }));
            }
            var placing = new List<Task<Pipeline.Contracts.Messages.ReportClustered?>>();
            foreach (var r in ordered)
            {
                var stored = await store.GetReportAsync(r.Id) ?? throw new InvalidOperationException($"{r.Source} not stored");
                placing.Add(clusterer.ClusterAsync(stored, CancellationToken.None));
                if (!grouped)
                    await placing[^1];
            }
            Assert.All(await Task.WhenAll(placing), Assert.NotNull);
            var commits = await store.GetClusterSequenceAsync();
            Assert.True(!grouped || commits < ordered.Count / 2, $"{commits} commits for {ordered.Count} reports: the placements were not grouped");

            var sources = ordered.ToDictionary(r => r.Id, r => r.Source);
            var live = await store.ListCampaignsAsync(includeMerged: false);
            Assert.Equal(ordered.Count, live.Sum(c => c.ReportIds.Count)); // every report in exactly one live campaign
            return live.Select(c => string.Join(" | ", c.ReportIds.Select(id => sources[id]).Order(StringComparer.Ordinal)))
                .Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A gold takedown report the run did not place is a campaign of its own.</summary>
    private static ClusterMetrics Score(IReadOnlyList<string> partition, IReadOnlyDictionary<string, string> gold)
    {
        var predicted = partition.SelectMany((campaign, n) => campaign.Split(" | ").Select(source => (source, n)))
            .ToDictionary(x => x.source, x => x.n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var covered = gold.Keys.ToDictionary(source => source, source => predicted.GetValueOrDefault(source) ?? "unplaced:" + source);
        return ClusterMetrics.Of(covered, gold);
    }
}
