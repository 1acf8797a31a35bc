using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pipeline.ReliabilityTests.Support;

/// <summary>The four pipeline workers, by the project (and assembly) that hosts each.</summary>
internal enum Worker
{
    Fetcher,
    Extractor,
    Deduplicator,
    Publisher,
}

/// <summary>
/// One worker binary run as a real OS process (`dotnet Pipeline.X.dll` in its output folder, the way
/// its image runs it) with only the given Section__Key environment. Can be killed with SIGKILL
/// (nothing runs on the way out) or stopped with SIGTERM.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int MaxKeptLines = 4000;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private int _disposed;

    private WorkerProcess(Worker worker, Process process, string probeFile)
    {
        Worker = worker;
        _process = process;
        ProbeFile = probeFile;
        StartedAt = DateTime.UtcNow;
    }

    public Worker Worker { get; }

    public string ProbeFile { get; }

    public DateTime StartedAt { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string Output
    {
        get { lock (_lines) return string.Join('\n', _lines); }
    }

    /// <summary>The last lines of output, each cut short: enough to see why, small enough for a test report.</summary>
    public string Tail
    {
        get
        {
            lock (_lines)
                return $"{Worker} (pid {Pid}, exit {ExitCode?.ToString() ?? "-"}) last lines:\n" +
                       string.Join('\n', _lines.TakeLast(25).Select(l => l.Length > 500 ? l[..500] + " …" : l));
        }
    }

    /// <summary>Output lines containing the text (from the kept window of recent lines).</summary>
    public int CountLines(string text)
    {
        lock (_lines)
            return _lines.Count(l => l.Contains(text, StringComparison.Ordinal));
    }

    public static WorkerProcess Start(Worker worker, IReadOnlyDictionary<string, string> environment)
    {
        var assembly = "Pipeline." + worker;
        var dll = WorkerBinaries.Of(assembly);
        var probe = environment["Health__ProbeFile"];
        File.Delete(probe); // a stale probe from a killed predecessor must not count as healthy

        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        // Only what the test sets: nothing inherited from the runner's environment configures the worker.
        foreach (var key in start.Environment.Keys
                     .Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal) || k.StartsWith("PIPELINE_", StringComparison.Ordinal))
                     .ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {assembly}");
        var running = new WorkerProcess(worker, process, probe);
        process.OutputDataReceived += (_, e) => running.Append(e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>The dotnet muxer that runs this test (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Waits until the worker writes its probe file (bus connected, endpoints started), or fails with its output.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!IsHealthy(TimeSpan.FromSeconds(10)))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Worker} exited ({_process.ExitCode}) before it was healthy:\n{Tail}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{Worker} was not healthy within {timeout.TotalSeconds:0} s:\n{Tail}");
            await Task.Delay(200);
        }
    }

    /// <summary>Alive, and its probe file was rewritten within <paramref name="freshness"/>.</summary>
    public bool IsHealthy(TimeSpan freshness)
    {
        if (_process.HasExited)
            return false;
        var info = new FileInfo(ProbeFile);
        return info.Exists && info.LastWriteTimeUtc >= StartedAt.AddSeconds(-1) && DateTime.UtcNow - info.LastWriteTimeUtc < freshness;
    }

    /// <summary>kill -9: the process gets no chance to finish, ack, flush or release anything.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited && Kill(_process.Id, SigKill) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGKILL) failed: errno {Marshal.GetLastPInvokeError()}");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>SIGTERM (docker stop); returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (!_process.HasExited && Kill(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Worker} did not stop within {timeout.TotalSeconds:0} s of SIGTERM:\n{Tail}");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(cts.Token);
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > MaxKeptLines)
                _lines.Dequeue();
        }
    }

    // DllImport rather than LibraryImport: the source-generated form needs unsafe code enabled.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
