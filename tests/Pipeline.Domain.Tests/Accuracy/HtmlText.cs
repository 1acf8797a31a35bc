using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Domain.Tests.Accuracy;

/// <summary>
/// A test-only HTML-to-text reduction (the product's converter lives in infrastructure): drops page
/// furniture — navigation, page headers and footers, scripts, styles, asides, cookie and consent banners,
/// related-story boxes — and keeps the title and the article's blocks (its own header with headline and
/// date included) as lines.
/// </summary>
internal static partial class HtmlText
{
    private static readonly HashSet<string> DroppedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "nav", "script", "style", "aside", "form", "noscript", "svg", "button", "iframe",
    };

    /// <summary>Page headers and footers are furniture; an article's own header holds its headline and date.</summary>
    private static readonly HashSet<string> PageFrameTags = new(StringComparer.OrdinalIgnoreCase) { "header", "footer" };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "br", "title", "blockquote", "figcaption", "dd", "dt", "time",
    };

    private static readonly HashSet<string> VoidTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "img", "input", "meta", "link", "hr", "source", "wbr",
    };

    [GeneratedRegex("<!--.*?-->|<(?<close>/)?(?<tag>[a-zA-Z][a-zA-Z0-9]*)(?<attrs>[^>]*)>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex("""(?:class|id)\s*=\s*["'][^"']*(?:cookie|consent|gdpr|privacy|cmp-|newsletter|related|recommended|sidebar|share|ad-slot|banner|more-stories|trending|further)[^"']*["']""", RegexOptions.IgnoreCase)]
    private static partial Regex FurnitureAttribute();

    [GeneratedRegex("""(?:class|id)\s*=\s*["'][^"']*(?:header|footer|hdr|ftr|menu|masthead|nav|rail|topic-bar|live-strip)[^"']*["']""", RegexOptions.IgnoreCase)]
    private static partial Regex PageFrameAttribute();

    [GeneratedRegex("[ \\t\\u00A0]+")]
    private static partial Regex Spaces();

    public static string ToText(string html)
    {
        var text = new StringBuilder(html.Length / 2);
        var skip = new Stack<string>(); // open furniture elements, innermost last
        var pos = 0;
        var inHead = false;
        var inTitle = false;
        var articleDepth = 0;
        foreach (Match m in Tag().Matches(html))
        {
            if (skip.Count == 0 && (!inHead || inTitle))
                text.Append(WebUtility.HtmlDecode(html[pos..m.Index]));
            pos = m.Index + m.Length;
            if (!m.Groups["tag"].Success)
                continue; // a comment
            var tag = m.Groups["tag"].Value;
            var closing = m.Groups["close"].Success;
            if (tag.Equals("head", StringComparison.OrdinalIgnoreCase))
                inHead = !closing;
            if (tag.Equals("title", StringComparison.OrdinalIgnoreCase))
                inTitle = !closing;
            if (tag.Equals("article", StringComparison.OrdinalIgnoreCase) && skip.Count == 0)
                articleDepth += closing ? -1 : 1;
            if (skip.Count > 0)
            {
                if (VoidTags.Contains(tag) || m.Groups["attrs"].Value.EndsWith('/'))
                    continue;
                if (!closing)
                    skip.Push(tag);
                else if (skip.Peek().Equals(tag, StringComparison.OrdinalIgnoreCase))
                    skip.Pop();
                continue;
            }
            var attrs = m.Groups["attrs"].Value;
            var pageFrame = articleDepth <= 0 && (PageFrameTags.Contains(tag) || PageFrameAttribute().IsMatch(attrs));
            if (!closing && !VoidTags.Contains(tag) && (DroppedTags.Contains(tag) || pageFrame || FurnitureAttribute().IsMatch(attrs)))
            {
                skip.Push(tag);
                continue;
            }
            if (BlockTags.Contains(tag))
                text.Append('\n');
        }
        if (skip.Count == 0)
            text.Append(WebUtility.HtmlDecode(html[pos..]));
        var lines = text.ToString().Split('\n')
            .Select(l => Spaces().Replace(l, " ").Trim())
            .Where(l => l.Length > 0);
        return string.Join("\n\n", lines);
    }
}
