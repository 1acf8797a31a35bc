using System.Diagnostics;

namespace Pipeline.DeployTests.Support;

/// <summary>Runs deploy/secrets/generate.sh into a scratch folder, as an operator would before `docker compose up`.</summary>
internal sealed class GeneratedSecrets : IDisposable
{
    public const string Script = "deploy/secrets/generate.sh";

    public string Folder { get; } = Directory.CreateTempSubdirectory("pipeline-secrets-").FullName;

    public GeneratedSecrets()
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepoPaths.Of(Script));
        start.ArgumentList.Add(Folder);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)) || process.ExitCode != 0)
            throw new InvalidOperationException($"{Script} failed: {stderr.Result}");
    }

    /// <summary>The content of the file compose would mount for a top-level secret declared as ./deploy/secrets/NAME.</summary>
    public string Read(string composeSecretFile) => File.ReadAllText(Path.Combine(Folder, Path.GetFileName(composeSecretFile)));

    public bool Has(string composeSecretFile) => File.Exists(Path.Combine(Folder, Path.GetFileName(composeSecretFile)));

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
