using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Pipeline.DeployTests.Support;

/// <summary>A loopback HTTP endpoint that records what the alerting worker POSTs to it.</summary>
internal sealed class WebhookSink : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<(JsonObject Body, string? IdempotencyKey)> received = new();

    public WebhookSink()
    {
        Url = $"http://127.0.0.1:{FreePort()}/hooks/alerts/";
        listener.Prefixes.Add(Url);
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public IReadOnlyCollection<(JsonObject Body, string? IdempotencyKey)> Received => received.ToArray();

    public async Task<(JsonObject Body, string? IdempotencyKey)> WaitForAsync(Func<JsonObject, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var found = received.FirstOrDefault(r => match(r.Body));
            if (found.Body is not null)
                return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no matching webhook call within {timeout.TotalSeconds:0} s ({received.Count} received)");
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using (var reader = new StreamReader(context.Request.InputStream))
                received.Enqueue((JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject(), context.Request.Headers["Idempotency-Key"]));
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose() => listener.Close();
}
