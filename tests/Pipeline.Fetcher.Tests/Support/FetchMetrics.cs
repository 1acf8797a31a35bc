using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Pipeline.Application.Observability;

namespace Pipeline.Fetcher.Tests.Support;

/// <summary>
/// Collects <c>pipeline.reports.failed</c> measurements for one source while a test runs. The Meter is
/// process-wide and tests run in parallel, so only the given (unique) source's measurements are kept.
/// </summary>
internal sealed class FetchMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Stage, string Reason, long Value)> _failed = new();

    public FetchMetrics(string source)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PipelineTelemetry.SourceName && instrument.Name == "pipeline.reports.failed")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? stage = null, reason = null, from = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "stage": stage = tag.Value as string; break;
                    case "reason": reason = tag.Value as string; break;
                    case "source": from = tag.Value as string; break;
                }
            }
            if (from == source)
                _failed.Enqueue((stage ?? "", reason ?? "", value));
        });
        _listener.Start();
    }

    /// <summary>Failures counted for the source, by reason; every one must be tagged stage=fetch.</summary>
    public IReadOnlyDictionary<string, long> FailedByReason()
    {
        var all = _failed.ToList();
        Assert.All(all, m => Assert.Equal(PipelineStage.Fetch, m.Stage));
        return all.GroupBy(m => m.Reason).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
    }

    public void Dispose() => _listener.Dispose();
}
