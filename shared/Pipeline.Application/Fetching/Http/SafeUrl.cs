using System.Text;

namespace Pipeline.Application.Fetching.Http;

/// <summary>
/// URL hygiene: only http(s) is fetched, credentials never travel or get written down. A URL is
/// fetched in its <see cref="Clean"/> form and stored or logged in its <see cref="Display"/> form.
/// </summary>
public static class SafeUrl
{
    // Query parameters that commonly carry secrets (signed links, API keys).
    private static readonly HashSet<string> SecretParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "token", "access_token", "auth", "key", "api_key", "apikey", "password", "pass", "secret",
        "sig", "signature", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
    };

    public static bool IsWeb(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static bool HasCredentials(Uri uri) => uri.IsAbsoluteUri && uri.UserInfo.Length > 0;

    /// <summary>Without user info and fragment: what is requested.</summary>
    public static Uri Clean(Uri uri) => new(uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped));

    /// <summary>Without user info and fragment, secret-looking query values masked: what is stored as a report's source and logged.</summary>
    public static string Display(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
            return uri.OriginalString;
        var clean = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return uri.Query.Length <= 1 ? clean : clean + MaskQuery(uri.Query);
    }

    /// <summary>Best effort for a configured string that may not even parse.</summary>
    public static string Display(string? url) =>
        url is null ? "" : Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Display(uri) : "(not a URL)";

    private static string MaskQuery(string query)
    {
        var masked = new StringBuilder();
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            masked.Append(masked.Length == 0 ? '?' : '&');
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            masked.Append(equals >= 0 && SecretParameters.Contains(Uri.UnescapeDataString(name)) ? name + "=***" : pair);
        }
        return masked.ToString();
    }
}
