using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>
/// The local RabbitMQ the test script starts. Each test gets its own virtual host (created with
/// rabbitmqctl on this machine) so runs never see each other's queues. A missing broker fails the
/// test with instructions: it is never silently skipped (CI must not go green without it).
/// </summary>
public sealed class RabbitMqBroker
{
    public const string UriVariable = "PIPELINE_TEST_RABBITMQ";

    public Uri BaseUri { get; } = new(Environment.GetEnvironmentVariable(UriVariable) ?? "amqp://guest:guest@127.0.0.1:5672/");

    public async Task<TestVirtualHost> CreateVirtualHostAsync()
    {
        await EnsureReachableAsync();
        var name = "pipeline-test-" + Guid.NewGuid().ToString("N")[..12];
        await RabbitMqCtlAsync("add_vhost", name);
        await RabbitMqCtlAsync("set_permissions", "-p", name, BaseUri.UserInfo.Split(':')[0], ".*", ".*", ".*");
        var builder = new UriBuilder(BaseUri) { Path = "/" + Uri.EscapeDataString(name) };
        return new TestVirtualHost(name, builder.Uri, () => RabbitMqCtlAsync("delete_vhost", name));
    }

    private async Task EnsureReachableAsync()
    {
        try
        {
            await using var connection = await new ConnectionFactory { Uri = BaseUri }.CreateConnectionAsync();
        }
        catch (BrokerUnreachableException e)
        {
            throw new InvalidOperationException(
                $"RabbitMQ is not reachable at {BaseUri.Host}:{BaseUri.Port}. Run scripts/test.sh (it installs and starts it), " +
                $"or point {UriVariable} at a broker. Integration tests never skip for want of a broker.", e);
        }
    }

    private static async Task RabbitMqCtlAsync(params string[] args)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmqctl did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
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
