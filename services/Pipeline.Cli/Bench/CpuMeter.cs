using System.Globalization;

namespace Pipeline.Cli.Bench;

/// <summary>
/// CPU time spent during one run: this process's, and a local RabbitMQ broker's when one runs on this
/// machine (Linux /proc). On a shared machine wall-clock throughput moves with the neighbours' load;
/// CPU per report moves far less, so it says whether a change made the work cheaper.
/// </summary>
internal sealed class CpuMeter
{
    private readonly TimeSpan _processStart = Environment.CpuUsage.TotalTime;
    private readonly int? _brokerPid = FindBroker();
    private readonly TimeSpan? _brokerStart;

    public CpuMeter() => _brokerStart = _brokerPid is { } pid ? ProcessCpu(pid) : null;

    /// <summary>This process's CPU time since the meter started.</summary>
    public TimeSpan ThisProcess => Environment.CpuUsage.TotalTime - _processStart;

    /// <summary>The local broker's CPU time since the meter started; null without a local broker.</summary>
    public TimeSpan? Broker => _brokerPid is { } pid && _brokerStart is { } start && ProcessCpu(pid) is { } now ? now - start : null;

    private static int? FindBroker()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == "beam.smp")
                    return pid;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return null;
    }

    /// <summary>utime + stime from /proc/pid/stat (fields 14 and 15, after the parenthesised name).</summary>
    private static TimeSpan? ProcessCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
