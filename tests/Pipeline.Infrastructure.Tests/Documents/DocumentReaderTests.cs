using System.Text;
using Pipeline.Infrastructure.Documents;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Pipeline.Infrastructure.Tests.Documents;

public sealed class DocumentReaderTests
{
    private readonly DocumentReader _reader = new();

    [Fact]
    public void Html_keeps_the_article_and_drops_page_furniture()
    {
        const string html = """
            <html><head><title>Site | Story</title><meta property="article:published_time" content="2020-09-01T10:00:00Z"></head>
            <body>
              <nav><a href="/">Home</a> <a href="/world">World 12 stories</a></nav>
              <div id="cookie-consent">We use 3 cookies. <button>Accept</button></div>
              <article>
                <header><h1>Network removed</h1><p class="byline">By a reporter</p></header>
                <p>The company said it removed 13 accounts and two Pages.</p>
                <aside class="related">Related: 400 accounts removed last year</aside>
                <p>The network targeted readers in the United States.</p>
              </article>
              <footer>Copyright 2020, 99 rights</footer>
            </body></html>
            """;

        var text = _reader.Read("story.html", MediaTypes.Html, Encoding.UTF8.GetBytes(html));

        Assert.Equal("Network removed", text.Title);
        Assert.Equal(new DateOnly(2020, 9, 1), text.PublishedOn);
        Assert.Contains("removed 13 accounts and two Pages.", text.Body);
        Assert.Contains("targeted readers in the United States.", text.Body);
        Assert.DoesNotContain("cookies", text.Body);
        Assert.DoesNotContain("400 accounts", text.Body);
        Assert.DoesNotContain("Copyright", text.Body);
        Assert.DoesNotContain("World 12", text.Body);
        // Paragraphs stay apart: the extractor reads blank lines as paragraph breaks.
        Assert.Contains("Pages.\n\nThe network", text.Body);
    }

    [Fact]
    public void Pdf_text_is_read_in_order()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText("Threat report, August 2018", 14, new PdfPoint(40, 780), font);
        page.AddText("We removed 652 Pages, groups and accounts.", 11, new PdfPoint(40, 750), font);
        page.AddText("The activity originated in Iran.", 11, new PdfPoint(40, 735), font);

        var text = _reader.Read("report.pdf", MediaTypes.Pdf, builder.Build());

        Assert.Contains("We removed 652 Pages, groups and accounts.", text.Body);
        Assert.True(text.Body.IndexOf("652", StringComparison.Ordinal) < text.Body.IndexOf("Iran", StringComparison.Ordinal));
        Assert.Equal("Threat report, August 2018", text.Title);
    }

    [Theory]
    [InlineData(MediaTypes.Pdf, "this is plain text pretending to be a PDF", "not a PDF")]
    [InlineData(MediaTypes.Pdf, "%PDF-1.7\n garbage without objects", "unreadable PDF")]
    [InlineData(MediaTypes.Text, "", "empty document")]
    [InlineData(MediaTypes.Text, "   \n\t  ", "no text")]
    [InlineData("image/png", "PNG", "unsupported media type")]
    public void Unreadable_documents_are_malformed_with_a_reason(string mediaType, string content, string reason)
    {
        var error = Assert.Throws<MalformedDocumentException>(() => _reader.Read("x", mediaType, Encoding.UTF8.GetBytes(content)));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Binary_content_is_not_text()
    {
        var garbage = new byte[4096];
        new Random(3).NextBytes(garbage);
        garbage[10] = 0;
        Assert.Throws<MalformedDocumentException>(() => _reader.Read("x.txt", MediaTypes.Text, garbage));
    }

    [Fact]
    public void Latin1_text_is_decoded_and_control_characters_dropped()
    {
        var bytes = Encoding.Latin1.GetBytes("Caf\u00e9 network\u0007 removed 5 accounts.\u001b");
        var text = _reader.Read("x.txt", MediaTypes.Text, bytes);
        Assert.Equal("Café network removed 5 accounts.", text.Body);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_decoded()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Twitter suspended 284 accounts.")).ToArray();
        Assert.Equal("Twitter suspended 284 accounts.", _reader.Read("x.txt", MediaTypes.Text, bytes).Body);
    }
}
