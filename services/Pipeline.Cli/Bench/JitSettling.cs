using System.Diagnostics;
using System.Runtime;

namespace Pipeline.Cli.Bench;

/// <summary>
/// Warm-up until the JIT has settled. Tiered compilation recompiles hot methods in the background
/// (tier 0, instrumented, tier 1), and on two busy cores that queue lags the workload by thousands of
/// methods: measured right after a fixed warm-up, a third of the CPU samples were the JIT. A worker
/// pays this once in its lifetime, so the bench measures the state after it, and says how long it took.
/// </summary>
internal static class JitSettling
{
    /// <summary>A warm-up round that compiles fewer methods than this counts as settled.</summary>
    public const int QuietRoundMethods = 200;

    public static long CompiledMethods => JitInfo.GetCompiledMethodCount(currentThread: false);

    /// <summary>Waits, idle, while the background tier-up queue drains (no new compilation for 300 ms, at most 10 s).</summary>
    public static async Task<long> DrainAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var last = CompiledMethods;
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(300, ct);
            var now = CompiledMethods;
            if (now == last)
                break;
            last = now;
        }
        return last;
    }
}
