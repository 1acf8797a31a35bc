using System.Diagnostics;
using Pipeline.Infrastructure.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Pipeline.Cli.Bench;

/// <summary>
/// Where the bench's queues live. With rabbitmqctl on this machine (the local broker the README's test
/// set-up installs): a fresh virtual host, deleted afterwards, so nothing else's queues are touched.
/// Without it: the vhost named by --vhost (or in the URI), whose pipeline queues are purged first and
/// whose baseline queues are deleted afterwards.
/// </summary>
internal sealed class BenchVirtualHost : IAsyncDisposable
{
    private readonly Func<Task> _cleanup;

    private BenchVirtualHost(Uri uri, string description, Func<Task> cleanup)
    {
        Uri = uri;
        Description = description;
        _cleanup = cleanup;
    }

    public Uri Uri { get; }
    public string Description { get; }

    public static async Task<BenchVirtualHost> OpenAsync(string baseUri, string? namedVhost, CancellationToken ct)
    {
        var root = new Uri(baseUri);
        await EnsureReachableAsync(root, ct);

        if (namedVhost is null && await TryRabbitMqCtlAsync(["list_vhosts", "--quiet"], ct))
        {
            var name = "pipeline-bench-" + Guid.NewGuid().ToString("N")[..12];
            var user = Uri.UnescapeDataString(root.UserInfo.Split(':')[0]);
            if (await TryRabbitMqCtlAsync(["add_vhost", name], ct)
                && await TryRabbitMqCtlAsync(["set_permissions", "-p", name, user, ".*", ".*", ".*"], ct))
            {
                var uri = new UriBuilder(root) { Path = "/" + Uri.EscapeDataString(name) }.Uri;
                return new BenchVirtualHost(uri, $"vhost {name} (created with rabbitmqctl, deleted afterwards)",
                    () => TryRabbitMqCtlAsync(["delete_vhost", name], CancellationToken.None));
            }
        }

        var vhost = namedVhost ?? Uri.UnescapeDataString(root.AbsolutePath.TrimStart('/'));
        if (string.IsNullOrEmpty(vhost))
            throw new InvalidOperationException(
                "rabbitmqctl is not available here, so the bench cannot create a private virtual host. Name one it may use " +
                "with --vhost <name> (its extract-report, cluster-report and publish-campaign queues are purged; run no pipeline workers on it).");
        var named = new UriBuilder(root) { Path = "/" + Uri.EscapeDataString(vhost) }.Uri;
        await PurgePipelineQueuesAsync(named, ct);
        return new BenchVirtualHost(named, $"vhost {vhost} (named; pipeline queues purged, baseline queues deleted afterwards)",
            () => RawRabbitMqBaseline.DeleteQueuesAsync(named, CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _cleanup();
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"bench: could not clean up {Description}: {e.Message}");
        }
    }

    private static async Task EnsureReachableAsync(Uri uri, CancellationToken ct)
    {
        try
        {
            await using var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync(ct);
        }
        catch (BrokerUnreachableException e)
        {
            throw new InvalidOperationException(
                $"RabbitMQ is not reachable at {BusOptions.Redact(uri.ToString())}: start it (scripts/ensure-rabbitmq.sh), " +
                "point --rabbitmq at one, or run only the embedded scenario with --scenarios embedded.", e);
        }
    }

    /// <summary>Leftover messages from an aborted run would be consumed against a fresh store; drop them.</summary>
    private static async Task PurgePipelineQueuesAsync(Uri uri, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync(ct);
        foreach (var queue in QueueNames.All)
        {
            // A failed passive declare closes the channel, so each queue gets its own.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            try
            {
                await channel.QueueDeclarePassiveAsync(queue, ct);
                await channel.QueuePurgeAsync(queue, ct);
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
            {
            }
        }
    }

    private static async Task<bool> TryRabbitMqCtlAsync(string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start);
            if (process is null)
                return false;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            await Task.WhenAll(stdout, stderr);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
