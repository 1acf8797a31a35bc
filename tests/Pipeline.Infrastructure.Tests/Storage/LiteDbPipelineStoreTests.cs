using System.Diagnostics;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.LiteDb;
using static Pipeline.Infrastructure.Tests.Storage.StoreSamples;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>The contract on the LiteDB engine (Store:Provider=LiteDb), kept for files written before SQLite became the default.</summary>
public sealed class LiteDbPipelineStoreTests : EmbeddedStoreContract
{
    protected override string Provider => StoreProvider.LiteDb;

    protected override string FileName => "pipeline.db";

    protected override int AcknowledgedPerRound => 20;

    [Fact]
    public async Task A_file_held_by_another_process_fails_after_the_busy_timeout_then_recovers()
    {
        await OpenAsync();
        using var store = new LiteDbPipelineStore(FilePath, TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        // What another process holding the store looks like from here: the OS lock on "<file>.lock".
        using (new FileStream(FilePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var busy = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TryAddReportAsync(Report("waiting")));
            Assert.Contains("locked", busy.Message);
        }

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        Assert.True(await store.TryAddReportAsync(Report("waiting")));
    }
}
