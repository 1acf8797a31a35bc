using System.Reflection;

namespace Pipeline.Testing;

/// <summary>
/// Locates files in the repository the tests were built from (recorded at build time), whether the tests
/// run from bin/ or from an artifacts folder elsewhere.
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.GetFullPath(Path.Combine([Root, .. parts]));

    public static string ReadText(params string[] parts) => File.ReadAllText(Of(parts));

    private static string FindRoot()
    {
        var recorded = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "repo-root")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Pipeline.sln")))
            return recorded;
        string[] starts = [AppContext.BaseDirectory, Environment.CurrentDirectory];
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Pipeline.sln not found at {recorded} or above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
    }
}
