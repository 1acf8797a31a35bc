using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application.Fetching;
using Pipeline.Application.Hosting;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>
/// The pipeline as a deployment runs it over one virtual host and one store file: a downstream alerting
/// subscriber, the extractor, one or more deduplicators, the publisher and the fetcher, each its own host
/// with its own bus and endpoints. Consumers start first, so their queues exist before anything is published.
/// </summary>
internal sealed class PipelineWorkers : IAsyncDisposable
{
    private readonly List<IHost> _hosts;

    private PipelineWorkers(List<IHost> hosts, IHost fetcher, CampaignEventLog events, IReadOnlyList<ConsumeCounter> deduplicators)
    {
        _hosts = hosts;
        Fetcher = fetcher;
        Events = events;
        Deduplicators = deduplicators;
    }

    /// <summary>Every campaign event the alerting subscriber received.</summary>
    public CampaignEventLog Events { get; }

    /// <summary>What each deduplicator instance consumed, in start order.</summary>
    public IReadOnlyList<ConsumeCounter> Deduplicators { get; }

    public IHost Fetcher { get; }

    public IPipelineStore Store => Fetcher.Services.GetRequiredService<IPipelineStore>();

    public IBus Bus => Fetcher.Services.GetRequiredService<IBus>();

    public static async Task<PipelineWorkers> StartAsync(TestVirtualHost vhost, string storePath, int deduplicators = 1)
    {
        var events = new CampaignEventLog();
        var counters = new List<ConsumeCounter>();
        var hosts = new List<IHost>
        {
            WorkerHost.Create(PipelineRoles.None, vhost.Uri, storePath,
                services: s => s.AddSingleton(events),
                bus: x => x.AddConsumer<CampaignEventCollector>().Endpoint(e => e.Name = "test-alerting")),
            WorkerHost.Create(PipelineRoles.Extractor, vhost.Uri, storePath),
        };
        for (var i = 0; i < deduplicators; i++)
        {
            var counter = new ConsumeCounter();
            counters.Add(counter);
            hosts.Add(WorkerHost.Create(PipelineRoles.Deduplicator, vhost.Uri, storePath, services: s => s.AddConsumeObserver(_ => counter)));
        }
        hosts.Add(WorkerHost.Create(PipelineRoles.Publisher, vhost.Uri, storePath));
        var fetcher = WorkerHost.Create(PipelineRoles.Fetcher, vhost.Uri, storePath);
        hosts.Add(fetcher);

        var workers = new PipelineWorkers(hosts, fetcher, events, counters);
        try
        {
            foreach (var host in hosts)
                await host.StartAsync();
        }
        catch
        {
            await workers.DisposeAsync();
            throw;
        }
        return workers;
    }

    /// <summary>Stores a new text document and announces it, as the fetcher does for a file it has not seen.</summary>
    public async Task<Guid> IngestAsync(string fileName, string text)
    {
        await using var scope = Fetcher.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestAsync(
            new FetchedDocument(fileName, MediaTypes.Text, Encoding.UTF8.GetBytes(text)), CancellationToken.None);
        Assert.Equal(IngestOutcome.New, result.Outcome);
        return result.ReportId;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
