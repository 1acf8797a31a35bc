using System.Reflection;

namespace Pipeline.Benchmarks;

internal static class RepoRoot
{
    /// <summary>The repository root, stamped into the assembly at build time.</summary>
    public static string Path { get; } = typeof(RepoRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;
}
