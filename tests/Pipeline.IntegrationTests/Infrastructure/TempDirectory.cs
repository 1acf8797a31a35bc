namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>A scratch folder deleted with the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("pipeline-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a host still closing a file; the OS temp cleaner gets it */ }
    }
}
