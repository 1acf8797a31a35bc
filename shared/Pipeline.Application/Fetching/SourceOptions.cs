namespace Pipeline.Application.Fetching;

public enum SourceKind
{
    /// <summary>An RSS or Atom feed; each item's link is fetched.</summary>
    Feed,
    /// <summary>An HTML page listing reports; links matching <see cref="SourceOptions.LinkSelector"/> are fetched.</summary>
    IndexPage,
    /// <summary>One document, fetched again each poll (conditionally); a change becomes a new version.</summary>
    Url,
    /// <summary>A local directory of .txt, .md, .html and .pdf files.</summary>
    Folder,
}

/// <summary>One entry of "Fetch:Sources".</summary>
public sealed class SourceOptions
{
    public const string DefaultLinkSelector = "a[href]";

    /// <summary>Unique id (letters, digits, '.', '_', '-'): keys the source's checkpoint and appears in logs.</summary>
    public string Name { get; set; } = "";

    public SourceKind Kind { get; set; }

    /// <summary>Feed, IndexPage, Url: the http(s) address, without credentials.</summary>
    public string? Url { get; set; }

    /// <summary>Folder: the directory.</summary>
    public string? Path { get; set; }

    /// <summary>IndexPage: CSS selector of the report links (an element with href, or containing an a[href]).</summary>
    public string? LinkSelector { get; set; }

    /// <summary>Optional regex: only feed items / links whose title or URL matches are taken (newsroom feeds carry much else).</summary>
    public string? ItemFilter { get; set; }

    /// <summary>The platform the reports are about (e.g. "facebook"); descriptive.</summary>
    public string? Platform { get; set; }

    /// <summary>Who publishes the reports (e.g. "Meta"); descriptive.</summary>
    public string? Publisher { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Lets this source's own origin (host and port; on a default port, both 80 and 443) resolve to
    /// loopback, link-local or private addresses (an intranet mirror, the tests' local server). Links and
    /// redirects to any other non-public host, or another port of the same one, stay refused.
    /// </summary>
    public bool AllowPrivateNetwork { get; set; }

    /// <summary>Overrides Fetch:PollInterval for this source.</summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Overrides Fetch:MaxItemsPerPoll for this source.</summary>
    public int? MaxItems { get; set; }

    public bool IsWeb => Kind is SourceKind.Feed or SourceKind.IndexPage or SourceKind.Url;
}
