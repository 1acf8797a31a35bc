using Pipeline.Infrastructure.Storage;
using static Pipeline.Infrastructure.Tests.Storage.StoreSamples;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>
/// The contract on an embedded engine (one file that several processes share), plus what only a shared
/// file can get wrong: two instances racing, and writer processes killed mid-write.
/// </summary>
public abstract class EmbeddedStoreContract : PipelineStoreContract
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "pipeline-store-tests");

    /// <summary>The engine, as Store:Provider names it.</summary>
    protected abstract string Provider { get; }

    protected abstract string FileName { get; }

    /// <summary>Acknowledged commits to wait for in each child before killing it (the faster engine writes more).</summary>
    protected abstract int AcknowledgedPerRound { get; }

    protected string FilePath => Path.Combine(Root, StoreName, FileName);

    protected IPipelineStore Open(TimeSpan busyTimeout) => PipelineStoreFactory.Create(new StoreOptions
    {
        Provider = Provider, EmbeddedPath = FilePath, EmbeddedBusyTimeout = busyTimeout,
    });

    protected override Task<IPipelineStore> OpenInstanceAsync(string storeName) => Task.FromResult(Open(TimeSpan.FromSeconds(30)));

    protected override Task DeleteStoreAsync(string storeName)
    {
        Directory.Delete(Path.Combine(Root, storeName), recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_instances_racing_to_add_the_same_reports_add_each_exactly_once()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        var reports = Enumerable.Range(0, 60).Select(i => Report($"race-{i}")).ToList();

        var added = await Task.WhenAll(reports.SelectMany(r => new[] { first, second, first }
            .Select(store => Task.Run(() => store.TryAddReportAsync(r)))));

        Assert.Equal(reports.Count, added.Count(a => a));
        Assert.Equal(reports.Count, (await second.ListReportsAsync()).Count);
    }

    [Fact]
    public async Task Writers_killed_mid_write_lose_no_acknowledged_commit_and_leave_a_usable_file()
    {
        var store = await OpenAsync();
        var acknowledged = new List<Guid>();

        for (var round = 0; round < 3; round++)
        {
            using var child = ChildStoreWriter.Start(Provider, FilePath, $"child{round}");
            // The parent commits at the same time, so the child dies while contending for the file.
            var parentWrites = Task.Run(async () =>
            {
                for (var i = 0; i < 15; i++)
                    await ChildStoreWriter.CommitOneAsync(store, $"parent{round}-{i}");
            });
            var seen = await ChildStoreWriter.ReadAcknowledgedAsync(child, count: AcknowledgedPerRound + round * AcknowledgedPerRound * 35 / 100, TimeSpan.FromSeconds(60));
            child.Kill(); // SIGKILL on Unix: no finally blocks, no flush
            await child.WaitForExitAsync();
            await parentWrites;
            acknowledged.AddRange(seen);
        }

        using var reopened = (IDisposable)Open(TimeSpan.FromSeconds(30));
        var reader = (IPipelineStore)reopened;
        var stored = await reader.GetReportsAsync(acknowledged);
        Assert.Equal(acknowledged.Count, stored.Count);
        Assert.All(stored, r => Assert.Equal(ReportState.Clustered, r.State));

        // Commits are all-or-nothing: every sequence step has its campaign and its clustered report.
        var sequence = await reader.GetClusterSequenceAsync();
        Assert.Equal(sequence, (await reader.ListCampaignsAsync()).Count);
        Assert.Equal(sequence, (await reader.CountReportsByStateAsync())[ReportState.Clustered]);
        Assert.True(await ChildStoreWriter.CommitOneAsync(reader, "after-the-kills"));
    }
}
