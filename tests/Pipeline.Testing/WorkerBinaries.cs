using System.Reflection;

namespace Pipeline.Testing;

/// <summary>
/// The built worker assemblies, as the test project recorded them at build time (the referenced
/// projects' output paths, so an --artifacts-path build is found as well as bin/). A test project
/// records them by importing WorkerAssemblies.targets and referencing each worker with
/// OutputItemType="WorkerAssembly"; the records are read from the test assembly loaded in this process.
/// </summary>
public static class WorkerBinaries
{
    private const string Prefix = "worker:";

    /// <summary>Full path of e.g. Pipeline.Fetcher.dll in its own output folder (next to its appsettings.json).</summary>
    public static string Of(string assemblyName)
    {
        var paths = Recorded();
        return paths.TryGetValue(assemblyName, out var path) && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{assemblyName}.dll was not built (known: {string.Join(", ", paths.Keys)}).");
    }

    private static Dictionary<string, string> Recorded()
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic))
        {
            foreach (var record in assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            {
                if (record.Key.StartsWith(Prefix, StringComparison.Ordinal) && record.Value is not null)
                    paths.TryAdd(record.Key[Prefix.Length..], record.Value);
            }
        }
        return paths;
    }
}
