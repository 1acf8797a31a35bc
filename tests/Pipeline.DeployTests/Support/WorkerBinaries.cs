using System.Reflection;

namespace Pipeline.DeployTests.Support;

/// <summary>The built worker assemblies, as recorded by the project file at build time.</summary>
internal static class WorkerBinaries
{
    private static readonly IReadOnlyDictionary<string, string> Paths = typeof(WorkerBinaries).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Where(a => a.Key.StartsWith("worker:", StringComparison.Ordinal) && a.Value is not null)
        .ToDictionary(a => a.Key["worker:".Length..], a => a.Value!);

    /// <summary>Full path of e.g. Pipeline.Fetcher.dll in its own output folder (next to its appsettings.json).</summary>
    public static string Of(string assemblyName) =>
        Paths.TryGetValue(assemblyName, out var path) && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{assemblyName}.dll was not built (known: {string.Join(", ", Paths.Keys)}).");
}
