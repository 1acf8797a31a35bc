using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Pipeline.DeployTests.Support;

/// <summary>
/// A worker binary started the way its image starts it: deploy/docker/entrypoint.sh (which resolves
/// the *_FILE secrets and execs dotnet) in the folder holding its appsettings.json, like WORKDIR /app.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process process;
    private readonly StringBuilder output = new();

    private WorkerProcess(Worker worker, Process process, string probeFile, string? liveFile)
    {
        Worker = worker;
        this.process = process;
        ProbeFile = probeFile;
        LiveFile = liveFile;
    }

    public Worker Worker { get; }

    public string ProbeFile { get; }

    /// <summary>The liveness file, when the environment names one (the default otherwise, not watched here).</summary>
    public string? LiveFile { get; }

    public string Output { get { lock (output) return output.ToString(); } }

    /// <summary>The last lines of output, each cut short: enough to see why, small enough to read in a test report.</summary>
    public string Tail => string.Join('\n', Output.Split('\n').TakeLast(30).Select(line => line.Length > 400 ? line[..400] + " …" : line));

    public bool HasExited => process.HasExited;

    public static WorkerProcess Start(Worker worker, IReadOnlyDictionary<string, string> environment)
    {
        var dll = WorkerBinaries.Of(worker.Project);
        var start = new ProcessStartInfo("sh")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RepoPaths.Of("deploy/docker/entrypoint.sh"));
        start.ArgumentList.Add(dll);
        // Only what the container would have: no inherited pipeline settings from the test runner.
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {worker.Project}");
        var worker1 = new WorkerProcess(worker, process, environment["Health__ProbeFile"], environment.GetValueOrDefault("Health__LiveFile"));
        process.OutputDataReceived += (_, e) => worker1.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker1.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker1;
    }

    /// <summary>Waits until the worker writes its probe file (healthy) and its liveness file, or fails with its output.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!File.Exists(ProbeFile) || (LiveFile is not null && !File.Exists(LiveFile)))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{Worker} exited ({process.ExitCode}) before it was healthy:\n{Tail}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{Worker} wrote no probe file within {timeout.TotalSeconds:0} s:\n{Tail}");
            await Task.Delay(200);
        }
    }

    /// <summary>Sends SIGTERM (what docker stop and Kubernetes send) and returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (!process.HasExited && Kill(process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Worker} did not stop within {timeout.TotalSeconds:0} s of SIGTERM:\n{Tail}");
        }
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }

    // DllImport rather than LibraryImport: the source-generated form needs unsafe code enabled.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
