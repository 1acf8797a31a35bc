using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Pipeline.Application.Fetching.Http;

namespace Pipeline.Application.Fetching.Sources;

/// <summary>
/// The report links of an HTML index page: the elements a CSS selector picks, resolved against the
/// page. Parsing gets a time budget: AngleSharp's tree building is quadratic in nesting depth, so a
/// page of a few MB of nested tags would otherwise hold a poll for hours.
/// </summary>
public static class IndexPageLinks
{
    public const int MaxLinks = 2_000;
    private const int MaxTitle = 300;

    public static async Task<IReadOnlyList<SourceItem>> ReadAsync(byte[] body, Uri pageUrl, string? selector, TimeSpan parseBudget, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(parseBudget);
        IHtmlDocument parsed;
        try
        {
            parsed = await new HtmlParser().ParseDocumentAsync(new MemoryStream(body), budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FeedFormatException($"the index page took longer than {parseBudget.TotalSeconds:0.#} s to parse (pathologically nested HTML?)");
        }
        using var document = parsed;
        IHtmlCollection<IElement> picked;
        try
        {
            picked = document.QuerySelectorAll(string.IsNullOrWhiteSpace(selector) ? SourceOptions.DefaultLinkSelector : selector);
        }
        catch (DomException e)
        {
            throw new FeedFormatException($"link selector '{selector}' is not valid CSS: {e.Message}", e);
        }

        var baseUrl = document.QuerySelector("base[href]")?.GetAttribute("href") is { } href && Uri.TryCreate(pageUrl, href, out var b) ? b : pageUrl;
        var links = new List<SourceItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in picked)
        {
            var anchor = element.HasAttribute("href") ? element : element.QuerySelector("a[href]");
            if (anchor?.GetAttribute("href") is not { } target || !Uri.TryCreate(baseUrl, target.Trim(), out var uri) || !SafeUrl.IsWeb(uri))
                continue; // mailto:, javascript:, malformed
            uri = SafeUrl.Clean(uri);
            if (uri == SafeUrl.Clean(pageUrl) || !seen.Add(uri.AbsoluteUri))
                continue;
            links.Add(new SourceItem(SafeUrl.Display(uri), uri, Title(element)));
            if (links.Count >= MaxLinks)
                break;
        }
        return links;
    }

    private static string? Title(IElement element)
    {
        var text = string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? null : text.Length <= MaxTitle ? text : text[..MaxTitle];
    }
}
