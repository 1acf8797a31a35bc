using Pipeline.Infrastructure.Documents;

namespace Pipeline.Application.Fetching;

/// <summary>
/// A local folder of reports (.txt, .md, .html, .pdf). Sources are paths relative to the folder with
/// '/' separators, so exports are the same on every machine.
/// </summary>
public sealed class FolderSource(string folder)
{
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Supported files, in a stable order.</summary>
    public IReadOnlyList<string> ListFiles()
    {
        if (!Directory.Exists(Folder))
            throw new DirectoryNotFoundException($"Folder '{Folder}' does not exist.");
        return Directory.EnumerateFiles(Folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(path => MediaTypes.FromFileName(path) is not null)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public string SourceName(string path) => Path.GetRelativePath(Folder, path).Replace('\\', '/');

    public async Task<FetchedDocument> ReadAsync(string path, CancellationToken cancellationToken) =>
        new(SourceName(path), MediaTypes.FromFileName(path)!, await File.ReadAllBytesAsync(path, cancellationToken));
}
