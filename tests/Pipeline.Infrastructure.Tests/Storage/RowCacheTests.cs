using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.Sqlite;
using static Pipeline.Infrastructure.Tests.Storage.StoreSamples;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>The embedded store's decoded-row cache answers from memory only for the exact text it decoded.</summary>
public sealed class RowCacheTests
{
    [Fact]
    public void The_same_text_gives_the_same_record_and_changed_text_a_fresh_one()
    {
        var cache = new RowCache<ReportRecord>(capacity: 8);
        var report = Report("cached");
        var json = StoreJson.Serialize(report);

        var first = cache.Decode("r", json);
        Assert.Same(first, cache.Decode("r", new string(json.AsSpan()))); // equal text, another string instance
        StoreAssert.Same(report, first);

        var changed = report with { State = ReportState.Clustered, Title = "changed elsewhere" };
        var second = cache.Decode("r", StoreJson.Serialize(changed));
        Assert.NotSame(first, second);
        StoreAssert.Same(changed, second);
    }

    [Fact]
    public void By_revision_a_row_is_held_only_at_the_revision_it_was_read_or_written_at()
    {
        var cache = new RowCache<ReportRecord>(capacity: 8);
        var report = Report("by-revision");
        Assert.Null(cache.KnownRevision("r"));
        Assert.False(cache.TryGet("r", 7, out _));

        var decoded = cache.Decode("r", 7, StoreJson.Serialize(report));
        StoreAssert.Same(report, decoded);
        Assert.Equal(7, cache.KnownRevision("r"));
        Assert.True(cache.TryGet("r", 7, out var held));
        Assert.Same(decoded, held);
        Assert.False(cache.TryGet("r", 8, out _));

        var changed = report with { Title = "written here" };
        cache.Remember("r", 8, changed);
        Assert.Equal(8, cache.KnownRevision("r"));
        Assert.True(cache.TryGet("r", 8, out var written));
        Assert.Same(changed, written);
        Assert.False(cache.TryGet("r", 7, out _));
        // A row read at another revision is decoded from its text, not taken from memory.
        StoreAssert.Same(report, cache.Decode("r", 9, StoreJson.Serialize(report)));
    }

    [Fact]
    public void Past_its_capacity_it_starts_afresh_and_still_decodes_correctly()
    {
        var cache = new RowCache<ReportRecord>(capacity: 2);
        var reports = Enumerable.Range(0, 5).Select(i => Report($"r{i}")).ToArray();
        for (var round = 0; round < 2; round++)
            for (var i = 0; i < reports.Length; i++)
                StoreAssert.Same(reports[i], cache.Decode($"r{i}", StoreJson.Serialize(reports[i])));

        var last = cache.Decode("r4", StoreJson.Serialize(reports[^1]));
        Assert.Same(last, cache.Decode("r4", StoreJson.Serialize(reports[^1])));
    }
}
