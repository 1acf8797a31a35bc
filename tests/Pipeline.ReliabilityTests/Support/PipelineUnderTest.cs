using System.Text;
using Pipeline.Contracts.Export;
using Pipeline.Infrastructure.Messaging;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.Sqlite;

namespace Pipeline.ReliabilityTests.Support;

/// <summary>
/// The four worker processes over one virtual host and one embedded store file in a scratch folder,
/// configured by environment as their containers are (Bus__*, Store__*, Fetch__DropFolder, Health__*).
/// The test reads the same store file (through the store's own cross-process lock) to see progress.
/// </summary>
internal sealed class PipelineUnderTest : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Dictionary<Worker, WorkerProcess> _workers = [];
    private readonly Dictionary<Worker, int> _starts = [];
    private readonly HashSet<Worker> _killed = [];
    private readonly ITestOutputHelper _output;
    private readonly DirectoryInfo _scratch;
    private readonly Dictionary<string, string> _settings;
    private SqlitePipelineStore? _store;

    private PipelineUnderTest(TestVirtualHost vhost, ITestOutputHelper output, IReadOnlyDictionary<string, string>? settings)
    {
        VirtualHost = vhost;
        _output = output;
        _scratch = Directory.CreateTempSubdirectory("pipeline-reliability-");
        DropFolder = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "inbox")).FullName;
        Staging = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "staging")).FullName;
        StorePath = Path.Combine(_scratch.FullName, "store", "pipeline.sqlite");
        Directory.CreateDirectory(Path.GetDirectoryName(StorePath)!);
        _settings = new Dictionary<string, string>
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMqUri"] = vhost.Uri.ToString(),
            ["Store__Provider"] = "Embedded",
            ["Store__EmbeddedPath"] = StorePath,
            ["Health__Interval"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            _settings[key] = value;
    }

    public TestVirtualHost VirtualHost { get; }

    public string DropFolder { get; }

    public string StorePath { get; }

    /// <summary>Where files are written before being moved into the drop folder whole.</summary>
    public string Staging { get; }

    /// <summary>The store, opened by the test process (same file, same lock protocol as the workers).</summary>
    public IPipelineStore Store => _store ??= new SqlitePipelineStore(StorePath, TimeSpan.FromSeconds(60));

    public IReadOnlyDictionary<Worker, WorkerProcess> Workers => _workers;

    /// <summary>How many times each worker was started (restarts included).</summary>
    public IReadOnlyDictionary<Worker, int> Starts => _starts;

    /// <summary>Starts the workers (all four by default) and waits until each is healthy.</summary>
    public static async Task<PipelineUnderTest> StartAsync(TestVirtualHost vhost, ITestOutputHelper output,
        IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<Worker>? workers = null)
    {
        var pipeline = new PipelineUnderTest(vhost, output, settings);
        try
        {
            // Consumers first: their endpoints declare the queues the fetcher's first publish needs.
            var order = workers ?? [Worker.Publisher, Worker.Deduplicator, Worker.Extractor, Worker.Fetcher];
            foreach (var worker in order)
                pipeline.Launch(worker);
            await Task.WhenAll(order.Select(w => pipeline._workers[w].WaitHealthyAsync(StartTimeout)));
            return pipeline;
        }
        catch
        {
            await pipeline.DisposeAsync();
            throw;
        }
    }

    public IReadOnlyDictionary<string, string> EnvironmentOf(Worker worker)
    {
        var environment = new Dictionary<string, string>(_settings)
        {
            ["Health__ProbeFile"] = Path.Combine(_scratch.FullName, $"{worker}.healthy".ToLowerInvariant()),
            ["Health__LiveFile"] = Path.Combine(_scratch.FullName, $"{worker}.alive".ToLowerInvariant()),
        };
        if (worker == Worker.Fetcher)
        {
            environment["Fetch__DropFolder"] = DropFolder;
            environment.TryAdd("Fetch__PollInterval", "00:00:01");
        }
        else
        {
            // Sources are the fetcher's; keep the other workers from validating or polling any.
            foreach (var key in environment.Keys.Where(k => k.StartsWith("Fetch__", StringComparison.Ordinal)).ToList())
                environment.Remove(key);
        }
        return environment;
    }

    private WorkerProcess Launch(Worker worker)
    {
        var process = WorkerProcess.Start(worker, EnvironmentOf(worker));
        _workers[worker] = process;
        _all.Add(process);
        _killed.Remove(worker);
        _starts[worker] = _starts.GetValueOrDefault(worker) + 1;
        return process;
    }

    /// <summary>kill -9 of one worker process.</summary>
    public async Task KillAsync(Worker worker)
    {
        var process = _workers[worker];
        await process.KillAsync();
        _killed.Add(worker);
        _output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} kill -9 {worker} (pid {process.Pid}, up {(DateTime.UtcNow - process.StartedAt).TotalSeconds:0.0} s)");
    }

    /// <summary>Starts the worker again (after a kill) and waits until it is healthy.</summary>
    public async Task RestartAsync(Worker worker)
    {
        var process = Launch(worker);
        await process.WaitHealthyAsync(StartTimeout);
        _output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {worker} restarted (pid {process.Pid}), healthy");
    }

    /// <summary>Writes a file into the drop folder atomically (written aside, then renamed in), so the fetcher never reads half of it.</summary>
    public async Task DropAsync(string fileName, byte[] content)
    {
        var staged = Path.Combine(Staging, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(staged, content);
        var target = Path.Combine(DropFolder, fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(staged, target);
    }

    public Task DropAsync(string fileName, string text) => DropAsync(fileName, Encoding.UTF8.GetBytes(text));

    /// <summary>Every worker still running and its probe fresh.</summary>
    public void AssertAllHealthy()
    {
        foreach (var (worker, process) in _workers)
        {
            Assert.False(process.HasExited, $"{worker} exited ({process.ExitCode}):\n{process.Tail}");
            Assert.True(process.IsHealthy(TimeSpan.FromSeconds(15)), $"{worker} is alive but its probe file is stale or missing:\n{process.Tail}");
        }
    }

    /// <summary>Report counts by state and queue depths: cheap enough to poll while the workers run.</summary>
    public async Task<Progress> ProgressAsync()
    {
        var counts = await Store.CountReportsByStateAsync();
        var depths = new Dictionary<string, uint>();
        foreach (var queue in QueueNames.All)
        {
            depths[queue] = await VirtualHost.MessageCountAsync(queue);
            depths[QueueNames.Error(queue)] = await VirtualHost.MessageCountAsync(QueueNames.Error(queue));
        }
        return new Progress(counts, depths);
    }

    /// <summary>Everything stored, and the queues.</summary>
    public async Task<PipelineSnapshot> SnapshotAsync()
    {
        var progress = await ProgressAsync();
        return new PipelineSnapshot(progress, await Store.ListReportsAsync(), await Store.ListCampaignsAsync(), await Store.ListCampaignViewsAsync());
    }

    /// <summary>
    /// Waits until at least <paramref name="expectedReports"/> reports are stored, every one in a final
    /// state, the work queues are empty and every live campaign's view covers all its reports.
    /// Fails (with the store's counts, queue depths and each worker's last lines) after the timeout.
    /// </summary>
    public async Task<PipelineSnapshot> WaitSettledAsync(int expectedReports, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var settledTwice = 0;
        while (true)
        {
            var progress = await ProgressAsync();
            if (progress.Final(expectedReports))
            {
                var snapshot = await SnapshotAsync();
                // Twice in a row, a moment apart: a message in flight (unacknowledged) is not counted as ready.
                if (snapshot.Settled(expectedReports) && ++settledTwice == 2)
                    return snapshot;
            }
            else
            {
                settledTwice = 0;
            }
            ThrowIfAnyExited();
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not settled within {timeout.TotalSeconds:0} s: {(await SnapshotAsync()).Describe()}\n" + Tails());
            await Task.Delay(TimeSpan.FromMilliseconds(1000));
        }
    }

    /// <summary>Polls counts and depths until the condition holds (or fails after the timeout).</summary>
    public async Task<Progress> WaitUntilAsync(string what, Func<Progress, bool> condition, TimeSpan timeout, bool workersMayExit = false)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var progress = await ProgressAsync();
            if (condition(progress))
                return progress;
            if (!workersMayExit)
                ThrowIfAnyExited();
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0} s: {progress}\n" + Tails());
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    public string Tails() => string.Join("\n\n", _workers.Values.Select(w => w.Tail));

    /// <summary>Every process started, the killed ones included (their output stays readable).</summary>
    private readonly List<WorkerProcess> _all = [];

    private void ThrowIfAnyExited()
    {
        foreach (var (worker, process) in _workers)
        {
            if (process.HasExited && !_killed.Contains(worker))
                throw new InvalidOperationException($"{worker} exited ({process.ExitCode}):\n{process.Tail}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_all.Select(async process =>
        {
            try { await process.TerminateAsync(TimeSpan.FromSeconds(20)); }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException) { /* killed below */ }
            await process.DisposeAsync();
        }));
        _store?.Dispose();
        try { _scratch.Delete(recursive: true); }
        catch (IOException) { /* the OS temp cleaner gets it */ }
    }
}

