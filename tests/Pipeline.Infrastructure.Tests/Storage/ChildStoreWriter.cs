using System.Diagnostics;
using Pipeline.Infrastructure.Storage;
using static Pipeline.Infrastructure.Tests.Storage.StoreSamples;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>
/// A second OS process writing to the same embedded file (either engine): this test assembly re-run through its own
/// Main. It commits one report + campaign per step and prints "ACK id" only after the commit returned.
/// </summary>
internal static class ChildStoreWriter
{
    public const string Verb = "embedded-writer";

    /// <param name="provider">The embedded engine (<see cref="StoreProvider.Embedded"/> or <see cref="StoreProvider.LiteDb"/>).</param>
    public static async Task<int> RunAsync(string provider, string path, string prefix)
    {
        using var store = (IDisposable)PipelineStoreFactory.Create(new StoreOptions
        {
            Provider = provider, EmbeddedPath = path, EmbeddedBusyTimeout = TimeSpan.FromSeconds(30),
        });
        for (var i = 0; ; i++)
        {
            var name = $"{prefix}-{i}";
            await CommitOneAsync((IPipelineStore)store, name);
            Console.Out.WriteLine($"ACK {IdOf(name)}");
            Console.Out.Flush();
        }
    }

    /// <summary>One dedup decision, retried until its sequence holds, as the deduplicator does.</summary>
    public static async Task<bool> CommitOneAsync(IPipelineStore store, string name)
    {
        var report = Report(name, state: ReportState.Clustered);
        var campaign = Campaign(name, [$"op:{name}"], null, report.Id);
        await store.TryAddReportAsync(report with { State = ReportState.Extracted });
        while (true)
        {
            var sequence = await store.GetClusterSequenceAsync();
            if (await store.TryCommitClusterAsync(new ClusterCommit(sequence, [campaign], report with { CampaignId = campaign.Id })))
                return true;
        }
    }

    public static Process Start(string provider, string path, string prefix)
    {
        var assembly = typeof(ChildStoreWriter).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost(), ["exec", assembly, Verb, provider, path, prefix])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the child writer.");
    }

    public static async Task<List<Guid>> ReadAcknowledgedAsync(Process child, int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var acknowledged = new List<Guid>();
        while (acknowledged.Count < count)
        {
            var line = await child.StandardOutput.ReadLineAsync(deadline.Token);
            if (line is null)
                throw new InvalidOperationException("The child writer exited early: " + await child.StandardError.ReadToEndAsync());
            if (line.StartsWith("ACK ", StringComparison.Ordinal))
                acknowledged.Add(Guid.Parse(line.AsSpan(4)));
        }
        return acknowledged;
    }

    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
            return fromSdk;
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
