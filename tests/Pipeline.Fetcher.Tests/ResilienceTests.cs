using Microsoft.AspNetCore.Http;
using System.Diagnostics;
using Pipeline.Fetcher.Tests.Support;

namespace Pipeline.Fetcher.Tests;

/// <summary>Retries, Retry-After, timeouts, the circuit breaker and the per-host rate limit, against a host that misbehaves.</summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private readonly TestStore _dir = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>Answers <paramref name="failures"/> times with the failure, then with the report.</summary>
    private void MapFailingThenOk(string path, int failures, int status, string? retryAfter = null)
    {
        var calls = 0;
        _server.Map(path, context => Interlocked.Increment(ref calls) <= failures
            ? Respond.Status(context, status, retryAfter)
            : Respond.Content(context, Documents.ReportPage("Report", "We removed 3 networks."), "text/html"));
    }

    [Fact]
    public async Task A_500_then_success_is_retried_within_the_poll_and_published_once()
    {
        MapFailingThenOk("/doc", failures: 1, status: 500);
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("flaky", _server.Url("/doc"))]);

        var report = await host.PollAsync("flaky");

        Assert.Null(report.Error);
        Assert.Equal(1, report.New);
        Assert.Equal(2, _server.Hits("/doc"));
        Assert.Single(host.Published.All);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_for_then_retried()
    {
        MapFailingThenOk("/doc", failures: 1, status: 429, retryAfter: "1");
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("busy", _server.Url("/doc"))]);

        var report = await host.PollAsync("busy");

        Assert.Null(report.Error);
        Assert.Equal((1, 0, 0), (report.New, report.Rejected, report.Failed));
        var requests = _server.RequestsTo("/doc");
        Assert.Equal(2, requests.Count);
        // The configured backoff is 50 ms: only the host's Retry-After explains a one-second gap.
        Assert.InRange(requests[1].At - requests[0].At, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
        // The document the retry got, announced exactly once, and nothing recorded as failed.
        var published = Assert.Single(host.Published.All);
        Assert.Equal(_server.Url("/doc").AbsoluteUri, published.Source);
        var stored = Assert.Single(await host.ReportsAsync());
        Assert.Equal(published.ReportId, stored.Id);
        Assert.NotEqual(Pipeline.Infrastructure.Storage.ReportState.Failed, stored.State);
        Assert.Null((await host.StateAsync("busy")).LastError);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_allowed_wait_is_not_waited_for_and_is_recorded()
    {
        _server.Map("/doc", context => Respond.Status(context, 429, "3600"));
        // A generous attempt timeout: on a loaded machine a 429 slower than the default 1 s would be
        // retried as a timeout, and this test is about Retry-After, not timeouts.
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("throttled", _server.Url("/doc"))],
            new Dictionary<string, string?> { ["Fetch:Http:AttemptTimeout"] = "00:00:10" });
        var clock = Stopwatch.StartNew();

        var report = await host.PollAsync("throttled");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
        Assert.Equal(1, _server.Hits("/doc"));
        Assert.Contains("HTTP 429", report.Error);
        Assert.Contains("retry after 3600 s", report.Error);
        var state = await host.StateAsync("throttled");
        Assert.Equal(report.Error, state.LastError);
        Assert.Empty(host.Published.All);
    }

    [Fact]
    public async Task A_response_slower_than_the_attempt_timeout_fails_the_poll_in_bounded_time()
    {
        _server.Map("/slow", async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            await Respond.Content(context, Documents.ReportPage("Late", "Too late."), "text/html");
        });
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("slow", _server.Url("/slow"))],
            new Dictionary<string, string?> { ["Fetch:Http:MaxRetries"] = "1" });
        var clock = Stopwatch.StartNew();

        var report = await host.PollAsync("slow");

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.8), TimeSpan.FromSeconds(6));
        Assert.Contains("no response within 1 s", report.Error);
        Assert.Equal(2, _server.Hits("/slow")); // the attempt and one retry
        Assert.Empty(host.Published.All);
        Assert.Equal(1, (await host.StateAsync("slow")).ConsecutiveFailures);
    }

    [Fact]
    public async Task A_body_that_trickles_past_the_body_timeout_is_given_up()
    {
        _server.Map("/trickle", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><p>The beginning", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
        });
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("trickle", _server.Url("/trickle"))]);
        var clock = Stopwatch.StartNew();

        var report = await host.PollAsync("trickle");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
        Assert.Contains("did not arrive within 1 s", report.Error);
        Assert.Empty(host.Published.All);
        Assert.Empty((await host.StateAsync("trickle")).Validators); // next poll asks again, unconditionally
    }

    [Fact]
    public async Task An_open_circuit_fails_fast_without_asking_the_host()
    {
        _server.Map("/down", context => Respond.Status(context, 503));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("down", _server.Url("/down"))],
            new Dictionary<string, string?>
            {
                ["Fetch:Http:MaxRetries"] = "1",
                ["Fetch:Http:BreakerMinimumThroughput"] = "2",
                ["Fetch:Http:BreakerBreakDuration"] = "00:00:30",
            });

        var first = await host.PollAsync("down");
        var second = await host.PollAsync("down");

        Assert.Contains("HTTP 503", first.Error);
        Assert.Contains("circuit open", second.Error);
        Assert.Equal(2, _server.Hits("/down")); // the second poll never reached the host
        Assert.Equal(2, (await host.StateAsync("down")).ConsecutiveFailures);
    }

    [Fact]
    public async Task Requests_to_one_host_are_spaced_by_the_per_host_rate_limit()
    {
        foreach (var name in new[] { "a", "b", "c" })
            _server.MapContent($"/r/{name}", () => Documents.ReportPage(name, $"Network {name}."));
        _server.MapContent("/feed", () => Documents.Rss(
            [.. new[] { "a", "b", "c" }.Select(n => new FeedEntry(n, _server.Url($"/r/{n}").AbsoluteUri, n))]), "application/rss+xml");
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Feed("polite", _server.Url("/feed"))],
            new Dictionary<string, string?> { ["Fetch:Http:PerHostRequestInterval"] = "00:00:00.300" });

        var report = await host.PollAsync("polite");

        Assert.Equal(3, report.New);
        var times = _server.Requests.Select(r => r.At).ToList();
        Assert.Equal(4, times.Count);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(200), $"{(pair.Second - pair.First).TotalMilliseconds} ms"));
    }

    [Fact]
    public async Task A_failing_source_never_stops_the_others()
    {
        await using var healthy = await LoopbackServer.StartAsync(); // another host: its own breaker and limiter
        healthy.MapContent("/r/1", () => Documents.ReportPage("One", "Network one."));
        healthy.MapContent("/r/2", () => Documents.ReportPage("Two", "Network two."));
        healthy.MapContent("/feed", () => Documents.Rss(
            new FeedEntry("One", healthy.Url("/r/1").AbsoluteUri, "1"), new FeedEntry("Two", healthy.Url("/r/2").AbsoluteUri, "2")), "application/rss+xml");
        _server.Map("/feed", context => Respond.Status(context, 500));
        _server.MapContent("/not-a-feed", () => "<html><body>Sorry</body></html>");
        var every = TimeSpan.FromSeconds(1);
        await using var host = await FetcherHost.StartAsync(_dir.DbPath,
        [
            Src.Feed("broken", _server.Url("/feed")).Every(every),
            Src.Feed("html-instead-of-feed", _server.Url("/not-a-feed")).Every(every),
            Src.Folder("missing-folder", Path.Combine(_dir.Root, "nowhere")).Every(every),
            Src.Feed("healthy", healthy.Url("/feed")).Every(every),
        ], runWorker: true);

        await Eventually.TrueAsync(() => host.Published.Count == 2, "the healthy source's two reports");
        await Eventually.TrueAsync(async () => (await host.Store.ListSourceStatesAsync()).Count(s => s.ConsecutiveFailures >= 2) == 3,
            "each failing source failed at least twice");

        var states = (await host.Store.ListSourceStatesAsync()).ToDictionary(s => s.Source);
        Assert.Contains("HTTP 500", states["broken"].LastError);
        Assert.Contains("not an RSS or Atom feed", states["html-instead-of-feed"].LastError);
        Assert.Contains("does not exist", states["missing-folder"].LastError);
        Assert.Null(states["healthy"].LastError);
        Assert.NotNull(states["healthy"].LastSucceededAt);
        Assert.Equal(2, host.Published.Count);
    }
}
