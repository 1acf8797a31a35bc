using System.Diagnostics;
using System.Text;
using Pipeline.Infrastructure.Documents;

namespace Pipeline.Infrastructure.Tests.Documents;

/// <summary>
/// Pathological HTML is refused or read in bounded time: AngleSharp's tree building is quadratic in
/// nesting depth, so depth is estimated before parsing, and parsing has a time budget.
/// </summary>
public sealed class HtmlNestingTests
{
    private readonly DocumentReader _reader = new();

    private static byte[] Nested(string open, string close, int depth)
    {
        var html = new StringBuilder("<html><body><p>Meta removed 12 Facebook accounts linked to Iran.</p>");
        for (var i = 0; i < depth; i++)
            html.Append(open);
        html.Append("Deep text.");
        for (var i = 0; i < depth; i++)
            html.Append(close);
        return Encoding.UTF8.GetBytes(html.Append("</body></html>").ToString());
    }

    [Theory]
    [InlineData("<div>", "</div>")]
    [InlineData("<span class=\"x\">", "")] // never closed: the parser nests them all the same
    [InlineData("<ul><li>", "")]
    public void Nesting_a_hundred_thousand_levels_deep_is_refused_at_once(string open, string close)
    {
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<MalformedDocumentException>(() => _reader.Read("deep.html", MediaTypes.Html, Nested(open, close, 100_000)));

        Assert.Contains($"more than {HtmlText.MaxNesting:N0} levels deep", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
    }

    [Fact]
    public void Deep_but_plausible_nesting_is_read()
    {
        var text = _reader.Read("deep.html", MediaTypes.Html, Nested("<div>", "</div>", HtmlText.MaxNesting - 10));

        Assert.Contains("removed 12 Facebook accounts", text.Body);
    }

    [Theory]
    [InlineData("<p>x</p><br><img src=a><li>y", 0)] // void and implied-end elements do not nest
    [InlineData("<div><div></div><div><span>x</span></div></div>", 3)]
    [InlineData("<!-- <div><div><div> --><div></div>", 1)]
    [InlineData("<script>for (i = 0; i < n; i++) document.write('<div><div>')</script><div></div>", 1)]
    [InlineData("<svg><path d='M0'/><path d='M1'/></svg>", 1)]
    public void Nesting_is_estimated_without_parsing(string html, int depth) =>
        Assert.Equal(depth, HtmlText.NestingDepth(html, stopAt: 100));

    [Fact]
    public void Many_siblings_are_read_in_linear_time()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<p>Meta removed 12 accounts.</p>", 50_000)) + "</body></html>";
        var clock = Stopwatch.StartNew();

        var text = _reader.Read("wide.html", MediaTypes.Html, Encoding.UTF8.GetBytes(html));

        Assert.StartsWith("Meta removed 12 accounts.", text.Body);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
    }
}
