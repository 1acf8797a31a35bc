using Pipeline.Fetcher.Tests.Support;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Fetcher.Tests;

/// <summary>
/// Every document the fetcher gives up on is accounted for: counted in <c>pipeline.reports.failed</c>
/// (stage fetch, by reason and source) and, when it is given up for good, kept in the source's state
/// (FailedItems) past later clean polls. Each case also asserts what was published.
/// </summary>
public sealed class FailureAccountingTests : IAsyncLifetime
{
    private readonly TestStore _dir = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>Generous per-request limits: a loaded machine must not turn a good answer into a timeout here.</summary>
    private static readonly Dictionary<string, string?> Patient = new()
    {
        ["Fetch:Http:AttemptTimeout"] = "00:00:10",
        ["Fetch:Http:BodyTimeout"] = "00:00:10",
    };

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>A feed whose entries misbehave in every way a document can, plus one good entry.</summary>
    private void MapMisbehavingFeed()
    {
        _server.MapContent("/r/fine", () => Documents.ReportPage("Fine", "We removed 12 accounts."));
        _server.Map("/r/gone", context => Respond.Status(context, 404));
        _server.Map("/r/broken", context => Respond.Status(context, 500));
        _server.Map("/r/image", context => Respond.Bytes(context, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3], "image/png"));
        _server.Map("/r/huge", context => Respond.Bytes(context, new byte[2 * 1024 * 1024], "text/html")); // over the 1 MB test limit
        _server.Map("/r/inside", context => Respond.Redirect(context, "http://10.0.0.1/report"));
        _server.Map("/r/ftp", context => Respond.Redirect(context, "ftp://127.0.0.1/report.pdf"));
        string[] names = ["fine", "gone", "broken", "image", "huge", "inside", "ftp"];
        _server.MapContent("/feed", () => Documents.Rss(
            [.. names.Select(n => new FeedEntry(n, _server.Url($"/r/{n}").AbsoluteUri, n))]), "application/rss+xml");
    }

    [Fact]
    public async Task Each_document_given_up_is_counted_once_by_reason_and_transient_ones_again_when_retried()
    {
        MapMisbehavingFeed();
        var name = UniqueName("misbehaving");
        using var metrics = new FetchMetrics(name);
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Feed(name, _server.Url("/feed"))], Patient);

        var first = await host.PollAsync(name);

        Assert.Equal((1, 2, 4), (first.New, first.Rejected, first.Failed));
        Assert.Equal(_server.Url("/r/fine").AbsoluteUri, Assert.Single(host.Published.All).Source);
        Assert.Equal(3, _server.Hits("/r/broken")); // the attempt and two retries, then given up
        var afterFirst = metrics.FailedByReason();
        Assert.Equal(new Dictionary<string, long>
        {
            ["http_404"] = 1,
            ["http_500"] = 1,
            ["unsupported_media_type"] = 1,
            ["too_large"] = 1,
            ["network_refused"] = 1,
            ["redirect_refused"] = 1,
        }, afterFirst);

        // Next poll: only the 500 is asked again (and given up again); the rest are settled and not counted twice.
        var second = await host.PollAsync(name);

        Assert.Equal((0, 0, 1), (second.New, second.Rejected, second.Failed));
        Assert.Equal(1, _server.Hits("/r/gone"));
        Assert.Equal(2, metrics.FailedByReason()["http_500"]);
        Assert.Equal(afterFirst.Where(r => r.Key != "http_500"), metrics.FailedByReason().Where(r => r.Key != "http_500"));
        Assert.Single(host.Published.All);
        Assert.Equal(2, (await host.ReportsAsync()).Count(r => r.State == ReportState.Failed)); // the two rejected documents
    }

    [Fact]
    public async Task Documents_given_up_for_good_stay_on_record_after_a_clean_poll_and_transient_ones_do_not()
    {
        MapMisbehavingFeed();
        var broken = 0;
        _server.Map("/r/broken", context => Interlocked.Increment(ref broken) <= 3 // every attempt of the first poll
            ? Respond.Status(context, 500)
            : Respond.Content(context, Documents.ReportPage("Broken", "Served at last."), "text/html"));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Feed("misbehaving", _server.Url("/feed"))], Patient);

        var first = await host.PollAsync("misbehaving");
        var second = await host.PollAsync("misbehaving");

        Assert.Equal((1, 4), (first.New, first.Failed));
        Assert.Equal((1, 0), (second.New, second.Failed));
        var state = await host.StateAsync("misbehaving");
        Assert.Null(state.LastError); // the clean second poll cleared it...
        var failed = state.FailedItems.ToDictionary(f => f.Item[_server.BaseUrl.AbsoluteUri.Length..]); // ...but not the record
        Assert.Equal(["r/gone", "r/image", "r/huge", "r/inside", "r/ftp"], failed.Keys);
        Assert.StartsWith("HTTP 404", failed["r/gone"].Reason);
        Assert.Equal("unsupported media type 'image/png'", failed["r/image"].Reason);
        Assert.Contains("over the 1,048,576-byte limit", failed["r/huge"].Reason);
        Assert.Contains("refused to connect to 10.0.0.1", failed["r/inside"].Reason);
        Assert.Contains("redirect to a ftp: URL refused", failed["r/ftp"].Reason);
        Assert.All(state.FailedItems, f => Assert.True(f.At <= state.LastPolledAt && f.At > DateTimeOffset.UtcNow.AddMinutes(-5), f.At.ToString("O")));
        Assert.Equal(
            [_server.Url("/r/fine").AbsoluteUri, _server.Url("/r/broken").AbsoluteUri],
            host.Published.All.Select(p => p.Source));
    }

    [Fact]
    public async Task The_record_is_bounded_and_a_document_that_recovers_leaves_it()
    {
        var recovered = false;
        _server.Map("/doc", context => Volatile.Read(ref recovered)
            ? Respond.Content(context, Documents.ReportPage("Back", "Served again."), "text/html")
            : Respond.Status(context, 404));
        string[] names = ["a", "b", "c", "d", "e"];
        foreach (var n in names)
            _server.Map($"/r/{n}", context => Respond.Status(context, 410));
        _server.MapContent("/feed", () => Documents.Rss([.. names.Select(n => new FeedEntry(n, _server.Url($"/r/{n}").AbsoluteUri, n))]), "application/rss+xml");
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Feed("feed", _server.Url("/feed")), Src.Url("page", _server.Url("/doc"))],
            new Dictionary<string, string?>(Patient) { ["Fetch:MaxFailedItems"] = "3" });

        await host.PollAsync("feed");
        await host.PollAsync("page");
        await host.PollAsync("page"); // the same document failing again replaces its entry
        var whileMissing = await host.StateAsync("page");
        Volatile.Write(ref recovered, true);
        await host.PollAsync("page");

        Assert.Equal([_server.Url("/r/c").AbsoluteUri, _server.Url("/r/d").AbsoluteUri, _server.Url("/r/e").AbsoluteUri],
            (await host.StateAsync("feed")).FailedItems.Select(f => f.Item)); // the newest three
        Assert.Equal(_server.Url("/doc").AbsoluteUri, Assert.Single(whileMissing.FailedItems).Item);
        Assert.Equal(2, whileMissing.ConsecutiveFailures);
        var afterRecovery = await host.StateAsync("page");
        Assert.Empty(afterRecovery.FailedItems);
        Assert.Null(afterRecovery.LastError);
        Assert.Equal(_server.Url("/doc").AbsoluteUri, Assert.Single(host.Published.All).Source);
    }

    [Fact]
    public async Task A_url_source_whose_document_fails_counts_it_and_a_rejected_folder_file_counts_once()
    {
        _server.Map("/missing", context => Respond.Status(context, 404));
        var url = UniqueName("url");
        var folder = UniqueName("folder");
        var drop = _dir.Folder("drop");
        await File.WriteAllBytesAsync(Path.Combine(drop, "big.txt"), new byte[2 * 1024 * 1024]);
        await File.WriteAllTextAsync(Path.Combine(drop, "fine.txt"), "We removed 5 accounts.");
        using var urlMetrics = new FetchMetrics(url);
        using var folderMetrics = new FetchMetrics(folder);
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url(url, _server.Url("/missing")), Src.Folder(folder, drop)], Patient);

        var page = await host.PollAsync(url);
        var files = await host.PollAsync(folder);
        await host.PollAsync(folder);

        Assert.Contains("HTTP 404", page.Error);
        Assert.Equal(new Dictionary<string, long> { ["http_404"] = 1 }, urlMetrics.FailedByReason());
        Assert.Equal((1, 1), (files.New, files.Rejected));
        Assert.Equal(new Dictionary<string, long> { ["too_large"] = 1 }, folderMetrics.FailedByReason());
        Assert.Equal("HTTP 404 Not Found", Assert.Single((await host.StateAsync(url)).FailedItems).Reason);
        var big = Assert.Single((await host.StateAsync(folder)).FailedItems);
        Assert.Equal("big.txt", big.Item);
        Assert.Contains("over the 1,048,576-byte limit", big.Reason);
        Assert.Equal("fine.txt", Assert.Single(host.Published.All).Source);
    }
}
