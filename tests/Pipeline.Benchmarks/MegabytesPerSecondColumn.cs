using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Pipeline.Benchmarks;

/// <summary>
/// "MB/s": the bytes a benchmark processes per call (declared with <see cref="BytesPerCallAttribute"/>
/// through <see cref="ThroughputRegistry"/>) divided by its mean time. Empty for benchmarks that declare none.
/// </summary>
public sealed class MegabytesPerSecondColumn : IColumn
{
    public string Id => "MBps";
    public string ColumnName => "MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Megabytes (10^6 bytes) of report text processed per second, on one thread";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats || !ThroughputRegistry.TryGet(benchmarkCase.Descriptor.WorkloadMethod.Name, out var bytes))
            return "-";
        var seconds = stats.Mean / 1e9;
        return (bytes / seconds / 1e6).ToString("N1", CultureInfo.InvariantCulture);
    }
}

/// <summary>Bytes per call of each benchmark method, registered by the benchmark's setup.</summary>
public static class ThroughputRegistry
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "pipeline-benchmarks-throughput");

    // The in-process toolchain runs setup in this process, but the summary may be built after it:
    // keep the figure in a small file as well as in memory.
    public static void Register(string method, long bytes)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, method), bytes.ToString(CultureInfo.InvariantCulture));
    }

    public static bool TryGet(string method, out long bytes)
    {
        bytes = 0;
        var path = Path.Combine(Folder, method);
        return File.Exists(path) && long.TryParse(File.ReadAllText(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out bytes);
    }
}
