namespace Pipeline.Fetcher.Tests.Support;

/// <summary>A fresh temporary folder per test for the store file and drop folders; deleted afterwards.</summary>
internal sealed class TestStore : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "pipeline-fetcher-tests", Guid.NewGuid().ToString("N")[..12]);

    public TestStore() => Directory.CreateDirectory(Root);

    public string DbPath => Path.Combine(Root, "pipeline.db");

    public string Folder(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A lingering handle on some platforms; the temp folder is cleaned eventually.
        }
    }
}
