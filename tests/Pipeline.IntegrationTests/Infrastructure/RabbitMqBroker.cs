using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>
/// The local RabbitMQ the test script starts. Each test gets its own virtual host (created with
/// rabbitmqctl on this machine) so runs never see each other's queues. A missing broker fails the
/// test with instructions: it is never silently skipped (CI must not go green without it). The common
/// part (reachability, rabbitmqctl, the vhost itself) is <see cref="TestRabbitMq"/>.
/// </summary>
public sealed class RabbitMqBroker
{
    public Uri BaseUri { get; } = TestRabbitMq.AdminUri;

    public async Task<TestVirtualHost> CreateVirtualHostAsync()
    {
        await TestRabbitMq.EnsureReachableAsync(BaseUri);
        var name = "pipeline-test-" + Guid.NewGuid().ToString("N")[..12];
        var uri = await TestRabbitMq.AddVirtualHostAsync(name, BaseUri);
        return new TestVirtualHost(name, uri, () => TestRabbitMq.DeleteVirtualHostAsync(name));
    }
}

public sealed class TestVirtualHost(string name, Uri uri, Func<Task> delete) : IAsyncDisposable
{
    public string Name { get; } = name;
    public Uri Uri { get; } = uri;

    /// <summary>Messages waiting in a queue, or null when the queue does not exist.</summary>
    public async Task<uint?> MessageCountAsync(string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = Uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var ok = await channel.QueueDeclarePassiveAsync(queue);
            return ok.MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => new(delete());
}
