using System.Diagnostics;
using Pipeline.Infrastructure.Storage;
using Pipeline.ReliabilityTests.Support;

namespace Pipeline.ReliabilityTests;

/// <summary>
/// The broker stopped and started again in the middle of a run (a node of its own, so other tests'
/// broker is untouched): the workers stay up, report not-ready while it is gone, reconnect, and the
/// run completes with every report stored and clustered once.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class BrokerRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan MinimumOutage = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task A_broker_restart_mid_run_is_survived_workers_reconnect_and_nothing_is_lost()
    {
        var watch = Stopwatch.StartNew();
        var truth = new Truth(operations: 12, reportsPerOperation: 10, seed: 17);
        await using var node = await PrivateRabbitMqNode.StartAsync();
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} private broker node {node.NodeName} up on port {node.Port} after {watch.Elapsed.TotalSeconds:0.0} s");
        await using var vhost = await node.CreateVirtualHostAsync("broker");
        await using var pipeline = await PipelineUnderTest.StartAsync(vhost, output);
        await truth.DropAllAsync(pipeline);

        var at = await pipeline.WaitUntilAsync("40 reports past extraction", p => p.Stored - p[ReportState.Fetched] >= 40, TimeSpan.FromMinutes(2));
        var outage = Stopwatch.StartNew();
        await node.StopNodeAsync();
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} broker stopped at {at}");

        // While it is gone: every worker stays up, and every health probe says not ready: the broker check
        // sees its own connection closed at once, even in a worker whose receive endpoint is still working
        // through prefetched messages (BrokerHealthCheck), and in the fetcher, which has no receive endpoint.
        Worker[] workers = [Worker.Extractor, Worker.Deduplicator, Worker.Publisher, Worker.Fetcher];
        var unready = new HashSet<Worker>();
        var unreadyBy = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!workers.All(unready.Contains) && DateTime.UtcNow < unreadyBy)
        {
            foreach (var (worker, process) in pipeline.Workers)
            {
                Assert.False(process.HasExited, $"{worker} exited when the broker went away:\n{process.Tail}");
                if (!File.Exists(process.ProbeFile))
                    unready.Add(worker);
            }
            await Task.Delay(250);
        }
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} not ready while the broker was down: {string.Join(", ", unready)}");

        // Down long enough for the workers' reconnect attempts to fail a few times.
        if (outage.Elapsed < MinimumOutage)
            await Task.Delay(MinimumOutage - outage.Elapsed);
        await node.StartNodeAsync();
        var down = outage.Elapsed;
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} broker back after {down.TotalSeconds:0.0} s");
        await Task.WhenAll(pipeline.Workers.Values.Select(w => w.WaitHealthyAsync(TimeSpan.FromSeconds(90))));
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} every worker reconnected and healthy");

        var snapshot = await pipeline.WaitSettledAsync(truth.Reports.Count, TimeSpan.FromMinutes(3));
        output.WriteLine($"settled after {watch.Elapsed.TotalSeconds:0.0} s: {snapshot.Describe()}");

        truth.AssertMatches(snapshot);
        Assert.Equal(0, snapshot.Progress.ErrorQueueMessages);
        Assert.All(workers, worker => Assert.Contains(worker, unready));
        pipeline.AssertAllHealthy();
        Assert.All(pipeline.Starts.Values, starts => Assert.Equal(1, starts)); // reconnected, never restarted

        var lost = truth.Reports.Count - snapshot.Count(ReportState.Clustered);
        new FaultFigures("broker restart mid-run", truth.Reports.Count, snapshot.Reports.Count,
            snapshot.Count(ReportState.Failed), Replayed: 0, snapshot.Progress.ErrorQueueMessages, snapshot.Campaigns.Count,
            watch.Elapsed.TotalSeconds, $"broker_down={down.TotalSeconds:0.0}s lost={lost}").Report(output);
    }
}
