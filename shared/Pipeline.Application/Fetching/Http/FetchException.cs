namespace Pipeline.Application.Fetching.Http;

/// <summary>
/// A request that did not produce a usable response. <see cref="Permanent"/> failures (refused
/// address, 404, bad redirect) will fail the same way next time; transient ones (5xx after retries,
/// timeouts, open circuit) are tried again next poll. <see cref="Code"/> is one of
/// <see cref="FetchFailures"/>, short and bounded, for metric tags. Messages never contain credentials.
/// </summary>
public sealed class FetchException(string message, bool permanent, string code, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;

    public string Code { get; } = code;
}

/// <summary>
/// Why the fetcher gave up on a document: the <c>reason</c> tag of <c>pipeline.reports.failed</c>
/// for stage <c>fetch</c>. A fixed set (HTTP statuses as <c>http_404</c> etc.), never free text.
/// </summary>
public static class FetchFailures
{
    /// <summary>Over Fetch:MaxDocumentBytes (declared, streamed, decompressed, or the file's size).</summary>
    public const string TooLarge = "too_large";
    /// <summary>A content type the extractor cannot read.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";
    /// <summary>The network guard refused a non-public address (directly or after a redirect).</summary>
    public const string NetworkRefused = "network_refused";
    /// <summary>A redirect without a Location, or to a scheme other than http(s).</summary>
    public const string RedirectRefused = "redirect_refused";
    public const string TooManyRedirects = "too_many_redirects";
    /// <summary>No response, or no whole body, within the configured time.</summary>
    public const string Timeout = "timeout";
    public const string CircuitOpen = "circuit_open";
    /// <summary>The fetcher's own per-host rate limiter had no room.</summary>
    public const string RateLimited = "rate_limited";
    public const string ConnectionFailed = "connection_failed";
    /// <summary>A body that cannot be decoded (corrupt or unsupported Content-Encoding).</summary>
    public const string BadBody = "bad_body";
    /// <summary>A folder file that could not be read.</summary>
    public const string Unreadable = "unreadable_file";

    /// <summary>An HTTP status that is neither success, redirect nor 304, after retries: http_404, http_503…</summary>
    public static string Http(int status) => $"http_{status}";
}