/// <summary>Report counts by state and queue depths (ready messages) at one moment.</summary>
internal sealed record Progress(IReadOnlyDictionary<ReportState, long> Counts, IReadOnlyDictionary<string, uint> QueueDepths)
{
    public long this[ReportState state] => Counts.GetValueOrDefault(state);

    public long Stored => Counts.Values.Sum();

    /// <summary>Reports past extraction (clustered, unmatched or failed).</summary>
    public long Finished => this[ReportState.Clustered] + this[ReportState.Unmatched] + this[ReportState.Failed];

    public long ErrorQueueMessages => QueueNames.All.Sum(q => (long)QueueDepths[QueueNames.Error(q)]);

    public bool Final(int expectedReports) =>
        Stored >= expectedReports && Finished == Stored && QueueNames.All.All(q => QueueDepths[q] == 0);

    public override string ToString() =>
        $"{Stored} reports ({string.Join(", ", Counts.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value}"))}); " +
        $"queues: {string.Join(", ", QueueDepths.Select(d => $"{d.Key}={d.Value}"))}";
}

/// <summary>The store and the queues at one moment.</summary>
internal sealed record PipelineSnapshot(
    Progress Progress,
    IReadOnlyList<ReportRecord> Reports,
    IReadOnlyList<CampaignRecord> Campaigns,
    IReadOnlyList<CampaignExport> Views)
{
    public int Count(ReportState state) => Reports.Count(r => r.State == state);

    public bool Settled(int expectedReports) =>
        Progress.Final(expectedReports) &&
        Views.Count == Campaigns.Count &&
        Campaigns.All(c => Views.FirstOrDefault(v => v.Id == c.Id) is { } view && view.Reports.Count == c.ReportIds.Count);

    public string Describe() => $"{Progress}; {Campaigns.Count} live campaigns, {Views.Count} views";
}
