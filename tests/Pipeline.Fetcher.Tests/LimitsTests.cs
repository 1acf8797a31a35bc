using System.Diagnostics;
using System.Text;
using Pipeline.Fetcher.Tests.Support;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Fetcher.Tests;

/// <summary>
/// Bodies over the size limit (declared, streamed, or inflated from a gzip bomb), wrong content
/// types, a million-line feed, deeply nested HTML: each ends as a failed report or a recorded source
/// failure, in bounded time and memory, and nothing is published.
/// </summary>
public sealed class LimitsTests : IAsyncLifetime
{
    private const int Limit = 1024 * 1024; // FetcherHost.TestDefaults
    private static readonly Lazy<byte[]> Bomb = new(() => Documents.GzipBomb(64 * 1024 * 1024));

    private readonly TestStore _dir = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private static IEnumerable<byte[]> Chunks(int count, int size, byte fill = (byte)'a') =>
        Enumerable.Range(0, count).Select(_ => Enumerable.Repeat(fill, size).ToArray());

    [Fact]
    public async Task A_streamed_body_over_the_limit_becomes_one_failed_report_and_is_not_read_past_the_limit()
    {
        _server.Map("/huge", context => Respond.Stream(context, "text/html", Chunks(count: 50, size: 1024 * 1024))); // 50 MB, no Content-Length
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("huge", _server.Url("/huge"))]);

        var first = await host.PollAsync("huge");
        var second = await host.PollAsync("huge");

        Assert.Equal((1, 0), (first.Rejected, second.Rejected));
        Assert.Equal(1, second.Known);
        var report = Assert.Single(await host.ReportsAsync());
        Assert.Equal(ReportState.Failed, report.State);
        Assert.Equal("fetch", report.FailedStage);
        Assert.Contains("over the 1,048,576-byte limit", report.Error);
        Assert.StartsWith("partial:", report.ContentHash);
        Assert.Null(await host.Store.GetDocumentAsync(report.ContentHash));
        Assert.Empty(host.Published.All);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_rejected_without_downloading()
    {
        _server.Map("/declared", async context =>
        {
            context.Response.ContentType = "application/pdf";
            context.Response.ContentLength = 5L * Limit;
            await Respond.Stream(context, "application/pdf", Chunks(count: 5, size: Limit, fill: (byte)'%'));
        });
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("declared", _server.Url("/declared"))]);

        var report = await host.PollAsync("declared");

        Assert.Equal(1, report.Rejected);
        var failed = Assert.Single(await host.ReportsAsync());
        Assert.Contains("declares 5,242,880 bytes", failed.Error);
        Assert.Equal("application/pdf", failed.MediaType);
        Assert.Empty(host.Published.All);
    }

    [Fact]
    public async Task A_gzip_bomb_is_cut_at_the_decompressed_limit()
    {
        var bomb = Bomb.Value;
        Assert.True(bomb.Length < 200 * 1024, $"bomb is {bomb.Length} bytes on the wire"); // tiny compressed, 64 MB inflated
        _server.Map("/bomb", context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return Respond.Bytes(context, bomb, "text/html");
        });
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("bomb", _server.Url("/bomb"))]);
        var clock = Stopwatch.StartNew();

        var report = await host.PollAsync("bomb");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
        Assert.Equal(1, report.Rejected);
        var failed = Assert.Single(await host.ReportsAsync());
        Assert.Contains("after decompression", failed.Error);
        Assert.Empty(host.Published.All);
    }

    [Fact]
    public async Task A_gzip_encoded_document_under_the_limit_is_decoded_and_stored()
    {
        var html = Documents.ReportPage("Compressed", "We removed 7 accounts.");
        using var gz = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(html));
        _server.Map("/gz", context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return Respond.Bytes(context, gz.ToArray(), "text/html");
        });
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("gz", _server.Url("/gz"))]);

        Assert.Equal(1, (await host.PollAsync("gz")).New);

        var stored = await host.Store.GetDocumentAsync((await host.ReportsAsync()).Single().ContentHash);
        Assert.Equal(html, Encoding.UTF8.GetString(stored!.Content));
    }

    [Theory]
    [InlineData("image/png", "unsupported media type 'image/png'")]
    [InlineData("application/zip", "unsupported media type 'application/zip'")]
    [InlineData("application/json; charset=utf-8", "unsupported media type 'application/json'")]
    public async Task A_document_of_a_type_we_cannot_read_becomes_a_failed_report(string contentType, string reason)
    {
        _server.Map("/report", context => Respond.Bytes(context, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3], contentType));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Url("typed", _server.Url("/report"))]);

        var report = await host.PollAsync("typed");

        Assert.Equal(1, report.Rejected);
        var failed = Assert.Single(await host.ReportsAsync());
        Assert.Equal(ReportState.Failed, failed.State);
        Assert.Contains(reason, failed.Error);
        Assert.Empty(host.Published.All);
    }

    [Fact]
    public async Task A_feed_url_serving_html_is_a_source_failure_and_publishes_nothing()
    {
        _server.MapContent("/feed", () => Documents.ReportPage("Newsroom", "Welcome"), "text/html");
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Feed("wrong-type", _server.Url("/feed"))]);

        var report = await host.PollAsync("wrong-type");

        Assert.Contains("not an RSS or Atom feed", report.Error);
        Assert.Equal(report.Error, (await host.StateAsync("wrong-type")).LastError);
        Assert.Empty(await host.ReportsAsync());
    }

    [Fact]
    public async Task A_million_line_feed_is_cut_at_the_limit_in_bounded_time()
    {
        static IEnumerable<byte[]> MillionLines()
        {
            yield return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>\n"u8.ToArray();
            var line = "<item><guid>x</guid><title>spam</title></item>\n"u8.ToArray();
            for (var batch = 0; batch < 1000; batch++)
                yield return [.. Enumerable.Range(0, 1000).SelectMany(_ => line)];
            yield return "</channel></rss>"u8.ToArray();
        }
        _server.Map("/feed", context => Respond.Stream(context, "application/rss+xml", MillionLines()));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Feed("flood", _server.Url("/feed"))]);
        var clock = Stopwatch.StartNew();

        var report = await host.PollAsync("flood");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
        Assert.Contains("the feed is over the 1,048,576-byte limit", report.Error);
        Assert.Empty(await host.ReportsAsync());
        Assert.Empty(host.Published.All);
    }

    [Theory]
    [InlineData(2_000, "00:00:10", true)]   // deep but fine: links found
    [InlineData(60_000, "00:00:01", false)] // quadratic to parse: given up at the budget, recorded
    public async Task Deeply_nested_html_on_an_index_page_is_read_or_given_up_within_the_parse_budget(int depth, string budget, bool readable)
    {
        var page = new StringBuilder("<html><body>");
        for (var i = 0; i < depth; i++)
            page.Append("<div>");
        page.Append("<a class=\"report\" href=\"/r/deep\">Deep report</a>");
        for (var i = 0; i < depth; i++)
            page.Append("</div>");
        page.Append("</body></html>");
        _server.MapContent("/index", () => page.ToString());
        _server.MapContent("/r/deep", () => Documents.ReportPage("Deep", "Found at the bottom."));
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Page("deep", _server.Url("/index"), "a.report")],
            new Dictionary<string, string?> { ["Fetch:MaxParseTime"] = budget });
        var clock = Stopwatch.StartNew();

        var report = await host.PollAsync("deep");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), clock.Elapsed.ToString());
        if (readable)
        {
            Assert.Equal(1, report.New);
        }
        else
        {
            Assert.Contains("took longer than 1 s to parse", report.Error);
            Assert.Equal(report.Error, (await host.StateAsync("deep")).LastError);
        }
    }
}
