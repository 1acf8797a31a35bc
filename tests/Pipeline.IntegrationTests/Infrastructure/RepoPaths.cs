using System.Reflection;

namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>Locates files in the repository, whether the tests run from bin/ or an artifacts folder elsewhere.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var builtFrom = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        string?[] starts = [AppContext.BaseDirectory, Environment.CurrentDirectory, builtFrom];
        foreach (var start in starts.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Pipeline.sln not found above {AppContext.BaseDirectory}, {Environment.CurrentDirectory} or {builtFrom}");
    }
}
