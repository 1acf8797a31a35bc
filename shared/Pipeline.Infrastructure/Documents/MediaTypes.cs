namespace Pipeline.Infrastructure.Documents;

public static class MediaTypes
{
    public const string Text = "text/plain";
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";
    public const string Pdf = "application/pdf";

    /// <summary>File extensions the folder source picks up, with the media type each is read as.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByExtension =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".txt"] = Text,
            [".md"] = Markdown,
            [".markdown"] = Markdown,
            [".html"] = Html,
            [".htm"] = Html,
            [".pdf"] = Pdf,
        };

    public static string? FromFileName(string path) =>
        ByExtension.TryGetValue(Path.GetExtension(path), out var type) ? type : null;

    /// <summary>Normalises a Content-Type header value ("text/html; charset=utf-8" → "text/html").</summary>
    public static string Normalise(string contentType) =>
        contentType.Split(';', 2)[0].Trim().ToLowerInvariant() switch
        {
            "application/xhtml+xml" => Html,
            "text/x-markdown" => Markdown,
            var other => other,
        };
}
