namespace Pipeline.Cli.Bench;

/// <summary>
/// Samples this process's working set every few milliseconds while a scenario runs and keeps the
/// maximum (Process.PeakWorkingSet64 is a lifetime peak, so it cannot tell scenarios apart).
/// </summary>
internal sealed class WorkingSetSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public WorkingSetSampler(TimeSpan? interval = null)
    {
        _peak = Environment.WorkingSet;
        var every = interval ?? TimeSpan.FromMilliseconds(25);
        _timer = new Timer(_ => Sample(), null, every, every);
    }

    public double PeakMegabytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak) / (1024.0 * 1024.0);
        }
    }

    private void Sample()
    {
        var current = Environment.WorkingSet;
        long seen;
        while (current > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, current, seen) != seen)
        {
        }
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>Collects garbage left by the previous scenario, so it is not counted in the next one's peak.</summary>
    public static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
