using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Pipeline.Application.Fetching.Http;

namespace Pipeline.Application.Fetching.Sources;

/// <summary>
/// RSS 2.0, RSS 1.0 (RDF) and Atom, read with a streaming XmlReader: no DTD processing and no
/// external resolution (no entity bombs, no XXE), at most <see cref="MaxEntries"/> entries, each
/// parsed on its own so a huge feed never becomes one huge tree.
/// </summary>
public static class FeedReader
{
    public const int MaxEntries = 10_000;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CheckCharacters = false, // real feeds carry stray control characters
        CloseInput = true,
    };

    public static IReadOnlyList<SourceItem> Read(byte[] body, Uri feedUrl)
    {
        var items = new List<SourceItem>();
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), Settings);
            reader.MoveToContent();
            if (reader.LocalName is not ("rss" or "feed" or "RDF"))
                throw new FeedFormatException($"not an RSS or Atom feed: the document is <{reader.LocalName}>");
            while (!reader.EOF && items.Count < MaxEntries)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "item" or "entry")
                {
                    if (ToItem((XElement)XNode.ReadFrom(reader), feedUrl) is { } item)
                        items.Add(item);
                }
                else
                {
                    reader.Read();
                }
            }
        }
        catch (XmlException e)
        {
            throw new FeedFormatException($"not an RSS or Atom feed: {e.Message}", e);
        }
        return items;
    }

    private static SourceItem? ToItem(XElement entry, Uri feedUrl)
    {
        var link = Link(entry, feedUrl);
        var id = Child(entry, "guid") ?? Child(entry, "id") ?? (string?)entry.Attributes().FirstOrDefault(a => a.Name.LocalName == "about");
        var key = id ?? (link is null ? null : SafeUrl.Display(link));
        if (key is null)
            return null;
        var updated = Child(entry, "updated");
        var published = Date(Child(entry, "pubDate") ?? Child(entry, "published") ?? Child(entry, "date") ?? updated);
        var inline = link is null ? Child(entry, "encoded") ?? Child(entry, "content") : null;
        return new SourceItem(updated is null ? key : $"{key}@{updated}", link, Child(entry, "title"), published, inline);
    }

    private static Uri? Link(XElement entry, Uri feedUrl)
    {
        // Atom: <link href rel="alternate">; RSS: <link>text</link>; else a permalink guid.
        var atom = entry.Elements().Where(e => e.Name.LocalName == "link" && e.Attribute("href") is not null)
            .FirstOrDefault(e => (string?)e.Attribute("rel") is null or "alternate");
        var candidate = (string?)atom?.Attribute("href") ?? Child(entry, "link");
        if (candidate is null)
        {
            // A permalink guid counts only when it is an absolute URL (many feeds leave isPermaLink at its default).
            var guid = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "guid" && (string?)e.Attribute("isPermaLink") != "false")?.Value.Trim();
            candidate = Uri.TryCreate(guid, UriKind.Absolute, out _) ? guid : null;
        }
        if (string.IsNullOrWhiteSpace(candidate) || !Uri.TryCreate(feedUrl, candidate.Trim(), out var uri) || !SafeUrl.IsWeb(uri))
            return null;
        return SafeUrl.Clean(uri);
    }

    private static string? Child(XElement entry, string localName) =>
        entry.Elements().FirstOrDefault(e => e.Name.LocalName == localName && !e.HasElements && e.Value.Trim().Length > 0)?.Value.Trim();

    private static DateOnly? Date(string? text)
    {
        if (text is null)
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return DateOnly.FromDateTime(parsed.UtcDateTime);
        // RFC 822 with a zone name .NET does not know ("Tue, 02 Apr 2024 09:30:00 EST"): the date part is enough.
        var withoutZone = text[..Math.Max(0, text.LastIndexOf(' '))];
        return DateTimeOffset.TryParse(withoutZone, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed)
            ? DateOnly.FromDateTime(parsed.UtcDateTime)
            : null;
    }
}
