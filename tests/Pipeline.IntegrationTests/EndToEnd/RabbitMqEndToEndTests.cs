using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application.Export;
using Pipeline.Application.Fetching;
using Pipeline.Application.Hosting;
using Pipeline.Cli.Bench;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Messaging;
using Pipeline.Infrastructure.Storage;
using Pipeline.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Pipeline.IntegrationTests.EndToEnd;

/// <summary>The four workers as separate hosts over the real local RabbitMQ.</summary>
public sealed class RabbitMqEndToEndTests(ITestOutputHelper output)
{
    private const int Operations = 20;
    private const int ReportsPerOperation = 5;

    private readonly RabbitMqBroker _broker = new();

    [Fact]
    public async Task Hundred_reports_flow_through_four_workers_into_one_campaign_per_operation()
    {
        await using var vhost = await _broker.CreateVirtualHostAsync();
        using var temp = new TempDirectory();
        var storePath = temp.File("pipeline.db");
        var corpus = new SyntheticCorpus(seed: 7).Generate(Operations, ReportsPerOperation);

        // Consumers first, as a deployment would: their queues and bindings exist before anything is published.
        IHost[] workers =
        [
            WorkerHost.Create(PipelineRoles.Extractor, vhost.Uri, storePath),
            WorkerHost.Create(PipelineRoles.Deduplicator, vhost.Uri, storePath),
            WorkerHost.Create(PipelineRoles.Publisher, vhost.Uri, storePath),
            WorkerHost.Create(PipelineRoles.Fetcher, vhost.Uri, storePath),
        ];
        foreach (var worker in workers)
            await worker.StartAsync();
        try
        {
            var fetcher = workers[^1];
            var ids = new HashSet<Guid>();
            foreach (var report in corpus)
            {
                await using var scope = fetcher.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestAsync(
                    new FetchedDocument(report.FileName, MediaTypes.Text, System.Text.Encoding.UTF8.GetBytes(report.Text)), CancellationToken.None);
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
            Assert.Equal(Operations, export.Campaigns.Count);
            var truth = corpus.ToDictionary(r => r.FileName, r => r.OperationName);
            foreach (var campaign in export.Campaigns)
            {
                var operations = campaign.Reports.Select(r => truth[r.Source]).Distinct().ToArray();
                Assert.Single(operations);
                Assert.Equal(ReportsPerOperation, campaign.Reports.Count);
            }
            Assert.Equal(corpus.Count, export.Campaigns.Sum(c => c.Reports.Count));

            // Queues drained, nothing faulted.
            foreach (var queue in QueueNames.All)
            {
                Assert.Equal(0u, await vhost.MessageCountAsync(queue));
                Assert.True((await vhost.MessageCountAsync(QueueNames.Error(queue)) ?? 0) == 0, $"{QueueNames.Error(queue)} is not empty");
            }
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
}
