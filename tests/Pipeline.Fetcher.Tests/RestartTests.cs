using Pipeline.Fetcher.Tests.Support;

namespace Pipeline.Fetcher.Tests;

/// <summary>
/// Checkpoints across restarts: a new host on the same store file resumes where the last one stopped
/// and publishes nothing twice.
/// </summary>
public sealed class RestartTests : IAsyncLifetime
{
    private readonly TestStore _dir = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Nothing_is_published_twice_across_a_restart_of_the_worker()
    {
        foreach (var name in new[] { "1", "2", "3" })
            _server.MapContent($"/r/{name}", () => Documents.ReportPage($"Report {name}", $"Network {name}."));
        _server.Map("/feed", context => Respond.Content(context, Documents.Atom(
            [.. new[] { "1", "2", "3" }.Select(n => new FeedEntry($"R{n}", _server.Url($"/r/{n}").AbsoluteUri, $"urn:{n}", Updated: "2024-06-01T00:00:00Z"))]),
            "application/atom+xml", "\"feed-v1\""));
        _server.Map("/doc", context => Respond.Content(context, Documents.ReportPage("Single", "One page."), "text/html", "\"doc-v1\""));
        var inbox = _dir.Folder("inbox");
        File.WriteAllText(Path.Combine(inbox, "local.md"), "Local report");
        var every = TimeSpan.FromSeconds(1);
        List<Pipeline.Application.Fetching.SourceOptions> sources = [Src.Feed("feed", _server.Url("/feed")).Every(every), Src.Url("doc", _server.Url("/doc")).Every(every), Src.Folder("inbox", inbox).Every(every)];

        await using (var first = await FetcherHost.StartAsync(_dir.DbPath, sources, runWorker: true))
        {
            await Eventually.TrueAsync(() => first.Published.Count == 5, "three feed entries, the page and the file");
            await first.SettledAsync();
        }
        var restartedAt = DateTimeOffset.UtcNow;
        await using var second = await FetcherHost.StartAsync(_dir.DbPath, sources, runWorker: true);
        await Eventually.TrueAsync(async () => (await second.Store.ListSourceStatesAsync()).All(s => s.LastPolledAt > restartedAt),
            "every source polled again after the restart");

        Assert.Empty(second.Published.All);
        Assert.Equal(5, (await second.ReportsAsync()).Count);
        Assert.All(["/r/1", "/r/2", "/r/3"], path => Assert.Equal(1, _server.Hits(path)));
        var revisits = _server.RequestsTo("/feed").Where(r => r.At > restartedAt).ToList();
        Assert.NotEmpty(revisits);
        Assert.All(revisits, r => Assert.Equal("\"feed-v1\"", r.IfNoneMatch)); // answered 304
        Assert.All(_server.RequestsTo("/doc").Where(r => r.At > restartedAt), r => Assert.Equal("\"doc-v1\"", r.IfNoneMatch));
        Assert.All(await second.Store.ListSourceStatesAsync(), s => Assert.Null(s.LastError));
    }

    [Fact]
    public async Task An_interrupted_poll_resumes_after_a_restart_without_refetching_finished_entries()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.MapContent("/r/1", () => Documents.ReportPage("Report 1", "Network 1."));
        _server.Map("/r/2", async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted); // hangs until the test lets it go
            await Respond.Content(context, Documents.ReportPage("Report 2", "Network 2."), "text/html");
        });
        _server.MapContent("/r/3", () => Documents.ReportPage("Report 3", "Network 3."));
        _server.Map("/feed", context => Respond.Content(context, Documents.Rss(
            [.. new[] { "1", "2", "3" }.Select(n => new FeedEntry($"R{n}", _server.Url($"/r/{n}").AbsoluteUri, $"g{n}"))]), "application/rss+xml", "\"feed-v1\""));
        List<Pipeline.Application.Fetching.SourceOptions> sources = [Src.Feed("feed", _server.Url("/feed"))];
        var slow = new Dictionary<string, string?> { ["Fetch:Http:AttemptTimeout"] = "00:01:00", ["Fetch:Http:TotalTimeout"] = "00:02:00" };

        await using (var first = await FetcherHost.StartAsync(_dir.DbPath, sources, slow))
        {
            using var stop = new CancellationTokenSource();
            var poll = first.PollAsync("feed", stop.Token);
            await Eventually.TrueAsync(() => _server.Hits("/r/2") == 1, "the second entry requested");
            await stop.CancelAsync(); // the process is told to stop mid-poll
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
            Assert.Single(first.Published.All);
            await first.SettledAsync();
        }
        release.SetResult();

        await using var second = await FetcherHost.StartAsync(_dir.DbPath, sources, slow);
        var resumed = await second.PollAsync("feed");

        Assert.Equal(2, resumed.New);
        Assert.Equal(1, _server.Hits("/r/1")); // finished before the stop: not fetched again
        Assert.Equal(2, _server.Hits("/r/2"));
        // The feed's validators were not saved while entries were outstanding, so it was read again in full.
        Assert.All(_server.RequestsTo("/feed"), r => Assert.Null(r.IfNoneMatch));
        Assert.Equal(3, (await second.ReportsAsync()).Select(r => r.Source).Distinct().Count());
    }
}
