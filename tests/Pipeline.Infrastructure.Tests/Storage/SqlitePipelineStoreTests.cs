using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.Sqlite;
using static Pipeline.Infrastructure.Tests.Storage.StoreSamples;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>The contract on the embedded default (SQLite, WAL).</summary>
public sealed class SqlitePipelineStoreTests : EmbeddedStoreContract
{
    protected override string Provider => StoreProvider.Embedded;

    protected override string FileName => "pipeline.sqlite";

    protected override int AcknowledgedPerRound => 200;

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

        // Recovers once the holder is gone. A caller's retry policy would try again after a busy answer, and so does
        // this: with a 0.3 s budget, a write can also time out in the queue while parallel test runs starve the pool.
        var recovered = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                Assert.True(await store.TryAddReportAsync(Report("waiting")));
                break;
            }
            catch (StoreUnavailableException) when (recovered.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Each instance keeps the reports it wrote or read; another process's write must still be seen.</summary>
    [Fact]
    public async Task A_report_another_instance_rewrote_is_read_fresh_never_from_the_cache()
    {
        var here = await OpenAsync();
        var there = await OpenAsync();
        var report = FullyExtracted("shared");
        Assert.True(await here.TryAddReportAsync(report));
        StoreAssert.Same(report, await here.GetReportAsync(report.Id)); // held by this instance now
        StoreAssert.Same(report, await there.GetReportAsync(report.Id));

        var changed = report with { State = ReportState.Failed, Error = "changed by the other process" };
        await there.SaveReportAsync(changed);

        StoreAssert.Same(changed, await here.GetReportAsync(report.Id));
        StoreAssert.Same(changed, Assert.Single(await here.GetReportsAsync([report.Id, IdOf("absent")])));
        StoreAssert.Same(changed, Assert.Single(await here.ListReportsAsync(ReportState.Failed)));

        var again = changed with { Error = "and back here" };
        await here.SaveReportAsync(again);
        StoreAssert.Same(again, await there.GetReportAsync(report.Id));
    }

    /// <summary>A file written before reports had a revision column (layout 1) is upgraded in place and reads back.</summary>
    [Fact]
    public async Task A_layout_1_file_is_upgraded_and_its_reports_read_and_rewritten()
    {
        var old = FullyExtracted("from-layout-1");
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        using (var db = new SqliteConnection($"Data Source={FilePath};Pooling=False"))
        {
            db.Open();
            using var create = db.CreateCommand();
            create.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE reports (id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, source TEXT NOT NULL, state TEXT NOT NULL,
                    fetched_at INTEGER NOT NULL, json TEXT NOT NULL);
                INSERT INTO reports VALUES ($id, $hash, $source, $state, $fetched, $json);
                PRAGMA user_version = 1;
                """;
            create.Parameters.AddWithValue("$id", old.Id.ToString("D"));
            create.Parameters.AddWithValue("$hash", old.ContentHash);
            create.Parameters.AddWithValue("$source", old.Source);
            create.Parameters.AddWithValue("$state", old.State.ToString());
            create.Parameters.AddWithValue("$fetched", old.FetchedAt.UtcTicks);
            create.Parameters.AddWithValue("$json", StoreJson.Serialize(old));
            create.ExecuteNonQuery();
        }

        var store = await OpenAsync();
        StoreAssert.Same(old, await store.GetReportAsync(old.Id));
        StoreAssert.Same(old, Assert.Single(await store.GetReportsAsync([old.Id])));
        var rewritten = old with { Title = "rewritten after the upgrade" };
        await store.SaveReportAsync(rewritten);
        StoreAssert.Same(rewritten, await (await OpenAsync()).GetReportAsync(old.Id));

        using var check = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        check.Open();
        using var version = check.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.Equal(2L, version.ExecuteScalar());
    }
}
