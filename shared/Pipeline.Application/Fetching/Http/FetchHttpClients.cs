using System.Net;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Pipeline.Application.Fetching.Http;

/// <summary>
/// Two named clients from IHttpClientFactory, identical but for the network guard: "fetch" refuses
/// every non-public address; "fetch-trusted" (for sources with AllowPrivateNetwork) lets exactly
/// those sources' own origins (host and port) be private. Separate clients, so their pooled connections never mix.
/// </summary>
internal static class FetchHttpClients
{
    public const string Public = "fetch";
    public const string Trusted = "fetch-trusted";

    public static void Register(IServiceCollection services)
    {
        foreach (var (name, trusted) in new[] { (Public, false), (Trusted, true) })
        {
            services.AddHttpClient(name, (sp, client) =>
                {
                    // Timeouts belong to the resilience pipeline and the body reader, per attempt and per read.
                    client.Timeout = Timeout.InfiniteTimeSpan;
                    client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", sp.GetRequiredService<IOptions<FetchOptions>>().Value.UserAgent);
                })
                .ConfigurePrimaryHttpMessageHandler(sp =>
                {
                    var options = sp.GetRequiredService<IOptions<FetchOptions>>().Value;
                    var guard = new NetworkGuard(trusted ? SourceCatalog.TrustedPrivateOrigins(options) : new HashSet<(string, int)>());
                    return new SocketsHttpHandler
                    {
                        ConnectCallback = guard.ConnectAsync,
                        // Redirects are followed by HttpDocumentClient, one checked hop at a time.
                        AllowAutoRedirect = false,
                        // Decompressed by BoundedBody, which caps the decoded size.
                        AutomaticDecompression = DecompressionMethods.None,
                        // A proxy would make the guard check the proxy's address, not the target's.
                        UseProxy = false,
                        UseCookies = false,
                        ConnectTimeout = options.Http.AttemptTimeout,
                        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    };
                })
                .AddResilienceHandler(name + "-pipeline", FetchResilience.Configure)
                .SelectPipelineByAuthority();
        }
    }
}
