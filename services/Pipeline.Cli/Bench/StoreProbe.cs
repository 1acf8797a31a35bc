using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Pipeline.Contracts.Export;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Cli.Bench;

/// <summary>
/// Wraps the pipeline's store and tells the <see cref="LatencyRecorder"/> when a report is finished:
/// when a campaign view holding it has been stored (the end of the pipeline), or when the report is
/// saved unmatched or failed (it will never reach a campaign). Everything else passes straight
/// through. A <see cref="DispatchProxy"/> rather than a hand-written decorator, so the probe keeps
/// compiling whatever methods the store interface gains; the reflection call costs well under a
/// microsecond, far below any store operation.
/// </summary>
public class StoreProbe : DispatchProxy
{
    private IPipelineStore _inner = null!;
    private LatencyRecorder _recorder = null!;

    /// <summary>Per store method: calls and total milliseconds from call to completion (waiting for the file lock included).</summary>
    internal static ConcurrentDictionary<string, (long Calls, double Ms)> Stats { get; } = new(StringComparer.Ordinal);

    /// <summary>Set by --store-stats: time every store call (for finding where the time goes).</summary>
    internal static bool Timing { get; set; }

    internal static IPipelineStore Wrap(IPipelineStore inner, LatencyRecorder recorder)
    {
        var proxy = Create<IPipelineStore, StoreProbe>();
        var probe = (StoreProbe)(object)proxy;
        probe._inner = inner;
        probe._recorder = recorder;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var started = Timing ? Stopwatch.GetTimestamp() : 0;
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw; // unreachable
        }

        if (Timing && result is Task timed)
            _ = timed.ContinueWith(_ => Stats.AddOrUpdate(targetMethod.Name, (1, Stopwatch.GetElapsedTime(started).TotalMilliseconds),
                (_, s) => (s.Calls + 1, s.Ms + Stopwatch.GetElapsedTime(started).TotalMilliseconds)), TaskScheduler.Default);

        return targetMethod.Name switch
        {
            nameof(IPipelineStore.SaveCampaignViewAsync) when args?[0] is CampaignExport view && result is Task task =>
                AfterAsync(task, () =>
                {
                    foreach (var report in view.Reports)
                        _recorder.Finished(report.Source);
                }),
            nameof(IPipelineStore.SaveReportAsync) when args?[0] is ReportRecord { State: ReportState.Unmatched or ReportState.Failed } report && result is Task task =>
                AfterAsync(task, () => _recorder.Finished(report.Source,
                    report.State == ReportState.Failed ? LatencyRecorder.Outcome.Failed : LatencyRecorder.Outcome.Unmatched)),
            _ => result,
        };
    }

    private static async Task AfterAsync(Task operation, Action then)
    {
        await operation.ConfigureAwait(false);
        then();
    }
}
