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
    public void A_row_in_use_survives_turnovers_and_rows_not_used_are_dropped()
    {
        var cache = new RowCache<ReportRecord>(capacity: 8);
        var hot = Report("hot");
        cache.Remember("hot", 1, hot);
        for (var i = 0; i < 100; i++)
        {
            cache.Remember($"cold{i}", 1, Report($"cold{i}"));
            Assert.True(cache.TryGet("hot", 1, out var held), $"the row in use was dropped after {i + 1} others");
            Assert.Same(hot, held);
        }
        // Rows nobody read again are dropped: the early ones are gone, the latest is held, and never more than the capacity.
        Assert.Null(cache.KnownRevision("cold0"));
        Assert.Equal(1, cache.KnownRevision("cold99"));
        Assert.InRange(Enumerable.Range(0, 100).Count(i => cache.KnownRevision($"cold{i}") is not null), 1, 8);
    }

    [Fact]
    public void Past_its_capacity_it_drops_rows_and_still_decodes_correctly()
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
