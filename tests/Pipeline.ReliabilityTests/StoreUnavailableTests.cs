using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Pipeline.Infrastructure.Messaging;
using Pipeline.Infrastructure.Storage;
using Pipeline.ReliabilityTests.Support;

namespace Pipeline.ReliabilityTests;

/// <summary>
/// The embedded store unavailable for longer than its busy timeout, mid-run: the test holds the store's
/// write lock (an open write transaction, as a stuck or slow writer in another process would), so every
/// worker's store write waits, fails with StoreUnavailableException and is retried. Nothing is lost or faulted; once the
/// lock is released the run completes as if nothing happened.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class StoreUnavailableTests(ITestOutputHelper output)
{
    /// <summary>Longer than the store's busy timeout (15 s), well inside the retry policy's budget.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_store_locked_past_its_busy_timeout_mid_run_delays_the_run_and_loses_nothing()
    {
        var watch = Stopwatch.StartNew();
        var truth = new Truth(operations: 12, reportsPerOperation: 10, seed: 13);
        await using var vhost = await RabbitMqNode.Shared.CreateVirtualHostAsync("store");
        await using var pipeline = await PipelineUnderTest.StartAsync(vhost, output);
        Assert.Equal(TimeSpan.FromSeconds(15), new StoreOptions().EmbeddedBusyTimeout); // what Hold is sized against
        await truth.DropAllAsync(pipeline);

        var before = await pipeline.WaitUntilAsync("40 reports past extraction", p => p.Stored - p[ReportState.Fetched] >= 40, TimeSpan.FromMinutes(2));
        var unavailableBefore = Unavailable(pipeline);
        TimeSpan held;
        using (var writeLock = HoldWriteLock(pipeline.StorePath))
        {
            var hold = Stopwatch.StartNew();
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} store locked at {before}");
            while (hold.Elapsed < Hold)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                foreach (var (worker, process) in pipeline.Workers)
                    Assert.False(process.HasExited, $"{worker} exited while the store was unavailable:\n{process.Tail}");
            }
            held = hold.Elapsed;
        }
        var during = await pipeline.ProgressAsync();
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} store released after {held.TotalSeconds:0.0} s: {during}");

        var snapshot = await pipeline.WaitSettledAsync(truth.Reports.Count, TimeSpan.FromMinutes(3));
        output.WriteLine($"settled after {watch.Elapsed.TotalSeconds:0.0} s: {snapshot.Describe()}");
        // MassTransit logs each in-memory retry (R-RETRY, with the exception); the fetcher logs its failed poll.
        var unavailable = Unavailable(pipeline).ToDictionary(u => u.Key, u => u.Value - unavailableBefore[u.Key]);
        output.WriteLine($"log lines naming {nameof(StoreUnavailableException)}: {string.Join(", ", unavailable.Select(u => $"{u.Key} {u.Value}"))}");

        truth.AssertMatches(snapshot);
        Assert.Equal(0, snapshot.Progress.ErrorQueueMessages);
        Assert.Equal(0, during.ErrorQueueMessages);
        Assert.True(unavailable.Values.Sum() > 0, "no worker reported the store unavailable: the lock did not bite\n" + pipeline.Tails());
        // Messages were waiting for a consumer when the lock was taken, and none can finish without a write: some
        // consumer retried. Which one depends on how far the backlog moved before the lock bit (the deduplicator
        // decides a backlog in a few group commits, and then the publisher holds it).
        Worker[] consumers = [Worker.Extractor, Worker.Deduplicator, Worker.Publisher];
        if (new[] { QueueNames.ExtractReport, QueueNames.ClusterReport, QueueNames.PublishCampaign }.Sum(q => before.QueueDepths[q]) > 0)
            Assert.True(consumers.Sum(w => unavailable[w]) > 0, "no consumer retried although messages were waiting when the store was locked\n" + pipeline.Tails());
        pipeline.AssertAllHealthy();
        Assert.All(pipeline.Starts.Values, starts => Assert.Equal(1, starts));

        new FaultFigures("store unavailable (write lock held past the busy timeout)", truth.Reports.Count, snapshot.Reports.Count,
            snapshot.Count(ReportState.Failed), Replayed: 0, snapshot.Progress.ErrorQueueMessages, snapshot.Campaigns.Count,
            watch.Elapsed.TotalSeconds, $"held={held.TotalSeconds:0}s retried_or_repolled={unavailable.Values.Sum()} ({string.Join(", ", unavailable.Where(u => u.Value > 0).Select(u => $"{u.Key} {u.Value}"))})").Report(output);
    }

    /// <summary>
    /// A deliberately small retry budget (2 attempts against a 2 s busy timeout, about 4 s per message) and a
    /// quick breaker, so an outage several times longer than the budget stays short enough for the suite.
    /// </summary>
    private static readonly Dictionary<string, string> SmallBudget = new()
    {
        ["Bus__RetryLimit"] = "1",
        ["Store__EmbeddedBusyTimeout"] = "00:00:02",
        ["Bus__BreakerActivationThreshold"] = "2",
        ["Bus__BreakerTripThreshold"] = "50",
        ["Bus__BreakerTrackingPeriod"] = "00:00:10",
        ["Bus__BreakerRestartTimeout"] = "00:00:05",
    };

    /// <summary>About seven times the small retry budget.</summary>
    private static readonly TimeSpan LongHold = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_store_outage_longer_than_the_retry_budget_trips_the_breaker_returns_messages_to_their_queue_and_loses_nothing()
    {
        var watch = Stopwatch.StartNew();
        var truth = new Truth(operations: 12, reportsPerOperation: 10, seed: 29);
        await using var vhost = await RabbitMqNode.Shared.CreateVirtualHostAsync("breaker");
        await using var pipeline = await PipelineUnderTest.StartAsync(vhost, output, SmallBudget);
        await truth.DropAllAsync(pipeline);

        var before = await pipeline.WaitUntilAsync("40 reports past extraction", p => p.Stored - p[ReportState.Fetched] >= 40, TimeSpan.FromMinutes(2));
        var tripsBefore = Count(pipeline, StoreOutageBreaker.TrippedEvent);
        var restartsBefore = Count(pipeline, StoreOutageBreaker.RestartedEvent);
        var returnedBefore = Count(pipeline, "returned to");
        TimeSpan held;
        var errorsDuring = 0L;
        long? waitingForDeduplicator = null; // cluster-report's depth a second into the outage
        using (var writeLock = HoldWriteLock(pipeline.StorePath))
        {
            var hold = Stopwatch.StartNew();
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} store locked at {before}");
            while (hold.Elapsed < LongHold)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                foreach (var (worker, process) in pipeline.Workers)
                    Assert.False(process.HasExited, $"{worker} exited while the store was unavailable:\n{process.Tail}");
                var during = await pipeline.ProgressAsync();
                errorsDuring = Math.Max(errorsDuring, during.ErrorQueueMessages);
                waitingForDeduplicator ??= during.QueueDepths[QueueNames.ClusterReport];
            }
            held = hold.Elapsed;
        }
        var trips = Since(Count(pipeline, StoreOutageBreaker.TrippedEvent), tripsBefore);
        var returned = Since(Count(pipeline, "returned to"), returnedBefore);
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} store released after {held.TotalSeconds:0.0} s: {await pipeline.ProgressAsync()}");
        output.WriteLine($"breaker trips while locked: {Describe(trips)}; messages returned to their queue: {Describe(returned)}; waiting in cluster-report a second into the outage: {waitingForDeduplicator}");

        // Every message outlived its retries at least once, and the breaker stopped at least one endpoint.
        Assert.True(returned.Values.Sum() > 0, "no message outlasted its retry budget: the outage was not longer than the budget\n" + pipeline.Tails());
        var tripped = trips.Where(t => t.Value > 0).Select(t => t.Key).ToArray();
        Assert.True(tripped.Length > 0, "the breaker never tripped\n" + pipeline.Tails());
        // The deduplicator has handled many messages by then: its breaker must still trip (a window over the
        // whole process life would not) when messages were still waiting for it once the store was locked (it
        // may decide its whole backlog in a few group commits just before the lock bites).
        if (waitingForDeduplicator > 0)
            Assert.True(trips[Worker.Deduplicator] > 0, "the deduplicator had a backlog but its breaker never tripped\n" + pipeline.Workers[Worker.Deduplicator].Tail);

        var snapshot = await pipeline.WaitSettledAsync(truth.Reports.Count, TimeSpan.FromMinutes(3));
        output.WriteLine($"settled after {watch.Elapsed.TotalSeconds:0.0} s: {snapshot.Describe()}");
        // Each endpoint the breaker stopped was started again, and its last breaker event is the restart: it
        // consumes now (which is what drained the backlog).
        var restarts = Since(Count(pipeline, StoreOutageBreaker.RestartedEvent), restartsBefore);
        output.WriteLine($"breaker restarts: {Describe(restarts)}");
        foreach (var worker in tripped)
        {
            var log = pipeline.Workers[worker].Output;
            Assert.True(restarts[worker] > 0, $"{worker} tripped but never restarted\n{pipeline.Workers[worker].Tail}");
            Assert.True(log.LastIndexOf(StoreOutageBreaker.RestartedEvent, StringComparison.Ordinal) > log.LastIndexOf(StoreOutageBreaker.TrippedEvent, StringComparison.Ordinal),
                $"{worker}'s endpoint is still stopped after the store came back\n{pipeline.Workers[worker].Tail}");
        }

        truth.AssertMatches(snapshot);
        Assert.Equal(0, errorsDuring);
        Assert.Equal(0, snapshot.Progress.ErrorQueueMessages);
        pipeline.AssertAllHealthy();
        Assert.All(pipeline.Starts.Values, starts => Assert.Equal(1, starts));

        new FaultFigures("store unavailable past the retry budget (breaker)", truth.Reports.Count, snapshot.Reports.Count,
            snapshot.Count(ReportState.Failed), Replayed: 0, snapshot.Progress.ErrorQueueMessages, snapshot.Campaigns.Count,
            watch.Elapsed.TotalSeconds, $"held={held.TotalSeconds:0}s budget~4s trips={trips.Values.Sum()} ({Describe(trips)}) returned={returned.Values.Sum()}").Report(output);
    }

    private static Dictionary<Worker, int> Count(PipelineUnderTest pipeline, string text) =>
        pipeline.Workers.ToDictionary(w => w.Key, w => w.Value.CountLines(text));

    private static Dictionary<Worker, int> Since(Dictionary<Worker, int> now, Dictionary<Worker, int> before) =>
        now.ToDictionary(n => n.Key, n => n.Value - before.GetValueOrDefault(n.Key));

    private static string Describe(Dictionary<Worker, int> counts) =>
        string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value}")) is { Length: > 0 } text ? text : "none";

    private static Dictionary<Worker, int> Unavailable(PipelineUnderTest pipeline) =>
        pipeline.Workers.ToDictionary(w => w.Key, w => w.Value.CountLines(nameof(StoreUnavailableException)));

    /// <summary>Opens a write transaction on the store file (waiting up to 30 s for a worker that writes now) and keeps it open until disposed.</summary>
    private static SqliteConnection HoldWriteLock(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=30");
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "PRAGMA busy_timeout = 30000; BEGIN IMMEDIATE";
        begin.ExecuteNonQuery();
        return connection; // disposing it rolls the empty transaction back and releases the lock
    }
}
