using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Pipeline.Testing;

/// <summary>
/// What every broker-backed test project shares about the local RabbitMQ: where it is (scripts/test.sh
/// starts it; <see cref="UriVariable"/> overrides), rabbitmqctl on this machine, and a private virtual
/// host per test that the admin user may use. A missing broker fails the test with instructions: it is
/// never skipped (CI must not go green without it).
/// </summary>
public static class TestRabbitMq
{
    public const string UriVariable = "PIPELINE_TEST_RABBITMQ";

    private static readonly TimeSpan CtlTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The shared broker as its admin (guest on a test machine), default virtual host.</summary>
    public static Uri AdminUri { get; } = new(Environment.GetEnvironmentVariable(UriVariable) ?? "amqp://guest:guest@127.0.0.1:5672/");

    /// <summary>Throws (never skips) when no broker answers at <paramref name="adminUri"/> (default <see cref="AdminUri"/>).</summary>
    public static async Task EnsureReachableAsync(Uri? adminUri = null)
    {
        adminUri ??= AdminUri;
        try
        {
            await using var connection = await new ConnectionFactory { Uri = adminUri }.CreateConnectionAsync();
        }
        catch (BrokerUnreachableException e)
        {
            throw new InvalidOperationException(
                $"RabbitMQ is not reachable at {adminUri.Host}:{adminUri.Port}. Run scripts/test.sh (it installs and starts it) " +
                $"or scripts/ensure-rabbitmq.sh, or point {UriVariable} at a broker. These tests never skip for want of a broker.", e);
        }
    }

    /// <summary>Runs rabbitmqctl against the default node (60 s at most); its standard output.</summary>
    public static Task<string> CtlAsync(params string[] args) => CtlOnNodeAsync(null, args);

    /// <summary>Runs rabbitmqctl against a node (-n; null for the default node), 60 s at most; its standard output.</summary>
    public static Task<string> CtlOnNodeAsync(string? node, params string[] args) =>
        Shell.RunAsync("rabbitmqctl", node is null ? args : ["-n", node, .. args], CtlTimeout);

    /// <summary>Creates a virtual host and lets the admin user of <paramref name="adminUri"/> use it; its AMQP URI as that user.</summary>
    public static async Task<Uri> AddVirtualHostAsync(string name, Uri? adminUri = null, string? node = null)
    {
        adminUri ??= AdminUri;
        await CtlOnNodeAsync(node, "add_vhost", name);
        await GrantAdminAsync(name, adminUri, node);
        return VirtualHostUri(name, adminUri);
    }

    /// <summary>Full configure/write/read permissions on a virtual host for the admin user of <paramref name="adminUri"/>.</summary>
    public static Task GrantAdminAsync(string vhost, Uri? adminUri = null, string? node = null) =>
        CtlOnNodeAsync(node, "set_permissions", "-p", vhost, (adminUri ?? AdminUri).UserInfo.Split(':')[0], ".*", ".*", ".*");

    public static Task DeleteVirtualHostAsync(string name, string? node = null) => CtlOnNodeAsync(node, "delete_vhost", name);

    /// <summary>The admin URI pointed at a virtual host.</summary>
    public static Uri VirtualHostUri(string vhost, Uri? adminUri = null) =>
        new UriBuilder(adminUri ?? AdminUri) { Path = "/" + Uri.EscapeDataString(vhost) }.Uri;
}
