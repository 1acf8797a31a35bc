using System.Reflection;

namespace Pipeline.ReliabilityTests.Support;

/// <summary>
/// The built worker assemblies, as the project file recorded them at build time (the referenced
/// projects' output paths, so an --artifacts-path build is found as well as bin/).
/// </summary>
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
