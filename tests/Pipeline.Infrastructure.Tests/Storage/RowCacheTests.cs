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
