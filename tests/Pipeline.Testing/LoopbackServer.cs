using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipeline.Testing;

/// <summary>A request as the server saw it.</summary>
public sealed record SeenRequest(string Path, string? IfNoneMatch, string? IfModifiedSince, string? Authorization, string? UserAgent, DateTimeOffset At);

/// <summary>
/// A real Kestrel server on 127.0.0.1 with an ephemeral port. Tests map paths to handlers that
/// misbehave on purpose (or serve hostile responses to a worker); every request is recorded. Unmapped
/// paths answer 404.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SeenRequest> _requests = new();

    private LoopbackServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Starts with the given routes mapped (more can be added with <see cref="Map"/>).</summary>
    public static async Task<LoopbackServer> StartAsync(IReadOnlyDictionary<string, RequestDelegate> routes)
    {
        var server = await StartAsync();
        foreach (var (path, handler) in routes)
            server.Map(path, handler);
        return server;
    }

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new LoopbackServer(app, new Uri(address.Replace("[::]", "127.0.0.1") + "/"));
        return server;
    }

    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    public string Host => BaseUrl.Authority;

    public void Map(string path, RequestDelegate handler) => _routes[path] = handler;

    /// <summary>Serves fixed content; with an ETag it answers If-None-Match with 304.</summary>
    public void MapContent(string path, Func<string> body, string contentType = "text/html; charset=utf-8", Func<string?>? etag = null) =>
        Map(path, context => Respond.Content(context, body(), contentType, etag?.Invoke()));

    /// <summary>Writes chunks without a Content-Length until the client stops reading (or all are written).</summary>
    public static Task StreamAsync(HttpContext context, string contentType, IEnumerable<byte[]> chunks) =>
        Respond.Stream(context, contentType, chunks);

    public IReadOnlyList<SeenRequest> RequestsTo(string path) => _requests.Where(r => r.Path == path).ToList();

    public int Hits(string path) => RequestsTo(path).Count;

    public int TotalHits => _requests.Count;

    public IReadOnlyList<SeenRequest> Requests => _requests.ToList();

    private Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        _requests.Enqueue(new SeenRequest(request.Path.Value ?? "", request.Headers.IfNoneMatch.FirstOrDefault(),
            request.Headers.IfModifiedSince.FirstOrDefault(), request.Headers.Authorization.FirstOrDefault(),
            request.Headers.UserAgent.FirstOrDefault(), DateTimeOffset.UtcNow));
        if (_routes.TryGetValue(request.Path.Value ?? "", out var handler))
            return handler(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
