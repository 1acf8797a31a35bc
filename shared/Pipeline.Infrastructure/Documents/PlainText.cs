namespace Pipeline.Infrastructure.Documents;

/// <summary>Text and Markdown: the title is the first non-empty line, minus Markdown heading marks.</summary>
internal static class PlainText
{
    public static (string? Title, string Body, DateOnly? PublishedOn) Extract(string text)
    {
        var body = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        string? title = null;
        foreach (var line in body.Split('\n'))
        {
            var trimmed = line.Trim().TrimStart('#').Trim();
            if (trimmed.Length == 0)
                continue;
            title = trimmed.Length > 300 ? trimmed[..300] : trimmed;
            break;
        }
        return (title, body, null);
    }
}
