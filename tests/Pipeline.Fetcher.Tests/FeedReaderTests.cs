using System.Text;
using Pipeline.Application.Fetching.Sources;
using Pipeline.Fetcher.Tests.Support;

namespace Pipeline.Fetcher.Tests;

/// <summary>RSS 2.0, RSS 1.0 and Atom parsing, and what is not a feed.</summary>
public sealed class FeedReaderTests
{
    private static readonly Uri FeedUrl = new("https://example.org/news/feed/");

    [Fact]
    public void Rss_items_give_key_link_title_and_date()
    {
        var xml = Documents.Rss(
            new FeedEntry("Q1 Adversarial Threat Report", "https://example.org/news/2024/05/q1/", "post-1", "Wed, 29 May 2024 16:00:00 +0000"),
            new FeedEntry("Relative link", "/news/2024/06/cib/", null, "Tue, 02 Apr 2024 09:30:00 EST"));

        var items = FeedReader.Read(Encoding.UTF8.GetBytes(xml), FeedUrl);

        Assert.Equal(2, items.Count);
        Assert.Equal("post-1", items[0].Key);
        Assert.Equal("Q1 Adversarial Threat Report", items[0].Title);
        Assert.Equal(new DateOnly(2024, 5, 29), items[0].PublishedOn);
        Assert.Equal("https://example.org/news/2024/06/cib/", items[1].Link!.AbsoluteUri); // resolved against the feed
        Assert.Equal("https://example.org/news/2024/06/cib/", items[1].Key);             // no guid: the link is the key
        Assert.Equal(new DateOnly(2024, 4, 2), items[1].PublishedOn);                     // unknown zone name tolerated
    }

    [Fact]
    public void Atom_entries_use_the_alternate_link_and_key_on_id_and_update()
    {
        var xml = Documents.Atom(new FeedEntry("TAG Bulletin: Q2 2024", "https://example.org/tag-bulletin-q2-2024/", "urn:post:9",
            "2024-07-01T10:00:00Z", Updated: "2024-07-03T08:00:00Z"));

        var item = Assert.Single(FeedReader.Read(Encoding.UTF8.GetBytes(xml), FeedUrl));

        Assert.Equal("urn:post:9@2024-07-03T08:00:00Z", item.Key);
        Assert.Equal("https://example.org/tag-bulletin-q2-2024/", item.Link!.AbsoluteUri);
        Assert.Equal(new DateOnly(2024, 7, 1), item.PublishedOn);
    }

    [Fact]
    public void Rss_1_rdf_items_are_read()
    {
        const string xml = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://example.org/"><title>Lab</title></channel>
              <item rdf:about="https://example.org/report-a"><title>Report A</title><link>https://example.org/report-a</link><dc:date>2023-11-20</dc:date></item>
            </rdf:RDF>
            """;

        var item = Assert.Single(FeedReader.Read(Encoding.UTF8.GetBytes(xml), FeedUrl));

        Assert.Equal("https://example.org/report-a", item.Key);
        Assert.Equal(new DateOnly(2023, 11, 20), item.PublishedOn);
    }

    [Fact]
    public void An_entry_without_a_link_carries_its_content()
    {
        const string xml = """
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
              <item><guid>n-1</guid><title>Notice</title><content:encoded><![CDATA[<p>We removed 12 accounts.</p>]]></content:encoded></item>
            </channel></rss>
            """;

        var item = Assert.Single(FeedReader.Read(Encoding.UTF8.GetBytes(xml), FeedUrl));

        Assert.Null(item.Link);
        Assert.Equal("<p>We removed 12 accounts.</p>", item.InlineHtml);
    }

    [Theory]
    [InlineData("<!doctype html><html><body><p>Not a feed</p></body></html>", "not an RSS or Atom feed")]
    [InlineData("{\"items\": []}", "not an RSS or Atom feed")]
    [InlineData("<html><body><p>unclosed", "not an RSS or Atom feed")]
    public void What_is_not_a_feed_says_so(string body, string message)
    {
        var error = Assert.Throws<FeedFormatException>(() => FeedReader.Read(Encoding.UTF8.GetBytes(body), FeedUrl));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Entity_expansion_is_never_performed()
    {
        // The "billion laughs": with DTD processing off, the entity is never defined, let alone expanded.
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <rss version="2.0"><channel><item><guid>x</guid><title>&c;</title><link>https://example.org/x</link></item></channel></rss>
            """;

        var error = Record.Exception(() => FeedReader.Read(Encoding.UTF8.GetBytes(xml), FeedUrl));

        Assert.True(error is null or FeedFormatException, error?.ToString());
    }
}
