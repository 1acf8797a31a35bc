using System.IO.Compression;
using System.Net;
using System.Text;

namespace Pipeline.Fetcher.Tests.Support;

/// <summary>Payloads the loopback server hands out.</summary>
internal static class Documents
{
    public static string ReportPage(string title, string text) =>
        $"<!doctype html><html><head><title>{title}</title></head><body><nav><a href=\"/\">Home</a></nav>"
        + $"<article><h1>{title}</h1><p>{text}</p></article><footer>Cookies</footer></body></html>";

    public static string Rss(params FeedEntry[] entries) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Newsroom</title><link>https://example.org/</link>"
        + string.Concat(entries.Select(e =>
            $"<item><title>{WebUtility.HtmlEncode(e.Title)}</title><link>{WebUtility.HtmlEncode(e.Link)}</link>"
            + (e.Guid is null ? "" : $"<guid isPermaLink=\"false\">{e.Guid}</guid>")
            + (e.PubDate is null ? "" : $"<pubDate>{e.PubDate}</pubDate>") + "</item>"))
        + "</channel></rss>";

    public static string Atom(params FeedEntry[] entries) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Blog</title><id>urn:blog</id>"
        + string.Concat(entries.Select(e =>
            $"<entry><title>{WebUtility.HtmlEncode(e.Title)}</title><id>{e.Guid}</id><link rel=\"alternate\" href=\"{WebUtility.HtmlEncode(e.Link)}\"/>"
            + (e.Updated is null ? "" : $"<updated>{e.Updated}</updated>")
            + (e.PubDate is null ? "" : $"<published>{e.PubDate}</published>") + "</entry>"))
        + "</feed>";

    /// <summary>Not a real PDF, but it starts like one: the fetcher stores PDFs unread.</summary>
    public static byte[] Pdf(string text) => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");

    /// <summary>A small gzip body that inflates to <paramref name="decodedBytes"/> zeros.</summary>
    public static byte[] GzipBomb(int decodedBytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var written = 0; written < decodedBytes; written += zeros.Length)
                gzip.Write(zeros, 0, Math.Min(zeros.Length, decodedBytes - written));
        }
        return output.ToArray();
    }
}

internal sealed record FeedEntry(string Title, string Link, string? Guid = null, string? PubDate = null, string? Updated = null);
