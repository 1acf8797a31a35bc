using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.Sqlite;
using static Pipeline.Infrastructure.Tests.Storage.StoreSamples;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>The contract on the embedded default (SQLite, WAL), plus what only a shared file can get wrong.</summary>
public sealed class SqlitePipelineStoreTests : PipelineStoreContract
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "pipeline-store-tests");

    private string FilePath => Path.Combine(Root, StoreName, "pipeline.sqlite");

    protected override Task<IPipelineStore> OpenInstanceAsync(string storeName) =>
        Task.FromResult<IPipelineStore>(new SqlitePipelineStore(FilePath, TimeSpan.FromSeconds(30)));

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
    public async Task A_writer_holding_the_file_past_the_busy_timeout_fails_writes_clearly_while_reads_go_on_then_recovers()
    {
        var seeded = await OpenAsync();
        Assert.True(await seeded.TryAddReportAsync(Report("before")));
        using var store = new SqlitePipelineStore(FilePath, TimeSpan.FromMilliseconds(300));

        // What a stuck writer in another process looks like from here: an open write transaction.
        using (var holder = new SqliteConnection($"Data Source={FilePath};Pooling=False"))
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();

            var clock = Stopwatch.StartNew();
            var busy = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TryAddReportAsync(Report("waiting")));
            Assert.Contains("locked", busy.Message);
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
            // WAL: readers never wait for the writer.
            Assert.NotNull(await store.GetReportAsync(IdOf("before")));
        }

        Assert.True(await store.TryAddReportAsync(Report("waiting")));
    }

    [Fact]
    public async Task Writers_killed_mid_write_lose_no_acknowledged_commit_and_leave_a_usable_file()
    {
        var store = await OpenAsync();
        var acknowledged = new List<Guid>();

        for (var round = 0; round < 3; round++)
        {
            using var child = ChildStoreWriter.Start(StoreProvider.Embedded, FilePath, $"child{round}");
            // The parent commits at the same time, so the child dies while contending for the file.
            var parentWrites = Task.Run(async () =>
            {
                for (var i = 0; i < 15; i++)
                    await ChildStoreWriter.CommitOneAsync(store, $"parent{round}-{i}");
            });
            var seen = await ChildStoreWriter.ReadAcknowledgedAsync(child, count: 200 + round * 70, TimeSpan.FromSeconds(60));
            child.Kill(); // SIGKILL on Unix: no finally blocks, no flush
            await child.WaitForExitAsync();
            await parentWrites;
            acknowledged.AddRange(seen);
        }

        using var reopened = new SqlitePipelineStore(FilePath, TimeSpan.FromSeconds(30));
        var stored = await reopened.GetReportsAsync(acknowledged);
        Assert.Equal(acknowledged.Count, stored.Count);
        Assert.All(stored, r => Assert.Equal(ReportState.Clustered, r.State));

        // Commits are all-or-nothing: every sequence step has its campaign and its clustered report.
        var sequence = await reopened.GetClusterSequenceAsync();
        Assert.Equal(sequence, (await reopened.ListCampaignsAsync()).Count);
        Assert.Equal(sequence, (await reopened.CountReportsByStateAsync())[ReportState.Clustered]);
        Assert.True(await ChildStoreWriter.CommitOneAsync(reopened, "after-the-kills"));
    }
}
