using Pipeline.Application.Export;
using Pipeline.Cli.Bench;
using Pipeline.Contracts.Messages;
using Pipeline.Infrastructure.Storage;
using Pipeline.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Pipeline.IntegrationTests.EndToEnd;

/// <summary>The four workers as separate hosts (own bus, own endpoints) over the real local RabbitMQ.</summary>
public sealed class RabbitMqEndToEndTests(ITestOutputHelper output)
{
    private const int Operations = 20;
    private const int ReportsPerOperation = 5;

    private readonly RabbitMqBroker _broker = new();

    /// <param name="deduplicators">
    /// Two deduplicator instances consume the same queue at once: optimistic concurrency on the store's
    /// cluster sequence must still give one campaign per operation.
    /// </param>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Hundred_reports_flow_through_the_workers_into_one_campaign_per_operation(int deduplicators)
    {
        await using var vhost = await _broker.CreateVirtualHostAsync();
        using var temp = new TempDirectory();
        var corpus = new SyntheticCorpus(seed: 7).Generate(Operations, ReportsPerOperation);
        await using var workers = await PipelineWorkers.StartAsync(vhost, temp.File("pipeline.db"), deduplicators);
        var events = workers.Events;

        var ids = new HashSet<Guid>();
        foreach (var report in corpus)
            ids.Add(await workers.IngestAsync(report.FileName, report.Text));

        var store = workers.Store;
        var progress = await PipelineWaits.ForCompletionAsync(store, ids, TimeSpan.FromMinutes(3));
        output.WriteLine(progress.ToString());
        Assert.True(progress.Complete, $"pipeline did not finish: {progress}");

        // Every report stored exactly once and placed in a campaign.
        var reports = await store.ListReportsAsync();
        Assert.Equal(corpus.Count, reports.Count);
        Assert.Equal(corpus.Count, reports.Select(r => r.Source).Distinct().Count());
        Assert.All(reports, r => Assert.Equal(ReportState.Clustered, r.State));

        // Every deduplicator instance took part: the broker spreads the queue over both consumers (each
        // holds at most its prefetch), so with two instances the concurrency above was real, not nominal.
        var consumed = workers.Deduplicators.Select(d => d.Consumed<ReportExtracted>()).ToArray();
        output.WriteLine($"ReportExtracted consumed per deduplicator: {string.Join(", ", consumed)}");
        Assert.Equal(deduplicators, consumed.Length);
        Assert.All(consumed, n => Assert.True(n > 0, $"a deduplicator consumed nothing: {string.Join(", ", consumed)}"));
        Assert.True(consumed.Sum() >= corpus.Count, $"only {consumed.Sum()} ReportExtracted consumed for {corpus.Count} reports");

        // One campaign per operation, holding exactly that operation's reports.
        var export = await new ExportBuilder(store).BuildAsync(CancellationToken.None);
        AssertOneCampaignPerOperation(export.Campaigns, corpus);

        // Downstream alerting saw one CampaignDetected per campaign and one CampaignUpdated per joining report.
        await PipelineWaits.UntilAsync(() => events.Events.Count >= corpus.Count, TimeSpan.FromSeconds(30));
        output.WriteLine($"events: {events.Count(nameof(CampaignDetected))} detected, {events.Count(nameof(CampaignUpdated))} updated, {events.Count(nameof(CampaignsMerged))} merged");
        Assert.Equal(Operations, events.Count(nameof(CampaignDetected)));
        Assert.Equal(corpus.Count - Operations, events.Count(nameof(CampaignUpdated)));
        Assert.Equal(0, events.Count(nameof(CampaignsMerged)));

        // Queues drained, nothing faulted.
        await PipelineWaits.AssertQueuesDrainedAsync(vhost);

        // An operator replays every ReportFetched: nothing may change, and re-sent events keep their ids.
        var before = Snapshot(export);
        foreach (var report in reports)
            await workers.Bus.Publish(new ReportFetched(report.Id, report.ContentHash, report.Source, report.Title, report.MediaType, report.FetchedAt));
        await PipelineWaits.UntilAsync(() => events.Events.Count >= 2 * corpus.Count, TimeSpan.FromSeconds(60));
        var after = await new ExportBuilder(store).BuildAsync(CancellationToken.None);
        Assert.Equal(before, Snapshot(after));
        Assert.Equal(corpus.Count, (await store.ListReportsAsync()).Count);
        Assert.Equal(corpus.Count, events.DistinctMessageIds);
        await PipelineWaits.AssertQueuesDrainedAsync(vhost);
    }

    private static void AssertOneCampaignPerOperation(IReadOnlyList<Pipeline.Contracts.Export.CampaignExport> campaigns, IReadOnlyList<SyntheticReport> corpus)
    {
        Assert.Equal(Operations, campaigns.Count);
        var truth = corpus.ToDictionary(r => r.FileName, r => r.OperationName);
        foreach (var campaign in campaigns)
        {
            Assert.Single(campaign.Reports.Select(r => truth[r.Source]).Distinct());
            Assert.Equal(ReportsPerOperation, campaign.Reports.Count);
        }
    }

    private static string Snapshot(Pipeline.Contracts.Export.ExportDocument export) =>
        System.Text.Json.JsonSerializer.Serialize(export.Campaigns.Select(c => new { c.Id, c.Name, c.Platforms, Reports = c.Reports.Select(r => r.Source).Order() }));
}
