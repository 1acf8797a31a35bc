using System.Diagnostics;

namespace Pipeline.Cli.Bench;

/// <summary>
/// Per-report timing for one scenario run: when each report was handed to the fetch stage and when
/// it was finished (its campaign view stored, or it was recorded unmatched/failed). Thread-safe;
/// completes <see cref="AllDone"/> when every report has finished. Reports are known by source name,
/// which the synthetic corpus makes unique.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly Dictionary<string, int> _index;
    private readonly long[] _started;
    private readonly long[] _finished;
    private readonly TaskCompletionSource _allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _finishedCount;
    private int _unmatched;
    private int _failed;

    public LatencyRecorder(IReadOnlyList<string> sources)
    {
        _index = new Dictionary<string, int>(sources.Count, StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
            _index.Add(sources[i], i);
        _started = new long[sources.Count];
        _finished = new long[sources.Count];
    }

    public int Count => _started.Length;
    public int FinishedCount => Volatile.Read(ref _finishedCount);
    public int Unmatched => Volatile.Read(ref _unmatched);
    public int Failed => Volatile.Read(ref _failed);
    public Task AllDone => _allDone.Task;

    public void Started(int index) => _started[index] = Stopwatch.GetTimestamp();

    /// <summary>Marks a report finished the first time it is seen; later sightings (its campaign growing) are ignored.</summary>
    public void Finished(string source, Outcome outcome = Outcome.InCampaign)
    {
        if (!_index.TryGetValue(source, out var i))
            return; // a warm-up report or something else sharing the store
        var now = Stopwatch.GetTimestamp();
        if (Interlocked.CompareExchange(ref _finished[i], now, 0) != 0)
            return;
        if (outcome == Outcome.Unmatched) Interlocked.Increment(ref _unmatched);
        if (outcome == Outcome.Failed) Interlocked.Increment(ref _failed);
        if (Interlocked.Increment(ref _finishedCount) == _started.Length)
            _allDone.TrySetResult();
    }

    /// <summary>Latencies in milliseconds of every finished report, sorted ascending.</summary>
    public double[] SortedLatenciesMs()
    {
        var latencies = new List<double>(_started.Length);
        for (var i = 0; i < _started.Length; i++)
        {
            var end = Volatile.Read(ref _finished[i]);
            if (end != 0 && _started[i] != 0)
                latencies.Add(Stopwatch.GetElapsedTime(_started[i], end).TotalMilliseconds);
        }
        latencies.Sort();
        return [.. latencies];
    }

    public enum Outcome
    {
        InCampaign,
        Unmatched,
        Failed,
    }
}
