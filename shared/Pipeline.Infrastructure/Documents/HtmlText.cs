using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Pipeline.Infrastructure.Documents;

/// <summary>
/// Reduces an HTML page to its article text: navigation, cookie banners, related-story rails and
/// footers are dropped, the &lt;article&gt; (or main content) is kept, block elements become lines.
/// </summary>
internal static class HtmlText
{
    private static readonly string[] DroppedTags =
        ["script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form", "iframe", "button", "select", "dialog"];

    private static readonly string[] DroppedRoles = ["navigation", "banner", "contentinfo", "dialog", "complementary", "search"];

    // Class/id fragments that mark page furniture rather than the article.
    private static readonly string[] NoiseMarkers =
        ["cookie", "consent", "gdpr", "newsletter", "subscribe", "related", "share", "social", "breadcrumb", "menu", "sidebar", "advert", "promo", "masthead", "site-header", "site-footer", "skip-link"];

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "table", "tr", "blockquote", "pre", "br", "hr", "dd", "dt", "dl", "figcaption", "figure", "caption", "address",
    };

    /// <summary>Element depth past which content is ignored: defends against pathological nesting.</summary>
    private const int MaxDepth = 512;

    /// <summary>
    /// Nesting past which a page is refused before it is parsed. AngleSharp's tree building is
    /// quadratic in depth (100,000 nested divs hold a core for over two minutes), and text deeper
    /// than <see cref="MaxDepth"/> is ignored anyway; real pages nest a few dozen levels.
    /// </summary>
    internal const int MaxNesting = 4 * MaxDepth;

    /// <summary>Backstop for pathological markup the nesting estimate misses: parsing is given up after this long.</summary>
    internal static readonly TimeSpan ParseBudget = TimeSpan.FromSeconds(10);

    /// <summary>Elements that never hold others: void elements, and those whose end tag the parser implies at the next sibling.</summary>
    private static readonly HashSet<string> NonNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption",
        "rb", "rt", "rp", "html", "head", "body",
    };

    /// <summary>Elements whose content is text, not markup: skipped by the nesting estimate.</summary>
    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "noembed", "noframes",
    };

    public static (string? Title, string Body, DateOnly? PublishedOn) Extract(string html)
    {
        if (NestingDepth(html, MaxNesting) > MaxNesting)
            throw new MalformedDocumentException($"HTML nests elements more than {MaxNesting:N0} levels deep");
        using var document = Parse(html);

        var published = PublishedDate(document);
        RemoveNoise(document);

        var root = ContentRoot(document);
        var title = FirstText(root.QuerySelector("h1")) ?? FirstText(document.QuerySelector("title"))
            ?? document.QuerySelector("meta[property='og:title']")?.GetAttribute("content");
        return (title?.Trim(), Flatten(root), published);
    }

    private static IDocument Parse(string html)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var budget = new CancellationTokenSource(ParseBudget);
        try
        {
            // The asynchronous parse, for its cancellation checks: over a string it runs on this thread.
            return parser.ParseDocumentAsync(html, budget.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new MalformedDocumentException($"HTML took longer than {ParseBudget.TotalSeconds:0} s to parse (pathological markup)");
        }
    }

    /// <summary>
    /// How deeply the markup nests elements, estimated in one pass without parsing (counting stops
    /// past <paramref name="stopAt"/>). Comments and raw-text elements are skipped; "/&gt;" closes (as
    /// in SVG), so the estimate errs low, never high, on real pages; the parse budget covers the rest.
    /// </summary>
    internal static int NestingDepth(string html, int stopAt)
    {
        var nonNesting = NonNesting.GetAlternateLookup<ReadOnlySpan<char>>();
        var rawText = RawText.GetAlternateLookup<ReadOnlySpan<char>>();
        int depth = 0, max = 0, i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            if (html.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal))
            {
                var commentEnd = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (commentEnd < 0)
                    break;
                i = commentEnd + 3;
                continue;
            }
            var closing = i + 1 < html.Length && html[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
                nameEnd++;
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i++; // "<" in text, "<!doctype", "<?xml"
                continue;
            }
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0)
                break;
            var name = html.AsSpan(nameStart, nameEnd - nameStart);
            if (closing)
            {
                if (!nonNesting.Contains(name))
                    depth = Math.Max(0, depth - 1);
            }
            else if (rawText.Contains(name))
            {
                // Skip the content and its end tag: a "<div>" inside a script is text.
                var contentEnd = html.IndexOf("</" + name.ToString(), tagEnd, StringComparison.OrdinalIgnoreCase);
                var endTagEnd = contentEnd < 0 ? -1 : html.IndexOf('>', contentEnd);
                if (endTagEnd < 0)
                    break;
                tagEnd = endTagEnd;
            }
            else if (!nonNesting.Contains(name) && html[tagEnd - 1] != '/' && ++depth > max)
            {
                max = depth;
                if (max > stopAt)
                    return max;
            }
            i = tagEnd + 1;
        }
        return max;
    }

    private static void RemoveNoise(IDocument document)
    {
        var doomed = new List<IElement>();
        foreach (var element in document.All)
        {
            if (DroppedTags.Contains(element.LocalName) ||
                (element.GetAttribute("role") is { } role && DroppedRoles.Contains(role)) ||
                element.HasAttribute("hidden") ||
                element.GetAttribute("aria-hidden") == "true" ||
                LooksLikeNoise(element))
                doomed.Add(element);
        }
        foreach (var element in doomed)
            element.Remove();
    }

    private static bool LooksLikeNoise(IElement element)
    {
        if (element.LocalName is "article" or "main" or "body" or "html")
            return false;
        var marker = (element.Id + " " + element.ClassName).ToLowerInvariant();
        return marker.Length > 1 && NoiseMarkers.Any(marker.Contains);
    }

    private static IElement ContentRoot(IDocument document)
    {
        // Several <article>s: take the one with the most text (the story, not teaser cards).
        var article = document.QuerySelectorAll("article")
            .OrderByDescending(a => a.TextContent.Length)
            .FirstOrDefault();
        return article
            ?? document.QuerySelector("main")
            ?? document.QuerySelector("[role=main]")
            ?? document.Body
            ?? document.DocumentElement;
    }

    private static string? FirstText(IElement? element)
    {
        var text = element?.TextContent.Trim();
        return string.IsNullOrEmpty(text) ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Iterative walk (no recursion, so deep nesting cannot overflow the stack).</summary>
    private static string Flatten(IElement root)
    {
        var text = new StringBuilder();
        var stack = new Stack<(INode Node, int Depth, bool Closing)>();
        stack.Push((root, 0, false));
        while (stack.Count > 0)
        {
            var (node, depth, closing) = stack.Pop();
            if (closing)
            {
                text.Append('\n');
                continue;
            }
            if (node is IText textNode)
            {
                AppendCollapsed(text, textNode.Data);
                continue;
            }
            if (node is not IElement element || depth > MaxDepth)
                continue;
            var block = BlockTags.Contains(element.LocalName);
            if (block)
            {
                text.Append('\n');
                stack.Push((element, depth, true));
            }
            else if (element.LocalName is "td" or "th")
            {
                text.Append(" | ");
            }
            // By index: AngleSharp's PreviousSibling searches the parent's child list, quadratic over many siblings.
            var children = element.ChildNodes;
            for (var index = children.Length - 1; index >= 0; index--)
                stack.Push((children[index], depth + 1, false));
        }
        return NormaliseLines(text.ToString());
    }

    private static void AppendCollapsed(StringBuilder text, string data)
    {
        var previousSpace = text.Length > 0 && char.IsWhiteSpace(text[^1]);
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!previousSpace)
                    text.Append(' ');
                previousSpace = true;
            }
            else
            {
                text.Append(c);
                previousSpace = false;
            }
        }
    }

    /// <summary>One block per paragraph, separated by a blank line: the extractor reads blank lines as paragraph breaks.</summary>
    private static string NormaliseLines(string raw)
    {
        var lines = raw.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && l != "|");
        return string.Join("\n\n", lines);
    }

    private static DateOnly? PublishedDate(IDocument document)
    {
        var candidates = new[]
        {
            document.QuerySelector("meta[property='article:published_time']")?.GetAttribute("content"),
            document.QuerySelector("meta[name='date']")?.GetAttribute("content"),
            document.QuerySelector("meta[itemprop='datePublished']")?.GetAttribute("content"),
            document.QuerySelector("article time[datetime]")?.GetAttribute("datetime"),
            document.QuerySelector("time[datetime]")?.GetAttribute("datetime"),
        };
        foreach (var value in candidates)
        {
            if (value is not null && value.Length >= 10 &&
                DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
        }
        return null;
    }
}
