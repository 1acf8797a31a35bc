using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Pipeline.Benchmarks;

/// <summary>
/// Entry point: BenchmarkDotNet's switcher, so `--filter`, `--list flat` and its other options work.
/// Benchmarks run in this process (no generated project to build: the repository's central package
/// pins and warnings-as-errors apply to this project as it is), with BenchmarkDotNet's short job
/// (3 warm-ups, 3 iterations) since the machine is shared: read the error column, and re-run. The
/// timeout is raised to 30 minutes: building the 1M-campaign fixtures takes minutes.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)).AsDefault())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(new MegabytesPerSecondColumn())
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
