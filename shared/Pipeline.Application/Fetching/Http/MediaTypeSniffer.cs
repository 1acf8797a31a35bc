using Pipeline.Infrastructure.Documents;

namespace Pipeline.Application.Fetching.Http;

/// <summary>
/// The media type a fetched document is stored as: the declared Content-Type when it names a type we
/// read; for the generic binary types servers use for downloads, what the bytes or the URL's
/// extension say. Anything else keeps its declared type and is rejected by the ingestor.
/// </summary>
internal static class MediaTypeSniffer
{
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "", "application/octet-stream", "binary/octet-stream", "application/download",
        "application/x-download", "application/force-download", "application/unknown",
    };

    public static string Resolve(string? contentType, Uri url, ReadOnlySpan<byte> body)
    {
        var declared = contentType is null ? "" : MediaTypes.Normalise(contentType);
        if (!Generic.Contains(declared))
            return declared;
        if (body.StartsWith("%PDF-"u8))
            return MediaTypes.Pdf;
        if (MediaTypes.FromFileName(url.AbsolutePath) is { } byExtension)
            return byExtension;
        return LooksLikeHtml(body) ? MediaTypes.Html : declared.Length > 0 ? declared : "application/octet-stream";
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        var head = System.Text.Encoding.ASCII.GetString(body[..Math.Min(body.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }
}
