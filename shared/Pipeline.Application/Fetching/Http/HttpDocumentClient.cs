using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Fetching.Http;

/// <summary>
/// GETs one URL for a source: conditional when validators are known, redirects followed one hop at
/// a time (each hop http(s) only, each connection checked by the network guard, each host with its
/// own resilience pipeline), body read within the size limit. Failures become <see cref="FetchException"/>.
/// </summary>
public sealed class HttpDocumentClient(IHttpClientFactory clients, IOptions<FetchOptions> options, TimeProvider clock)
{
    private static readonly HttpStatusCode[] Redirects =
        [HttpStatusCode.MovedPermanently, HttpStatusCode.Found, HttpStatusCode.SeeOther, HttpStatusCode.TemporaryRedirect, HttpStatusCode.PermanentRedirect];

    public async Task<WebResponse> GetAsync(Uri url, bool allowPrivateNetwork, HttpValidators? validators, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = clients.CreateClient(allowPrivateNetwork ? FetchHttpClients.Trusted : FetchHttpClients.Public);
        var requested = SafeUrl.Clean(url);
        var current = requested;
        for (var hop = 0; ; hop++)
        {
            using var response = await SendAsync(client, current, validators, cancellationToken).ConfigureAwait(false);
            if (Redirects.Contains(response.StatusCode))
            {
                if (hop >= settings.Http.MaxRedirects)
                    throw new FetchException($"{SafeUrl.Display(requested)}: more than {settings.Http.MaxRedirects} redirects", permanent: true, FetchFailures.TooManyRedirects);
                current = NextHop(current, response.Headers.Location);
                continue;
            }
            if (response.StatusCode == HttpStatusCode.NotModified)
                return new WebResponse(requested, current, NotModified: true, null, validators, null);
            if (!response.IsSuccessStatusCode)
                throw StatusFailure(current, response);

            var body = await BoundedBody.ReadAsync(response.Content, settings.MaxDocumentBytes, settings.Http.BodyTimeout, clock, cancellationToken)
                .ConfigureAwait(false);
            return new WebResponse(requested, current, NotModified: false, response.Content.Headers.ContentType?.ToString(), ValidatorsOf(response), body);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Uri url, HttpValidators? validators, CancellationToken cancellationToken)
    {
        // HTTP/1.1 or lower, never upgraded: HTTP/3 runs over QUIC, which bypasses the ConnectCallback guard.
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.9, application/pdf, text/plain;q=0.8, */*;q=0.5");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        if (validators?.ETag is { } etag)
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (validators?.LastModified is { } lastModified)
            request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Describe(e, url) is { } failure && !cancellationToken.IsCancellationRequested)
        {
            throw failure;
        }
    }

    private static Uri NextHop(Uri current, Uri? location)
    {
        if (location is null)
            throw new FetchException($"{SafeUrl.Display(current)}: redirect without a Location header", permanent: true, FetchFailures.RedirectRefused);
        var next = new Uri(current, location);
        if (!SafeUrl.IsWeb(next))
            throw new FetchException($"{SafeUrl.Display(current)}: redirect to a {next.Scheme}: URL refused; only http and https are fetched", permanent: true, FetchFailures.RedirectRefused);
        return SafeUrl.Clean(next);
    }

    private FetchException StatusFailure(Uri url, HttpResponseMessage response)
    {
        var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        var wait = RetryAfter.Of(response, clock) is { } after ? $" (the host asked to retry after {after.TotalSeconds:0} s)" : "";
        // 4xx other than 408/429 will not get better by asking again.
        return new FetchException($"{SafeUrl.Display(url)}: {status}{wait}", permanent: !FetchResilience.IsTransient(response.StatusCode),
            FetchFailures.Http((int)response.StatusCode));
    }

    private static FetchException? Describe(Exception e, Uri url) => e switch
    {
        HttpRequestException { InnerException: NetworkRefusedException refused } => new FetchException(refused.Message, permanent: true, FetchFailures.NetworkRefused, refused),
        HttpRequestException => new FetchException($"{SafeUrl.Display(url)}: {e.Message}", permanent: false, FetchFailures.ConnectionFailed, e),
        TimeoutRejectedException t => new FetchException($"{SafeUrl.Display(url)}: no response within {t.Timeout.TotalSeconds:0.###} s", permanent: false, FetchFailures.Timeout, e),
        BrokenCircuitException => new FetchException($"{SafeUrl.Display(url)}: circuit open for {url.Authority} after repeated failures; not asking again yet", permanent: false, FetchFailures.CircuitOpen, e),
        RateLimiterRejectedException => new FetchException($"{SafeUrl.Display(url)}: too many requests queued for {url.Authority}", permanent: false, FetchFailures.RateLimited, e),
        _ => null,
    };

    private static HttpValidators? ValidatorsOf(HttpResponseMessage response)
    {
        var etag = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified?.ToString("R");
        return etag is null && lastModified is null ? null : new HttpValidators(etag, lastModified);
    }
}
