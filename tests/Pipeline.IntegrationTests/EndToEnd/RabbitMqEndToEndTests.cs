using System.Diagnostics;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application.Export;
using Pipeline.Application.Fetching;
using Pipeline.Application.Hosting;
using Pipeline.Cli.Bench;
using Pipeline.Contracts.Messages;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Messaging;
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
        var storePath = temp.File("pipeline.db");
        var corpus = new SyntheticCorpus(seed: 7).Generate(Operations, ReportsPerOperation);
        var events = new CampaignEventLog();

        // Consumers first, as a deployment would: their queues and bindings exist before anything is published.
        var workers = new List<IHost>
        {
            WorkerHost.Create(PipelineRoles.None, vhost.Uri, storePath,
                services: s => s.AddSingleton(events),
                bus: x => x.AddConsumer<CampaignEventCollector>().Endpoint(e => e.Name = "test-alerting")),
            WorkerHost.Create(PipelineRoles.Extractor, vhost.Uri, storePath),
        };
        for (var i = 0; i < deduplicators; i++)
            workers.Add(WorkerHost.Create(PipelineRoles.Deduplicator, vhost.Uri, storePath));
        workers.Add(WorkerHost.Create(PipelineRoles.Publisher, vhost.Uri, storePath));
        var fetcher = WorkerHost.Create(PipelineRoles.Fetcher, vhost.Uri, storePath);
        workers.Add(fetcher);
        foreach (var worker in workers)
            await worker.StartAsync();
        try
        {
            var ids = new HashSet<Guid>();
            foreach (var report in corpus)
            {
                await using var scope = fetcher.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestAsync(
                    new FetchedDocument(report.FileName, MediaTypes.Text, Encoding.UTF8.GetBytes(report.Text)), CancellationToken.None);
                Assert.Equal(IngestOutcome.New, result.Outcome);
                ids.Add(result.ReportId);
            }

            var store = fetcher.Services.GetRequiredService<IPipelineStore>();
            var progress = await WaitForCompletionAsync(store, ids, TimeSpan.FromMinutes(3));
            output.WriteLine(progress.ToString());
            Assert.True(progress.Complete, $"pipeline did not finish: {progress}");

            // Every report stored exactly once and placed in a campaign.
            var reports = await store.ListReportsAsync();
            Assert.Equal(corpus.Count, reports.Count);
            Assert.Equal(corpus.Count, reports.Select(r => r.Source).Distinct().Count());
            Assert.All(reports, r => Assert.Equal(ReportState.Clustered, r.State));

            // One campaign per operation, holding exactly that operation's reports.
            var export = await new ExportBuilder(store).BuildAsync(CancellationToken.None);
            AssertOneCampaignPerOperation(export.Campaigns, corpus);

            // Downstream alerting saw one CampaignDetected per campaign and one CampaignUpdated per joining report.
            await WaitUntilAsync(() => events.Events.Count >= corpus.Count, TimeSpan.FromSeconds(30));
            output.WriteLine($"events: {events.Count(nameof(CampaignDetected))} detected, {events.Count(nameof(CampaignUpdated))} updated, {events.Count(nameof(CampaignsMerged))} merged");
            Assert.Equal(Operations, events.Count(nameof(CampaignDetected)));
            Assert.Equal(corpus.Count - Operations, events.Count(nameof(CampaignUpdated)));
            Assert.Equal(0, events.Count(nameof(CampaignsMerged)));

            // Queues drained, nothing faulted.
            await AssertQueuesDrainedAsync(vhost);

            // An operator replays every ReportFetched: nothing may change, and re-sent events keep their ids.
            var before = Snapshot(export);
            var bus = fetcher.Services.GetRequiredService<IBus>();
            foreach (var report in reports)
                await bus.Publish(new ReportFetched(report.Id, report.ContentHash, report.Source, report.Title, report.MediaType, report.FetchedAt));
            await WaitUntilAsync(() => events.Events.Count >= 2 * corpus.Count, TimeSpan.FromSeconds(60));
            var after = await new ExportBuilder(store).BuildAsync(CancellationToken.None);
            Assert.Equal(before, Snapshot(after));
            Assert.Equal(corpus.Count, (await store.ListReportsAsync()).Count);
            Assert.Equal(corpus.Count, events.DistinctMessageIds);
            await AssertQueuesDrainedAsync(vhost);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.StopAsync();
                worker.Dispose();
            }
        }
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

    private static async Task AssertQueuesDrainedAsync(TestVirtualHost vhost)
    {
        foreach (var queue in QueueNames.All)
        {
            Assert.Equal(0u, await vhost.MessageCountAsync(queue));
            Assert.True((await vhost.MessageCountAsync(QueueNames.Error(queue)) ?? 0) == 0, $"{QueueNames.Error(queue)} is not empty");
        }
    }

    private static async Task<PipelineProgress> WaitForCompletionAsync(IPipelineStore store, IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var progress = await PipelineProgress.ReadAsync(store, ids, CancellationToken.None);
            if (progress.Complete || clock.Elapsed > timeout)
                return progress;
            await Task.Delay(200);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < timeout)
            await Task.Delay(100);
        await Task.Delay(500); // let stragglers (duplicates that must not exist) arrive before asserting
    }
}
