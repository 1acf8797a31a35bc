using System.Reflection;

namespace Pipeline.DeployTests.Support;

/// <summary>Locates files in the repository the tests were built from (recorded at build time).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.GetFullPath(Path.Combine([Root, .. parts]));

    public static string ReadText(params string[] parts) => File.ReadAllText(Of(parts));

    private static string FindRoot()
    {
        var recorded = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "repo-root")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Pipeline.sln")))
            return recorded;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Pipeline.sln not found at {recorded} or above {AppContext.BaseDirectory}");
    }
}
