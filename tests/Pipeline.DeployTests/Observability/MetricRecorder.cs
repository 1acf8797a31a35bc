using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Pipeline.Application.Observability;

namespace Pipeline.DeployTests.Observability;

/// <summary>Collects what the pipeline's Meter records while a test runs.</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> measurements = new();

    public MetricRecorder()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PipelineTelemetry.SourceName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        listener.Start();
    }

    /// <summary>Sum of the instrument's measurements whose tags include all the given ones.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value)).Sum(m => m.Value);

    public int Count(string instrument, params (string Key, string Value)[] tags) =>
        measurements.Count(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value));

    /// <summary>Everything recorded, one measurement a line, for assertion messages.</summary>
    public string Dump() => string.Join("\n", measurements.Select(m => $"{m.Instrument} {m.Value} {string.Join(",", m.Tags.Select(t => t.Key + "=" + t.Value))}"));

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>();
        foreach (var tag in tags)
            copy[tag.Key] = tag.Value?.ToString();
        measurements.Enqueue((instrument.Name, value, copy));
    }

    public void Dispose() => listener.Dispose();
}
