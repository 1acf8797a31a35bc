using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Pipeline.Infrastructure.Storage;
using Pipeline.ReliabilityTests.Support;

namespace Pipeline.ReliabilityTests;

/// <summary>
/// Hostile and broken inputs through the real worker processes (the fetcher's drop folder, and a
/// loopback web server for what only HTTP can deliver): each ends as a recorded failure or a clean
/// result, never a poison message; no worker crashes or stops being healthy; a normal report sent
/// after them completes.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class BadInputTests(ITestOutputHelper output)
{
    private enum Outcome
    {
        /// <summary>A failed report with the reason.</summary>
        Failed,
        /// <summary>Read and extracted: clustered, or unmatched (not a takedown).</summary>
        Clean,
        /// <summary>Either is acceptable (e.g. invalid UTF-8 read as Latin-1).</summary>
        Either,
    }

    private sealed record BadInput(string Kind, string Source, Func<byte[]> Content, Outcome Expect, string? Reason = null);

    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Each_bad_input_ends_as_a_recorded_failure_or_a_clean_result_and_blocks_and_crashes_nothing()
    {
        var watch = Stopwatch.StartNew();
        var normal = new Truth(operations: 2, reportsPerOperation: 1, seed: 31).Reports;
        BadInput[] files =
        [
            new("empty file", "bad/empty.txt", () => [], Outcome.Failed, "empty document"),
            new("binary garbage", "bad/garbage.txt", () => Random(64 * 1024, seed: 1), Outcome.Failed, "binary content"),
            new("invalid UTF-8", "bad/invalid-utf8.txt", InvalidUtf8, Outcome.Either),
            new("a 50 MB document", "bad/huge-50mb.txt", () => Lines(50 * MiB), Outcome.Failed, "over the 15,728,640-byte limit"),
            new("just under the 15 MB fetch limit", "bad/near-limit.md", () => Lines(15 * MiB - 64 * 1024), Outcome.Failed, "over the 2,000,000 limit"),
            new("deeply nested HTML (100,000 levels)", "bad/nested.html", () => Nested(100_000), Outcome.Failed, "nests elements"),
            new("HTML with only script and style", "bad/script-only.html", ScriptOnly, Outcome.Failed, "no text"),
            new("a PDF that is not a PDF", "bad/not-a-pdf.pdf", () => "This is a plain text file with a .pdf name."u8.ToArray(), Outcome.Failed, "not a PDF"),
            new("a truncated PDF", "bad/truncated.pdf", () => [.. "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R"u8, .. Random(4096, seed: 2)], Outcome.Failed, "unreadable PDF"),
            new("a gzip bomb saved as a document", "bad/bomb-gzip.txt", () => GzipBomb(64 * MiB), Outcome.Failed, "binary content"),
            new("$ and . keys (MongoDB operator lookalikes)", "bad/$where/a.b.$set.txt", Operators, Outcome.Clean),
            new("a 1-million-line text", "bad/million-lines.txt", MillionLines, Outcome.Failed, "over the 2,000,000 limit"),
            new("control characters", "bad/control-characters.txt", () => ControlCharacters(normal[0].Text), Outcome.Clean),
            new("UTF-16 with an odd byte count", "bad/utf16-odd.txt", () => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Odd UTF-16 text."), 0x41], Outcome.Either),
        ];

        // Only HTTP can deliver these: a gzip bomb as Content-Encoding, and a million-line feed.
        var bomb = GzipBomb(64 * MiB, prefix: "<html><body><p>"u8.ToArray());
        var routes = new Dictionary<string, RequestDelegate>
        {
            ["/bomb.html"] = async context =>
            {
                context.Response.Headers.ContentEncoding = "gzip";
                context.Response.ContentType = "text/html";
                await context.Response.Body.WriteAsync(bomb);
            },
            ["/feed.xml"] = context => LoopbackServer.StreamAsync(context, "application/rss+xml", MillionLineFeed()),
        };
        await using var server = await LoopbackServer.StartAsync(routes);
        var settings = new Dictionary<string, string>
        {
            ["Fetch__Sources__10__Name"] = "bomb",
            ["Fetch__Sources__10__Kind"] = "Url",
            ["Fetch__Sources__10__Url"] = server.Url("/bomb.html").ToString(),
            ["Fetch__Sources__10__AllowPrivateNetwork"] = "true",
            ["Fetch__Sources__11__Name"] = "flood",
            ["Fetch__Sources__11__Kind"] = "Feed",
            ["Fetch__Sources__11__Url"] = server.Url("/feed.xml").ToString(),
            ["Fetch__Sources__11__AllowPrivateNetwork"] = "true",
            ["Fetch__Sources__11__PollInterval"] = "00:10:00",
        };

        await using var vhost = await RabbitMqNode.Shared.CreateVirtualHostAsync("bad");
        await using var pipeline = await PipelineUnderTest.StartAsync(vhost, output, settings);
        foreach (var input in files)
            await pipeline.DropAsync(input.Source, input.Content());
        // After them, a normal report: it must not wait behind any of them.
        var after = normal[1];
        var afterSource = "normal/" + after.FileName;
        await pipeline.DropAsync(afterSource, after.Text);
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} dropped {files.Length} bad files and one normal report after {watch.Elapsed.TotalSeconds:0.0} s");

        var expected = files.Length + 1 /* bomb over HTTP */ + 1 /* the normal one */;
        var snapshot = await pipeline.WaitSettledAsync(expected, TimeSpan.FromMinutes(3));
        output.WriteLine($"settled after {watch.Elapsed.TotalSeconds:0.0} s: {snapshot.Describe()}");

        var bySource = snapshot.Reports.ToDictionary(r => r.Source);
        foreach (var input in files)
        {
            var report = bySource.GetValueOrDefault(input.Source);
            output.WriteLine($"  {input.Kind,-45} {report?.State.ToString() ?? "MISSING",-9} {Short(report?.Error ?? report?.Title)}");
            Assert.True(report is not null, $"{input.Kind}: no report for {input.Source}");
            AssertOutcome(input.Kind, input.Expect, input.Reason, report);
        }
        var bombReport = Assert.Single(snapshot.Reports, r => r.Source.Contains("bomb.html", StringComparison.Ordinal));
        output.WriteLine($"  {"zip bomb over HTTP (Content-Encoding: gzip)",-45} {bombReport.State,-9} {Short(bombReport.Error)}");
        AssertOutcome("zip bomb over HTTP", Outcome.Failed, "after decompression", bombReport);
        var flood = await pipeline.Store.GetSourceStateAsync("flood");
        output.WriteLine($"  {"1-million-line feed over HTTP",-45} {"(source)",-9} {Short(flood?.LastError)}");
        Assert.Contains("the feed is over the 15,728,640-byte limit", flood?.LastError ?? "no source state");

        var operators = bySource["bad/$where/a.b.$set.txt"];
        output.WriteLine($"  operator lookalikes extracted as names: {string.Join(", ", operators.Extraction!.OperationNames.Select(n => n.Value))}");

        var normalReport = bySource[afterSource];
        Assert.Equal(ReportState.Clustered, normalReport.State);
        Assert.Contains(snapshot.Views, v => v.Reports.Any(r => r.Source == afterSource));

        // Nothing faulted, nothing crashed, nobody restarted, everyone healthy.
        Assert.Equal(0, snapshot.Progress.ErrorQueueMessages);
        pipeline.AssertAllHealthy();
        Assert.All(pipeline.Starts.Values, starts => Assert.Equal(1, starts));

        var sent = files.Length + 2 /* bomb, feed */ + 1;
        new FaultFigures("bad inputs (16 kinds)", sent, snapshot.Reports.Count, snapshot.Count(ReportState.Failed), Replayed: 0,
            snapshot.Progress.ErrorQueueMessages, snapshot.Campaigns.Count, watch.Elapsed.TotalSeconds,
            $"clean={snapshot.Count(ReportState.Clustered) + snapshot.Count(ReportState.Unmatched)} source_failures=1 (the feed: no report)").Report(output);
    }

    private static void AssertOutcome(string kind, Outcome expect, string? reason, ReportRecord report)
    {
        var clean = report.State is ReportState.Clustered or ReportState.Unmatched;
        switch (expect)
        {
            case Outcome.Failed:
                Assert.True(report.State == ReportState.Failed, $"{kind}: expected a failure, got {report.State}");
                Assert.False(string.IsNullOrWhiteSpace(report.Error), $"{kind}: failed without a reason");
                if (reason is not null)
                    Assert.True(report.Error!.Contains(reason, StringComparison.Ordinal), $"{kind}: '{report.Error}' does not say '{reason}'");
                break;
            case Outcome.Clean:
                Assert.True(clean, $"{kind}: expected a clean result, got {report.State}: {report.Error}");
                break;
            default:
                Assert.True(clean || (report.State == ReportState.Failed && !string.IsNullOrWhiteSpace(report.Error)), $"{kind}: {report.State}");
                break;
        }
    }

    private static string Short(string? text) => text is null ? "" : text.Length > 110 ? text[..110] + "…" : text;

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[10] = 0; // at least one NUL
        return bytes;
    }

    /// <summary>Lines of plain ASCII up to the byte count (no takedown in them).</summary>
    private static byte[] Lines(int bytes)
    {
        var line = "Nothing to see here, only filler text on a line of its own.\n"u8;
        var content = new byte[bytes];
        for (var offset = 0; offset < bytes; offset += line.Length)
            line[..Math.Min(line.Length, bytes - offset)].CopyTo(content.AsSpan(offset));
        return content;
    }

    private static byte[] MillionLines()
    {
        var text = new StringBuilder(10 * MiB);
        for (var i = 0; i < 1_000_000; i++)
            text.Append("line ").Append(i).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] InvalidUtf8()
    {
        var bytes = new List<byte>();
        bytes.AddRange("Meta removed 42 Facebook accounts linked to a network in Iran. "u8.ToArray());
        bytes.AddRange(new byte[] { 0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0x80, 0xFE, 0xFF, 0xC0, 0xAF, 0xED, 0xA0, 0x80 });
        bytes.AddRange(" The accounts posed as local news outlets.\n"u8.ToArray());
        return [.. bytes];
    }

    private static byte[] Nested(int depth)
    {
        var html = new StringBuilder("<html><body><p>Meta removed 12 Facebook accounts linked to Iran.</p>", depth * 11 + 100);
        for (var i = 0; i < depth; i++)
            html.Append("<div>");
        html.Append("Hidden at the bottom.");
        for (var i = 0; i < depth; i++)
            html.Append("</div>");
        return Encoding.UTF8.GetBytes(html.Append("</body></html>").ToString());
    }

    private static byte[] ScriptOnly() => """
        <html><head><style>body { color: red }</style><script>for (var i = 0; i < 10; i++) document.write("<div>");</script></head>
        <body><script>window.location = "https://example.invalid/";</script><noscript></noscript></body></html>
        """u8.ToArray();

    private static byte[] Operators() => Encoding.UTF8.GetBytes("""
        Taking down coordinated inauthentic behavior: the "$where" network
        March 3, 2021

        We removed 321 Facebook accounts, 14 Pages and 9 Instagram accounts for violating our policy against coordinated inauthentic behavior. This network originated in Iran and targeted audiences in France.
        Researchers have dubbed the operation "a.b", and its pages posted about "$set", "$gt", {"$ne": null} and "x.y.z" to confuse moderators.
        """);

    /// <summary>A normal report with C0 controls (not NUL: that marks binary), DEL, an ANSI escape, zero-width and bidi-override characters between its sentences.</summary>
    private static byte[] ControlCharacters(string text) =>
        Encoding.UTF8.GetBytes(text.Replace(". ", ".\u0001\u0007\u001B[31m\u007F\u200B\u202E\u202C\f\v ", StringComparison.Ordinal));

    private static byte[] GzipBomb(int decodedBytes, byte[]? prefix = null)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            if (prefix is not null)
                gzip.Write(prefix);
            var block = new byte[MiB];
            Array.Fill(block, (byte)'a');
            for (var written = 0; written < decodedBytes; written += block.Length)
                gzip.Write(block, 0, Math.Min(block.Length, decodedBytes - written));
        }
        return output.ToArray();
    }

    private static IEnumerable<byte[]> MillionLineFeed()
    {
        yield return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>flood</title>\n"u8.ToArray();
        var line = "<item><guid>x</guid><title>spam</title><link>http://127.0.0.1/x</link></item>\n"u8.ToArray();
        for (var batch = 0; batch < 1000; batch++)
            yield return [.. Enumerable.Range(0, 1000).SelectMany(_ => line)];
        yield return "</channel></rss>"u8.ToArray();
    }
}
