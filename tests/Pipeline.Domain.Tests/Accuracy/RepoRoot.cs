using System.Runtime.CompilerServices;

namespace Pipeline.Domain.Tests.Accuracy;

/// <summary>
/// Finds the repository root: the nearest folder above the test binaries, this source file or the working
/// directory that holds Pipeline.sln or Directory.Build.props. The source file's own path covers builds
/// whose artifacts live outside the tree (--artifacts-path).
/// </summary>
internal static class RepoRoot
{
    public static string Find() =>
        Above(AppContext.BaseDirectory) ?? Above(SourceDirectory()) ?? Above(Directory.GetCurrentDirectory())
        ?? throw new DirectoryNotFoundException("No Pipeline.sln or Directory.Build.props above " + AppContext.BaseDirectory);

    private static string? Above(string? start)
    {
        for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")) || File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
                return dir.FullName;
        }
        return null;
    }

    private static string? SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path);
}
