using System.Security.Cryptography;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Pipeline.DeployTests.Support;

/// <summary>
/// The pipeline's RabbitMQ setup recreated on the local broker in a throw-away virtual host: the users
/// of deploy/rabbitmq/definitions.json (prefixed, with random passwords) and the definitions imported
/// with rabbitmqctl, as provision.sh does through the API. Never touches the default vhost; deletes its
/// vhost and users when disposed. A missing broker fails the test, never skips it.
/// </summary>
internal sealed class BrokerSandbox : IAsyncDisposable
{
    private readonly List<string> users = [];
    private readonly Dictionary<string, string> passwords = [];

    private BrokerSandbox(string name) => Name = name;

    public static Uri AdminUri { get; } = TestRabbitMq.AdminUri;

    /// <summary>The virtual host; service users are "{Name}-{service}".</summary>
    public string Name { get; }

    public static async Task<BrokerSandbox> CreateAsync()
    {
        await TestRabbitMq.EnsureReachableAsync(AdminUri);
        var sandbox = new BrokerSandbox("deploy-test-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            var definitions = RabbitMqDefinitions.Load();
            foreach (var user in definitions.Section("permissions").Select(p => p["user"]!.GetValue<string>()))
            {
                var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
                await RabbitMqCtlAsync("add_user", sandbox.UserName(user), password);
                sandbox.users.Add(sandbox.UserName(user));
                sandbox.passwords[user] = password;
            }
            var file = Path.Combine(Path.GetTempPath(), sandbox.Name + ".json");
            await File.WriteAllTextAsync(file, definitions.RewriteFor(sandbox.Name, sandbox.UserName));
            try { await RabbitMqCtlAsync("import_definitions", file); }
            finally { File.Delete(file); }
            // The admin (guest on a test machine) inspects queues; services use only their own users.
            await TestRabbitMq.GrantAdminAsync(sandbox.Name, AdminUri);
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    public string UserName(string service) => $"{Name}-{service}";

    /// <summary>The AMQP URI a service's secret would hold, pointed at this sandbox on the loopback broker.</summary>
    public Uri UriFor(string service) => new UriBuilder(AdminUri)
    {
        UserName = Uri.EscapeDataString(UserName(service)),
        Password = passwords[service],
        Path = "/" + Uri.EscapeDataString(Name),
    }.Uri;

    /// <summary>Ready messages in a queue, read as the given service (or the admin), or null when it does not exist.</summary>
    public async Task<uint?> MessageCountAsync(string queue, string? asService = null)
    {
        var uri = asService is null ? new UriBuilder(AdminUri) { Path = "/" + Uri.EscapeDataString(Name) }.Uri : UriFor(asService);
        await using var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await TryAsync("delete_vhost", Name);
        foreach (var user in users)
            await TryAsync("delete_user", user);
    }

    private static async Task TryAsync(params string[] args)
    {
        try { await RabbitMqCtlAsync(args); }
        catch (InvalidOperationException) { /* already gone */ }
    }

    private static Task RabbitMqCtlAsync(params string[] args) => TestRabbitMq.CtlAsync(args);
}
