using System.Net.Sockets;
using Testcontainers.MongoDb;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>
/// Where the MongoDB contract suite runs: the server named by PIPELINE_TEST_MONGO when set (an explicit
/// choice wins), else a replica-set container when a Docker engine answers, else nowhere, with the
/// reason the suite reports as its skip message. Found once per test run.
/// </summary>
internal static class MongoTestServer
{
    public const string EnvironmentVariable = "PIPELINE_TEST_MONGO";

    private static readonly Lazy<Task<Availability>> Server = new(FindAsync);

    public sealed record Availability(string? ConnectionString, string SkipReason);

    public static Task<Availability> GetAsync() => Server.Value;

    private static async Task<Availability> FindAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return new(configured, "");

        var docker = DockerEndpoint();
        if (!await IsReachableAsync(docker))
            return new(null, $"MongoDB contract suite skipped: no Docker engine at {docker} and {EnvironmentVariable} not set.");

        try
        {
            // A replica set, because clustering commits need transactions. Testcontainers' reaper removes it at exit.
            var container = new MongoDbBuilder("mongo:7.0").WithReplicaSet().Build();
            await container.StartAsync();
            return new(container.GetConnectionString(), "");
        }
        catch (Exception ex)
        {
            return new(null, $"MongoDB contract suite skipped: Docker engine at {docker} answered but the mongo:7.0 container did not start ({ex.GetType().Name}: {ex.Message}); set {EnvironmentVariable} to use a running replica set.");
        }
    }

    private static string DockerEndpoint() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";

    private static async Task<bool> IsReachableAsync(string endpoint)
    {
        try
        {
            var uri = new Uri(endpoint);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (uri.Scheme == "unix")
            {
                if (!File.Exists(uri.AbsolutePath))
                    return false;
                using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(uri.AbsolutePath), timeout.Token);
                return true;
            }
            using var client = new TcpClient();
            await client.ConnectAsync(uri.Host, uri.Port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or UriFormatException or IOException)
        {
            return false;
        }
    }
}
