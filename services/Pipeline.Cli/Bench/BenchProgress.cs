using System.Diagnostics;

namespace Pipeline.Cli.Bench;

/// <summary>Progress on stderr (stdout carries only the JSON): one line per scenario every few seconds.</summary>
internal sealed class BenchProgress(TextWriter writer, bool quiet)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(3);

    public void Say(string text)
    {
        if (!quiet)
            writer.WriteLine(text);
    }

    /// <summary>Prints "fetched i/N, finished j/N" for a running scenario until disposed.</summary>
    public IDisposable Track(string scenario, LatencyRecorder recorder, Func<int> fetched)
    {
        var clock = Stopwatch.StartNew();
        return new Timer(_ => Say($"  {scenario}: fetched {fetched()}/{recorder.Count}, finished {recorder.FinishedCount}/{recorder.Count} ({clock.Elapsed.TotalSeconds:F0} s)"),
            null, Every, Every);
    }
}
