using System.Diagnostics;
using Pipeline.Infrastructure.Messaging;
using Pipeline.Infrastructure.Storage;
using Pipeline.ReliabilityTests.Support;

namespace Pipeline.ReliabilityTests;

/// <summary>
/// kill -9 of every worker process in the middle of 1,000 reports (each in turn, the consumers twice:
/// the second time while working through a backlog; then all four at once), each restarted: every
/// report is stored once and clustered once, and every campaign ends with exactly the reports and
/// figures a clean computation over the synthetic truth gives.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class WorkerCrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StageTimeout = TimeSpan.FromMinutes(3);

    private int _kills;

    [Fact]
    public async Task Kill_9_of_each_worker_mid_run_then_restart_stores_every_report_once_and_inflates_no_campaign()
    {
        var watch = Stopwatch.StartNew();
        var truth = new Truth(operations: 100, reportsPerOperation: 10, seed: 7);
        await using var vhost = await RabbitMqNode.Shared.CreateVirtualHostAsync("kill");
        await using var pipeline = await PipelineUnderTest.StartAsync(vhost, output);
        // Reports arrive in waves, the next one while a killed consumer is down, so its queue fills however
        // fast the pipeline drained the previous wave.
        var dropped = 0;
        async Task DropNextAsync(int count)
        {
            foreach (var report in truth.Reports.Skip(dropped).Take(count))
                await pipeline.DropAsync(report.FileName, report.Text);
            dropped += count;
        }
        await DropNextAsync(400);

        // The fetcher stores and announces file by file: killed part-way through the folder.
        var mid = await pipeline.WaitUntilAsync("150 reports stored", p => p.Stored >= 150, StageTimeout);
        Assert.True(mid.Stored < dropped, $"the fetcher had already finished: {mid}");
        await KillAndRestartAsync(pipeline, Worker.Fetcher, mid);

        await KillTwiceAsync(pipeline, Worker.Extractor, QueueNames.ExtractReport, "300 reports past extraction",
            p => p.Stored - p[ReportState.Fetched] >= 300, p => p.Stored - p[ReportState.Fetched], () => DropNextAsync(150));
        await KillTwiceAsync(pipeline, Worker.Deduplicator, QueueNames.ClusterReport, "350 reports clustered",
            p => p[ReportState.Clustered] >= 350, p => p[ReportState.Clustered], () => DropNextAsync(150));
        await KillTwiceAsync(pipeline, Worker.Publisher, QueueNames.PublishCampaign, "500 reports clustered",
            p => p[ReportState.Clustered] >= 500, progressOf: null, () => DropNextAsync(150));
        await DropNextAsync(truth.Reports.Count - dropped);

        // Then all four at once, as a node failure takes them, and back.
        var all = Enum.GetValues<Worker>();
        var atOnce = await pipeline.WaitUntilAsync("700 reports clustered", p => p[ReportState.Clustered] >= 700, StageTimeout);
        await Task.WhenAll(all.Select(pipeline.KillAsync));
        _kills += all.Length;
        output.WriteLine($"    all four killed at {atOnce}");
        foreach (var worker in all)
            await pipeline.RestartAsync(worker);

        var snapshot = await pipeline.WaitSettledAsync(truth.Reports.Count, StageTimeout);
        output.WriteLine($"settled after {watch.Elapsed.TotalSeconds:0.0} s: {snapshot.Describe()}");

        truth.AssertMatches(snapshot);
        Assert.Equal(truth.Reports.Count, snapshot.Reports.Count);
        Assert.Equal(0, snapshot.Progress.ErrorQueueMessages);
        pipeline.AssertAllHealthy();

        new FaultFigures("kill -9 of each worker, then all four at once", truth.Reports.Count, snapshot.Reports.Count,
            snapshot.Count(ReportState.Failed), Replayed: 0, snapshot.Progress.ErrorQueueMessages, snapshot.Campaigns.Count,
            watch.Elapsed.TotalSeconds, $"kills={_kills} restarts={pipeline.Starts.Values.Sum() - all.Length} expected_campaigns={truth.Operations.Count}").Report(output);
    }

    /// <summary>
    /// Kills a consumer at a point of the run, lets its queue fill while it is down (<paramref name="whileDown"/>
    /// hands the fetcher another wave of reports), restarts it, and
    /// kills it again once it is working through that backlog (its prefetched and in-flight messages
    /// are then in the kernel's hands: unacknowledged, redelivered to the next instance).
    /// </summary>
    private async Task KillTwiceAsync(PipelineUnderTest pipeline, Worker worker, string queue, string when,
        Func<Progress, bool> due, Func<Progress, long>? progressOf, Func<Task> whileDown)
    {
        await KillAndRestartAsync(pipeline, worker, await pipeline.WaitUntilAsync(when, due, StageTimeout), restart: false);
        await whileDown();
        var backlog = await pipeline.WaitUntilAsync($"a backlog in {queue}", p => p.QueueDepths[queue] >= 40, StageTimeout);
        await pipeline.RestartAsync(worker);
        var working = await pipeline.WaitUntilAsync($"{worker} working through its backlog",
            p => p.QueueDepths[queue] < backlog.QueueDepths[queue] && (progressOf is null || progressOf(p) >= progressOf(backlog) + 3),
            StageTimeout);
        if (progressOf is null)
            await Task.Delay(300);
        await KillAndRestartAsync(pipeline, worker, working, note: $"working through a backlog of {backlog.QueueDepths[queue]}");
    }

    private async Task KillAndRestartAsync(PipelineUnderTest pipeline, Worker worker, Progress at, bool restart = true, string note = "")
    {
        await pipeline.KillAsync(worker);
        _kills++;
        output.WriteLine($"    {note} at {at}".Replace("     at", "    at", StringComparison.Ordinal));
        if (restart)
            await pipeline.RestartAsync(worker);
    }
}
