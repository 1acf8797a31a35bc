using Pipeline.Application.Fetching;
using Pipeline.Fetcher.Tests.Support;

namespace Pipeline.Fetcher.Tests;

/// <summary>
/// Only http(s), no non-public address unless the source's own host is trusted, no credentials on
/// the wire, in logs or in the store. Refused connections are refused by the network guard before
/// any packet is sent: no traffic ever leaves loopback.
/// </summary>
public sealed class SafetyTests : IAsyncLifetime
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
    public async Task A_source_on_a_loopback_address_is_refused_unless_it_allows_private_networks()
    {
        _server.MapContent("/doc", () => Documents.ReportPage("Report", "Text"));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath,
            [Src.Url("untrusted", _server.Url("/doc"), allowPrivate: false), Src.Url("trusted", _server.Url("/doc"))]);

        var refused = await host.PollAsync("untrusted");
        Assert.Equal(0, _server.Hits("/doc")); // refused before connecting
        var allowed = await host.PollAsync("trusted");

        Assert.Contains("refused to connect to 127.0.0.1", refused.Error);
        Assert.Contains("loopback", refused.Error);
        Assert.Equal(refused.Error, (await host.StateAsync("untrusted")).LastError);
        Assert.Equal(1, allowed.New);
        Assert.Equal(1, _server.Hits("/doc"));
        Assert.Single(host.Published.All);
    }

    [Theory]
    [InlineData("http://127.0.0.2:{port}/report", "loopback")] // another host than the trusted one, still on this machine
    [InlineData("http://10.0.0.1/report", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://192.168.1.1/", "private")]
    [InlineData("http://[fd00::1]/report", "private")]
    [InlineData("http://[::ffff:10.0.0.1]/report", "private")]
    public async Task A_redirect_to_a_non_public_address_is_refused_before_connecting(string target, string kind)
    {
        var location = target.Replace("{port}", _server.BaseUrl.Port.ToString());
        _server.Map("/moved", context => Respond.Redirect(context, location));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("redirected", _server.Url("/moved"))]);

        var report = await host.PollAsync("redirected");

        Assert.Contains("refused to connect", report.Error);
        Assert.Contains(kind, report.Error);
        Assert.Equal(1, _server.TotalHits); // the redirect itself, nothing after it
        Assert.Empty(host.Published.All);
        Assert.Empty(await host.ReportsAsync());
        var state = await host.StateAsync("redirected");
        Assert.Equal(report.Error, state.LastError);
        Assert.Equal(1, state.ConsecutiveFailures);
    }

    [Fact]
    public async Task A_redirect_to_another_port_of_the_trusted_loopback_host_is_refused_before_connecting()
    {
        // The source trusts 127.0.0.1 on its own port only: another local service on the same host stays out of reach.
        await using var other = await LoopbackServer.StartAsync();
        other.MapContent("/admin", () => Documents.ReportPage("Internal", "Not for the fetcher."));
        _server.Map("/moved", context => Respond.Redirect(context, other.Url("/admin").AbsoluteUri));
        _server.Map("/same-port", context => Respond.Redirect(context, _server.Url("/doc").AbsoluteUri));
        _server.MapContent("/doc", () => Documents.ReportPage("Report", "Text"));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath,
            [Src.Url("redirected", _server.Url("/moved")), Src.Url("same-port", _server.Url("/same-port"))]);

        var refused = await host.PollAsync("redirected");
        var allowed = await host.PollAsync("same-port");

        Assert.Contains("refused to connect to 127.0.0.1", refused.Error);
        Assert.Contains("loopback", refused.Error);
        Assert.Equal(0, other.TotalHits);
        Assert.Equal(1, allowed.New); // a redirect within the trusted origin is still followed
        Assert.Equal(_server.Url("/same-port").AbsoluteUri, Assert.Single(host.Published.All).Source);
        Assert.Contains("refused to connect", Assert.Single((await host.StateAsync("redirected")).FailedItems).Reason);
    }

    [Fact]
    public void Only_the_origins_of_enabled_sources_that_allow_private_networks_are_trusted()
    {
        var options = new FetchOptions
        {
            Sources =
            [
                new() { Name = "mirror", Kind = SourceKind.Feed, Url = "http://Intranet.example/feed", AllowPrivateNetwork = true },
                new() { Name = "local", Kind = SourceKind.Url, Url = "http://127.0.0.1:8081/report", AllowPrivateNetwork = true },
                new() { Name = "v6", Kind = SourceKind.Url, Url = "https://[::1]:9443/r", AllowPrivateNetwork = true },
                new() { Name = "public", Kind = SourceKind.Url, Url = "https://example.org/r" },
                new() { Name = "off", Kind = SourceKind.Url, Url = "http://10.1.1.1:8080/r", AllowPrivateNetwork = true, Enabled = false },
            ],
        };

        var trusted = SourceCatalog.TrustedPrivateOrigins(options);

        // A default port trusts its http/https twin (an intranet redirect to https); an explicit port only itself.
        Assert.Equal(new HashSet<(string, int)> { ("intranet.example", 80), ("intranet.example", 443), ("127.0.0.1", 8081), ("::1", 9443) }, trusted);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("ftp://127.0.0.1/report.pdf", "ftp")]
    public async Task A_redirect_to_another_scheme_is_refused(string location, string scheme)
    {
        _server.Map("/moved", context => Respond.Redirect(context, location));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("redirected", _server.Url("/moved"))]);

        var report = await host.PollAsync("redirected");

        Assert.Contains($"redirect to a {scheme}: URL refused", report.Error);
        Assert.Empty(host.Published.All);
    }

    [Fact]
    public async Task A_redirect_on_the_trusted_host_is_followed_and_the_document_keeps_its_requested_url()
    {
        _server.Map("/old", context => Respond.Redirect(context, "/new", 301));
        _server.MapContent("/new", () => Documents.ReportPage("Moved report", "Text"));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("moved", _server.Url("/old"))]);

        var report = await host.PollAsync("moved");

        Assert.Equal(1, report.New);
        Assert.Equal(_server.Url("/old").AbsoluteUri, Assert.Single(host.Published.All).Source);
    }

    [Fact]
    public async Task A_redirect_loop_stops_after_the_hop_limit()
    {
        _server.Map("/loop", context => Respond.Redirect(context, "/loop"));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("loop", _server.Url("/loop"))]);

        var report = await host.PollAsync("loop");

        Assert.Contains("more than 5 redirects", report.Error);
        Assert.Equal(6, _server.Hits("/loop"));
    }

    [Fact]
    public async Task Credentials_in_links_never_reach_the_wire_the_logs_or_the_store()
    {
        var secretLink = $"http://alice:s3cretPw@{_server.Host}/private-report?lang=en&token=t0kenValue";
        _server.MapContent("/feed", () => Documents.Rss(new FeedEntry("Private report", secretLink, "p-1")), "application/rss+xml");
        _server.MapContent("/private-report", () => Documents.ReportPage("Private report", "We removed 40 accounts."));
        _server.Map("/broken", context => Respond.Status(context, 500));
        var brokenLink = $"http://bob:an0therPw@{_server.Host}/broken?api_key=k3yValue";
        _server.MapContent("/feed2", () => Documents.Rss(new FeedEntry("Broken", brokenLink, "b-1")), "application/rss+xml");
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Feed("feed", _server.Url("/feed")), Src.Feed("feed2", _server.Url("/feed2"))]);

        var ok = await host.PollAsync("feed");
        var failed = await host.PollAsync("feed2");

        Assert.Equal(1, ok.New);
        Assert.Equal(1, failed.Failed);
        Assert.All(_server.Requests, r => Assert.Null(r.Authorization));
        var report = Assert.Single(await host.ReportsAsync());
        Assert.Equal($"{_server.BaseUrl}private-report?lang=en&token=***", report.Source);
        var stored = string.Join('\n', (await host.Store.ListSourceStatesAsync()).Select(s => System.Text.Json.JsonSerializer.Serialize(s)))
            + report.Source + host.Published.All.Single().Source + failed.Error;
        foreach (var secret in new[] { "s3cretPw", "t0kenValue", "an0therPw", "k3yValue" })
        {
            Assert.DoesNotContain(secret, host.Logs.All);
            Assert.DoesNotContain(secret, stored);
        }
    }

    [Fact]
    public async Task Requests_carry_the_configured_user_agent()
    {
        _server.MapContent("/doc", () => Documents.ReportPage("Report", "Text"));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("doc", _server.Url("/doc"))]);

        await host.PollAsync("doc");

        Assert.Equal(new FetchOptions().UserAgent, Assert.Single(_server.Requests).UserAgent);
    }
}
