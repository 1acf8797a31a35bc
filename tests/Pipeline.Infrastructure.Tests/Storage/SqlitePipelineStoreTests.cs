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

        Assert.True(await store.TryAddReportAsync(Report("waiting")));
    }
}
