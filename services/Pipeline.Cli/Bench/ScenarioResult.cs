using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Cli.Bench;

/// <summary>One scenario's figures: the JSON object `pipeline bench` prints per scenario.</summary>
internal sealed record ScenarioResult(
    string Scenario,
    int Reports,
    double Seconds,
    double ReportsPerS,
    double P50Ms,
    double P99Ms,
    double PeakWorkingSetMb)
{
    /// <summary>How many runs the figures are the median of (only printed when more than one).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Runs { get; init; }

    /// <summary>Every run's reports/s, in run order, so the noise is visible.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? ReportsPerSRuns { get; init; }

    /// <summary>Reports recorded unmatched or failed instead of reaching a campaign (should be 0 for the synthetic corpus).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int NotInCampaign { get; init; }

    /// <summary>This process's CPU milliseconds per report during the run (all four workers for the pipeline scenarios).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CpuMsPerReport { get; init; }

    /// <summary>A local broker's CPU milliseconds per report during the run (the broker scenarios, when it runs on this machine).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BrokerCpuMsPerReport { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static ScenarioResult From(string scenario, LatencyRecorder recorder, TimeSpan elapsed, double peakMb, CpuMeter cpu, bool overBroker)
    {
        var perReport = (TimeSpan? time) => time is { } t && recorder.Count > 0 ? Round(t.TotalMilliseconds / recorder.Count, 2) : (double?)null;
        var latencies = recorder.SortedLatenciesMs();
        return new ScenarioResult(
            scenario,
            recorder.Count,
            Round(elapsed.TotalSeconds, 3),
            Round(recorder.Count / elapsed.TotalSeconds, 1),
            Round(Percentile(latencies, 0.50), 1),
            Round(Percentile(latencies, 0.99), 1),
            Round(peakMb, 1))
        {
            NotInCampaign = recorder.Unmatched + recorder.Failed,
            CpuMsPerReport = perReport(cpu.ThisProcess),
            BrokerCpuMsPerReport = overBroker ? perReport(cpu.Broker) : null,
        };
    }

    /// <summary>The median of several runs of one scenario, each figure taken separately.</summary>
    public static ScenarioResult Median(IReadOnlyList<ScenarioResult> runs)
    {
        if (runs.Count == 1)
            return runs[0];
        return new ScenarioResult(
            runs[0].Scenario,
            runs[0].Reports,
            Round(MedianOf(runs.Select(r => r.Seconds)), 3),
            Round(MedianOf(runs.Select(r => r.ReportsPerS)), 1),
            Round(MedianOf(runs.Select(r => r.P50Ms)), 1),
            Round(MedianOf(runs.Select(r => r.P99Ms)), 1),
            Round(MedianOf(runs.Select(r => r.PeakWorkingSetMb)), 1))
        {
            Runs = runs.Count,
            ReportsPerSRuns = runs.Select(r => r.ReportsPerS).ToArray(),
            NotInCampaign = runs.Max(r => r.NotInCampaign),
            CpuMsPerReport = MedianOrNull(runs.Select(r => r.CpuMsPerReport)),
            BrokerCpuMsPerReport = MedianOrNull(runs.Select(r => r.BrokerCpuMsPerReport)),
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double? MedianOrNull(IEnumerable<double?> values)
    {
        var known = values.OfType<double>().ToArray();
        return known.Length == 0 ? null : Round(MedianOf(known), 2);
    }

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Round(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : value;
}
