using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application.Fetching;
using Pipeline.Application.Hosting;
using Pipeline.Infrastructure.Documents;

using Pipeline.Infrastructure.Storage;

namespace Pipeline.Cli.Bench;

/// <summary>
/// Scenarios 1 and 2: the real pipeline (fetch → extract → deduplicate → publish) over a fresh
/// embedded store. In-memory: one host running the three consumer stages, as `pipeline ingest` does.
/// RabbitMQ: four hosts, each with its own bus connection and only its role's consumers, as the worker
/// containers run. The fetch stage is the pipeline's own DocumentIngestor, fed by as many lanes as the fetcher polls
/// sources at once (<see cref="FetchLanes"/>).
/// </summary>
internal sealed class PipelineScenario(BenchSettings settings, BenchProgress progress)
{
    public async Task<ScenarioResult> RunAsync(string name, IReadOnlyList<SyntheticReport> corpus, string? rabbitMqUri, string storePath, CancellationToken ct)
    {
        var recorder = new LatencyRecorder(corpus.Select(r => r.FileName).ToArray());
        var documents = corpus.Select(r => new FetchedDocument(r.FileName, MediaTypes.Text, Encoding.UTF8.GetBytes(r.Text))).ToArray();

        using var store = (IDisposable)BenchHost.OpenStore(storePath);
        var shared = (IPipelineStore)store;
        IHost[] hosts = rabbitMqUri is null
            ? [BenchHost.Build(PipelineRoles.Extractor | PipelineRoles.Deduplicator | PipelineRoles.Publisher, null, shared, recorder, settings.Verbose)]
            :
            [
                // Consumers first, as a deployment starts them: queues are bound before anything is published.
                BenchHost.Build(PipelineRoles.Extractor, rabbitMqUri, shared, recorder, settings.Verbose),
                BenchHost.Build(PipelineRoles.Deduplicator, rabbitMqUri, shared, recorder, settings.Verbose),
                BenchHost.Build(PipelineRoles.Publisher, rabbitMqUri, shared, recorder, settings.Verbose),
                BenchHost.Build(PipelineRoles.Fetcher, rabbitMqUri, shared, recorder, settings.Verbose),
            ];
        try
        {
            foreach (var host in hosts)
                await host.StartAsync(ct);
            var fetcher = hosts[^1];

            WorkingSetSampler.Settle();
            using var sampler = new WorkingSetSampler();
            var cpu = new CpuMeter();
            var clock = Stopwatch.StartNew();
            var fetched = 0;
            using var ticker = progress.Track(name, recorder, () => Volatile.Read(ref fetched));
            await FetchLanes.RunAsync(documents.Length, async (i, token) =>
            {
                await using var scope = fetcher.Services.CreateAsyncScope();
                recorder.Started(i);
                var result = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestAsync(documents[i], token);
                if (result.Outcome != IngestOutcome.New)
                    throw new InvalidOperationException($"{documents[i].Source}: expected a new report, got {result.Outcome} {result.Error}");
                Interlocked.Increment(ref fetched);
            }, ct);

            await WaitAsync(recorder, settings.Timeout, ct);
            clock.Stop();
            return ScenarioResult.From(name, recorder, clock.Elapsed, sampler.PeakMegabytes, cpu, overBroker: rabbitMqUri is not null);
        }
        finally
        {
            // Stop in reverse: the fetcher first, the consumers after it.
            foreach (var host in hosts.Reverse())
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }
        }
    }

    internal static async Task WaitAsync(LatencyRecorder recorder, TimeSpan timeout, CancellationToken ct)
    {
        var finished = await Task.WhenAny(recorder.AllDone, Task.Delay(timeout, ct));
        ct.ThrowIfCancellationRequested();
        if (finished != recorder.AllDone)
            throw new TimeoutException($"only {recorder.FinishedCount}/{recorder.Count} reports finished within {timeout}");
    }
}
