using System.Text.Json;
using Pipeline.Contracts.Export;

namespace Pipeline.Cli;

internal static class ExportWriter
{
    /// <summary>Writes the export to a file, or to stdout for "-"; nothing when no path was asked for.</summary>
    public static async Task WriteAsync(ExportDocument export, string? path, CancellationToken ct)
    {
        if (path is null)
            return;
        if (path == "-")
        {
            await using var stdout = Console.OpenStandardOutput();
            await JsonSerializer.SerializeAsync(stdout, export, ExportDocument.JsonOptions, ct);
            await stdout.WriteAsync("\n"u8.ToArray(), ct);
            return;
        }
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            Directory.CreateDirectory(directory);
        await using (var file = File.Create(path))
            await JsonSerializer.SerializeAsync(file, export, ExportDocument.JsonOptions, ct);
        await Console.Error.WriteLineAsync($"Export written to {path}");
    }
}
