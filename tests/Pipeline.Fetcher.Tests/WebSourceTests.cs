using Pipeline.Fetcher.Tests.Support;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Fetcher.Tests;

/// <summary>Feeds, index pages and single URLs against the loopback server: what is published, once.</summary>
public sealed class WebSourceTests : IAsyncLifetime
{
    private readonly TestStore _dir = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private void MapReports(params string[] names)
    {
        foreach (var name in names)
            _server.MapContent($"/r/{name}", () => Documents.ReportPage($"Report {name}", $"We removed network {name}."));
    }

    [Fact]
    public async Task A_feed_publishes_each_linked_document_once_with_its_title_and_date()
    {
        MapReports("a", "b", "c");
        _server.MapContent("/feed", () => Documents.Rss(
            new FeedEntry("Report A", _server.Url("/r/a").AbsoluteUri, "a", "Mon, 06 May 2024 10:00:00 GMT"),
            new FeedEntry("Report B", _server.Url("/r/b").AbsoluteUri, "b"),
            new FeedEntry("Report C", _server.Url("/r/c").AbsoluteUri, "c")), "application/rss+xml");
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Feed("newsroom", _server.Url("/feed"))]);

        var first = await host.PollAsync("newsroom");
        var second = await host.PollAsync("newsroom"); // this server ignores validators: the feed comes back whole

        Assert.Equal((3, 0, 0), (first.New, first.Failed, second.New));
        Assert.Equal(3, second.Unchanged);
        Assert.Equal(3, host.Published.Count);
        Assert.All(["/r/a", "/r/b", "/r/c"], path => Assert.Equal(1, _server.Hits(path)));
        var a = await host.ReportAsync(_server.Url("/r/a").AbsoluteUri);
        Assert.Equal("Report A", a.Title);
        Assert.Equal(new DateOnly(2024, 5, 6), a.PublishedOn);
        Assert.Equal(MediaTypes.Html, a.MediaType);
        Assert.NotNull(await host.Store.GetDocumentAsync(a.ContentHash)); // the raw payload, by hash
        Assert.Equal(3, (await host.StateAsync("newsroom")).SeenItems.Count);
    }

    [Fact]
    public async Task A_feed_that_repeats_items_publishes_each_document_once()
    {
        MapReports("1", "2");
        _server.MapContent("/r/copy-of-1", () => Documents.ReportPage("Report 1", "We removed network 1.")); // same bytes as /r/1
        var one = _server.Url("/r/1").AbsoluteUri;
        var two = _server.Url("/r/2").AbsoluteUri;
        // The mirror appears in the second poll: within one poll the stand-in extractor may not yet have moved
        // report 1 on, and a report still Fetched is announced again by design (stranded-report recovery).
        var withMirror = false;
        _server.MapContent("/feed", () => Documents.Rss(
            new[]
            {
                new FeedEntry("One", one, "g-1"),
                new FeedEntry("One again", one, "g-1"),      // the same entry twice
                new FeedEntry("Two", two, "g-2"),
                new FeedEntry("Two, other id", two, "g-2b"), // another entry, same document
            }.Concat(withMirror ? [new FeedEntry("Mirror of one", _server.Url("/r/copy-of-1").AbsoluteUri, "g-3")] : []).ToArray()),
            "application/rss+xml");
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Feed("repeats", _server.Url("/feed"))]);

        var first = await host.PollAsync("repeats");
        await host.SettledAsync();
        withMirror = true;
        var second = await host.PollAsync("repeats");
        var third = await host.PollAsync("repeats");

        Assert.Equal((2, 0), (first.New, first.Known));
        Assert.Equal((0, 1), (second.New, second.Known)); // the mirror: same content hash, not announced again
        Assert.Equal(0, third.New + third.Known);
        Assert.Equal(2, host.Published.Count);
        Assert.Equal(1, _server.Hits("/r/1"));
        Assert.Equal(1, _server.Hits("/r/2"));
        Assert.Equal(1, _server.Hits("/r/copy-of-1"));
        Assert.Equal(2, (await host.ReportsAsync()).Count);
    }

    [Fact]
    public async Task An_index_page_takes_only_the_links_its_selector_picks_resolved_against_the_page()
    {
        _server.MapContent("/reports/", () => """
            <html><body>
              <nav><a href="/about">About</a><a href="/careers">Careers</a></nav>
              <ul class="reports">
                <li><a href="q1-2024.html">Q1 2024 report</a></li>
                <li class="pdf"><span>Q2 2024</span> <a href="/files/q2-2024.pdf">PDF</a></li>
                <li><a href="mailto:press@example.org">Press</a></li>
                <li><a href="q1-2024.html#summary">Q1 again</a></li>
              </ul>
              <footer><a href="/privacy">Privacy</a></footer>
            </body></html>
            """);
        _server.MapContent("/reports/q1-2024.html", () => Documents.ReportPage("Q1 2024", "We removed 12 networks."));
        // Served as a generic download: the bytes say PDF.
        _server.Map("/files/q2-2024.pdf", context => Respond.Bytes(context, Documents.Pdf("Q2 2024"), "application/octet-stream"));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Page("index", _server.Url("/reports/"), "ul.reports li")]);

        var report = await host.PollAsync("index");

        Assert.Equal(2, report.New);
        Assert.Equal(0, _server.Hits("/about") + _server.Hits("/careers") + _server.Hits("/privacy"));
        Assert.Equal(1, _server.Hits("/reports/q1-2024.html"));
        var pdf = await host.ReportAsync(_server.Url("/files/q2-2024.pdf").AbsoluteUri);
        Assert.Equal(MediaTypes.Pdf, pdf.MediaType);
        Assert.Equal("Q1 2024 report", (await host.ReportAsync(_server.Url("/reports/q1-2024.html").AbsoluteUri)).Title);
    }

    [Fact]
    public async Task A_conditional_request_answered_304_publishes_and_fetches_nothing()
    {
        var modified = new DateTimeOffset(2024, 4, 2, 9, 30, 0, TimeSpan.Zero);
        _server.Map("/doc", context => Respond.Content(context, Documents.ReportPage("Report", "Text"), "text/html", "\"v1\"", modified));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("doc", _server.Url("/doc"))]);

        var first = await host.PollAsync("doc");
        var second = await host.PollAsync("doc");

        Assert.Equal(1, first.New);
        Assert.Equal((0, 1), (second.New, second.Unchanged));
        var revisit = _server.RequestsTo("/doc")[1];
        Assert.Equal("\"v1\"", revisit.IfNoneMatch);
        Assert.Equal(modified.ToString("R"), revisit.IfModifiedSince);
        Assert.Single(host.Published.All);
        var validators = (await host.StateAsync("doc")).Validators[_server.Url("/doc").AbsoluteUri];
        Assert.Equal("\"v1\"", validators.ETag);
    }

    [Fact]
    public async Task A_page_that_changes_becomes_a_new_version_linked_to_the_old()
    {
        var version = 1;
        _server.Map("/page", context => Respond.Content(context, Documents.ReportPage("Report", $"Revision {version}."), "text/html", $"\"r{version}\""));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("page", _server.Url("/page"))]);

        await host.PollAsync("page");
        var v1 = await host.ReportAsync(_server.Url("/page").AbsoluteUri);
        var unchanged = await host.PollAsync("page");
        version = 2;
        var changed = await host.PollAsync("page");
        var v2 = await host.ReportAsync(_server.Url("/page").AbsoluteUri);

        Assert.Equal(1, unchanged.Unchanged);
        Assert.Equal(1, changed.New);
        Assert.NotEqual(v1.Id, v2.Id);
        Assert.Equal(v1.Id, v2.PreviousVersionId);
        Assert.Null(v1.PreviousVersionId);
        Assert.Equal([v1.Id, v2.Id], host.Published.All.Select(p => p.ReportId));
        Assert.NotNull(await host.Store.GetDocumentAsync(v1.ContentHash)); // the old payload is kept
    }

    [Fact]
    public async Task A_feed_with_more_new_entries_than_the_per_poll_limit_drains_over_polls()
    {
        MapReports("1", "2", "3", "4", "5");
        _server.Map("/feed", context => Respond.Content(context, Documents.Rss(
            [.. Enumerable.Range(1, 5).Select(i => new FeedEntry($"R{i}", _server.Url($"/r/{i}").AbsoluteUri, $"g{i}"))]), "application/rss+xml", "\"feed-1\""));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Feed("busy", _server.Url("/feed"), maxItems: 2)]);

        var polls = new List<int>();
        for (var i = 0; i < 4; i++)
            polls.Add((await host.PollAsync("busy")).New);

        Assert.Equal([2, 2, 1, 0], polls);
        // Validators are saved only once every entry is done: the first three polls read the whole feed.
        Assert.Equal([null, null, null, "\"feed-1\""], _server.RequestsTo("/feed").Select(r => r.IfNoneMatch));
        Assert.Equal(5, host.Published.Count);
    }

    [Fact]
    public async Task An_item_filter_takes_only_matching_entries()
    {
        MapReports("threat", "product");
        _server.MapContent("/feed", () => Documents.Rss(
            new FeedEntry("Disrupting malicious uses of AI: June update", _server.Url("/r/threat").AbsoluteUri, "t"),
            new FeedEntry("Introducing a new model", _server.Url("/r/product").AbsoluteUri, "p")), "application/rss+xml");
        var source = Src.Feed("filtered", _server.Url("/feed"));
        source.ItemFilter = "malicious uses|threat report";
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [source]);

        var report = await host.PollAsync("filtered");

        Assert.Equal(1, report.New);
        Assert.Equal(0, _server.Hits("/r/product"));
    }

    [Fact]
    public async Task A_missing_document_is_a_permanent_item_failure_recorded_and_not_retried_next_poll()
    {
        MapReports("ok");
        _server.MapContent("/feed", () => Documents.Rss(
            new FeedEntry("Gone", _server.Url("/r/gone").AbsoluteUri, "gone"),
            new FeedEntry("Fine", _server.Url("/r/ok").AbsoluteUri, "ok")), "application/rss+xml");
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Feed("feed", _server.Url("/feed"))]);

        var first = await host.PollAsync("feed");
        var second = await host.PollAsync("feed");

        Assert.Equal((1, 1), (first.New, first.Failed));
        Assert.Contains("HTTP 404", first.Error);
        Assert.Equal(1, _server.Hits("/r/gone")); // 404 is not retried, now or next poll
        Assert.Null(second.Error);
        var state = await host.StateAsync("feed");
        Assert.Null(state.LastError);
        // The clean poll cleared LastError; the document given up on stays on record.
        var gone = Assert.Single(state.FailedItems);
        Assert.Equal(_server.Url("/r/gone").AbsoluteUri, gone.Item);
        Assert.StartsWith("HTTP 404", gone.Reason);
        Assert.NotEqual(ReportState.Failed, (await host.ReportsAsync()).Single().State);
        Assert.Equal(_server.Url("/r/ok").AbsoluteUri, Assert.Single(host.Published.All).Source);
    }

    [Fact]
    public async Task A_transiently_failing_entry_is_left_for_the_next_poll_and_so_is_the_listing()
    {
        var calls = 0;
        _server.Map("/r/flaky", context => Interlocked.Increment(ref calls) == 1
            ? Respond.Status(context, 503)
            : Respond.Content(context, Documents.ReportPage("Flaky", "Eventually served."), "text/html"));
        var flaky = _server.Url("/r/flaky").AbsoluteUri;
        _server.Map("/feed", context => Respond.Content(context, Documents.Rss(
            new FeedEntry("Flaky", flaky, "f-1"), new FeedEntry("Flaky, again", flaky, "f-2")), "application/rss+xml", "\"feed-v1\""));
        // No retries, so the first 503 fails f-1; a generous attempt timeout, so a loaded machine cannot fail another request.
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Feed("feed", _server.Url("/feed"))],
            new Dictionary<string, string?> { ["Fetch:Http:MaxRetries"] = "0", ["Fetch:Http:AttemptTimeout"] = "00:00:10" });

        var first = await host.PollAsync("feed");
        await host.SettledAsync(); // else the stored report may still be Fetched, and is then announced again (counted as New)
        var second = await host.PollAsync("feed");
        var third = await host.PollAsync("feed");

        // f-1 failed; f-2 (same document) was tried on its own and succeeded.
        Assert.Equal((1, 1), (first.New, first.Failed));
        Assert.Contains("HTTP 503", first.Error);
        // f-1 again: the same bytes, stored already; the feed is now done and its validators saved.
        Assert.Equal((0, 1, 0), (second.New, second.Known, second.Failed));
        Assert.Null(second.Error);
        Assert.Equal(1, third.Unchanged);
        Assert.Equal([null, null, "\"feed-v1\""], _server.RequestsTo("/feed").Select(r => r.IfNoneMatch));
        Assert.Single(host.Published.All);
    }
}
