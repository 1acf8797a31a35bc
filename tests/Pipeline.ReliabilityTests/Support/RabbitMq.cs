using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Pipeline.ReliabilityTests.Support;

/// <summary>
/// A RabbitMQ node on this machine, administered with rabbitmqctl. <see cref="Shared"/> is the broker
/// scripts/test.sh starts (never restarted by these tests: other test projects use it at the same
/// time); <see cref="PrivateRabbitMqNode"/> is a throw-away node a test may stop and start.
/// </summary>
internal class RabbitMqNode(Uri adminUri, string? nodeName)
{
    public static RabbitMqNode Shared { get; } = new(TestRabbitMq.AdminUri, nodeName: null);

    public Uri AdminUri { get; } = adminUri;

    /// <summary>rabbitmqctl's -n; null for the default node.</summary>
    public string? NodeName { get; } = nodeName;

    /// <summary>A fresh virtual host the admin user may use; deleted when disposed.</summary>
    public async Task<TestVirtualHost> CreateVirtualHostAsync(string purpose)
    {
        await EnsureReachableAsync();
        var name = $"reliability-{purpose}-{Guid.NewGuid():N}"[..40];
        var uri = await TestRabbitMq.AddVirtualHostAsync(name, AdminUri, NodeName);
        return new TestVirtualHost(this, name, uri);
    }

    public Task<string> CtlAsync(params string[] args) => TestRabbitMq.CtlOnNodeAsync(NodeName, args);

    public Task EnsureReachableAsync() => TestRabbitMq.EnsureReachableAsync(AdminUri);

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One test's virtual host.</summary>
internal sealed class TestVirtualHost(RabbitMqNode node, string name, Uri uri) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public string Name { get; } = name;

    /// <summary>amqp://guest:guest@127.0.0.1:port/vhost</summary>
    public Uri Uri { get; } = uri;

    public RabbitMqNode Node { get; } = node;

    /// <summary>Ready messages in a queue (0 when it does not exist yet).</summary>
    public async Task<uint> MessageCountAsync(string queue)
    {
        await _gate.WaitAsync();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    _connection ??= await new ConnectionFactory { Uri = Uri, ClientProvidedName = "reliability-test" }.CreateConnectionAsync();
                    // A passive declare of a missing queue closes its channel: one channel per question.
                    await using var channel = await _connection.CreateChannelAsync();
                    return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
                }
                catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
                {
                    return 0;
                }
                catch (Exception e) when (attempt < 3 && e is AlreadyClosedException or BrokerUnreachableException or OperationInterruptedException or IOException)
                {
                    // The broker restarted under us: reconnect.
                    await DropConnectionAsync();
                    await Task.Delay(500);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The headers of the first message of a queue, which stays where it is (read, then returned).</summary>
    public async Task<IReadOnlyDictionary<string, string>> PeekHeadersAsync(string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = Uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var message = await channel.BasicGetAsync(queue, autoAck: false) ?? throw new InvalidOperationException($"{queue} is empty");
        try
        {
            return (message.BasicProperties.Headers ?? new Dictionary<string, object?>()).ToDictionary(
                h => h.Key,
                h => h.Value switch { byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes), null => "", var other => other.ToString() ?? "" });
        }
        finally
        {
            await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true);
        }
    }

    private async Task DropConnectionAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            try { await connection.DisposeAsync(); }
            catch (Exception e) when (e is AlreadyClosedException or IOException or OperationInterruptedException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropConnectionAsync();
        try { await TestRabbitMq.DeleteVirtualHostAsync(Name, Node.NodeName); }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { /* node already gone */ }
    }
}

/// <summary>
/// A second RabbitMQ node of the installed broker, started for one test on free loopback ports with
/// its own data folder, so the test can stop and start "the broker" without disturbing the shared
/// node other tests use. Runs as the rabbitmq user through the Debian wrapper (same Erlang cookie
/// as the shared node, so rabbitmqctl -n reaches it). Stopped and deleted when disposed.
/// </summary>
internal sealed class PrivateRabbitMqNode : RabbitMqNode, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _folder;
    private readonly Dictionary<string, string> _environment;

    private PrivateRabbitMqNode(string name, int port, string folder, Dictionary<string, string> environment)
        : base(new Uri($"amqp://guest:guest@127.0.0.1:{port}/"), name)
    {
        _folder = folder;
        _environment = environment;
        Port = port;
    }

    public int Port { get; }

    public static async Task<PrivateRabbitMqNode> StartAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var folder = Directory.CreateTempSubdirectory("pipeline-rabbit-").FullName;
        // The node runs as the rabbitmq user: it must be able to write here.
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        var plugins = Path.Combine(folder, "enabled_plugins");
        await File.WriteAllTextAsync(plugins, "[].\n"); // no management listener to collide with the shared node's
        File.SetUnixFileMode(plugins, (UnixFileMode)0b110_100_100);
        var port = FreeTcpPort();
        var environment = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = $"reliability-{id}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = FreeTcpPort().ToString(),
            // Erlang distribution (rabbitmqctl's channel) on loopback too, not every interface.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
            ["RABBITMQ_PID_FILE"] = Path.Combine(folder, "node.pid"),
        };
        var node = new PrivateRabbitMqNode(environment["RABBITMQ_NODENAME"], port, folder, environment);
        try
        {
            await node.StartNodeAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the (stopped) node on the same data folder and waits until it accepts AMQP connections.</summary>
    public async Task StartNodeAsync()
    {
        await Shell.RunAsync("rabbitmq-server", ["-detached"], TimeSpan.FromSeconds(30), _environment, _folder);
        // Poll AMQP: rabbitmqctl await_startup fails when called before the node exists.
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await using var connection = await new ConnectionFactory { Uri = AdminUri }.CreateConnectionAsync();
                return;
            }
            catch (BrokerUnreachableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Stops the whole node (Erlang VM included), as a service restart would.</summary>
    public Task StopNodeAsync() => CtlAsync("stop");

    public async ValueTask DisposeAsync()
    {
        try { await CtlAsync("stop"); }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { /* not running */ }
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* the temp cleaner gets it */ }
        catch (UnauthorizedAccessException) { }
    }
}
