using System.Text.RegularExpressions;
using Pipeline.Application.Hosting;
using Pipeline.DeployTests.Support;
using Pipeline.Infrastructure.Messaging;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.DeployTests.Compose;

/// <summary>docker-compose.yml against the code: services, environment, secrets, health and restarts.</summary>
public sealed class ComposeFileTests : IDisposable
{
    private readonly ComposeFile compose = ComposeFile.Load();
    private readonly GeneratedSecrets secrets = new();

    [Fact]
    public void Every_worker_is_built_by_compose_and_nothing_else_is()
    {
        Assert.Equal(WorkerCatalog.All.Select(w => w.Service).Order(), compose.BuiltServices.Order());
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Environment_sets_only_options_the_worker_reads_and_they_validate(string service)
    {
        var worker = WorkerCatalog.Named(service);
        var raw = compose.Environment(service);
        Assert.All(raw.Keys.Where(k => k.EndsWith("_FILE", StringComparison.Ordinal)),
            key => Assert.Contains("__", key)); // entrypoint.sh resolves only configuration keys

        using var configuration = WorkerConfiguration.For(worker, ComposeEnvironment.Resolve(compose, service, secrets));
        Assert.Empty(configuration.UnknownVariables(raw.Keys));
        configuration.Validate();

        Assert.Equal(BusTransport.RabbitMq, configuration.Options<BusOptions>().Transport);
        if (configuration.OptionTypes.Contains(typeof(StoreOptions)))
            Assert.Equal(StoreProvider.Mongo, configuration.Options<StoreOptions>().Provider);
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Healthcheck_reads_the_probe_file_the_worker_writes(string service)
    {
        using var configuration = WorkerConfiguration.For(WorkerCatalog.Named(service), ComposeEnvironment.Resolve(compose, service, secrets));
        var options = configuration.Options<HealthProbeOptions>();
        var probeFile = options.ProbeFile;
        Assert.False(string.IsNullOrEmpty(probeFile));

        // Compose has one healthcheck: readiness (bus and store healthy), the file depends_on waits for.
        var test = string.Join(' ', compose.Service(service).Strings("healthcheck", "test"));
        Assert.Contains($"find {probeFile} -mmin -1", test);
        if (options.LiveFile is { Length: > 0 } liveFile)
            Assert.DoesNotContain(liveFile, test);
        // The root file system is read-only, so the probe file's folder must be a tmpfs.
        Assert.Equal("true", compose.Service(service).Text("read_only"));
        Assert.Contains(Path.GetDirectoryName(probeFile), compose.Service(service).Strings("tmpfs"));
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Worker_restarts_and_starts_after_its_infrastructure_is_ready(string service)
    {
        var node = compose.Service(service);
        Assert.Equal("unless-stopped", node.Text("restart"));
        Assert.Equal("service_completed_successfully", node.Text("depends_on", "rabbitmq-provision", "condition"));
        using var configuration = WorkerConfiguration.For(WorkerCatalog.Named(service), ComposeEnvironment.Resolve(compose, service, secrets));
        if (configuration.OptionTypes.Contains(typeof(StoreOptions)))
            Assert.Equal("service_completed_successfully", node.Text("depends_on", "mongo-init", "condition"));
        Assert.NotNull(node.Text("stop_grace_period"));
    }

    [Fact]
    public void Infrastructure_has_healthchecks_and_one_shot_steps_never_restart()
    {
        Assert.NotEmpty(compose.Service("rabbitmq").Strings("healthcheck", "test"));
        Assert.NotEmpty(compose.Service("mongo").Strings("healthcheck", "test"));
        Assert.Equal("no", compose.Service("rabbitmq-provision").Text("restart"));
        Assert.Equal("no", compose.Service("mongo-init").Text("restart"));
    }

    [Fact]
    public void No_secret_is_written_in_the_compose_file_and_every_secret_file_is_generated()
    {
        var text = RepoPaths.ReadText(ComposeFile.FileName);
        Assert.DoesNotMatch(new Regex(@"(amqps?|mongodb|https?)://[^/\s:@]+:[^/\s@$]+@"), text);
        Assert.DoesNotMatch(new Regex(@"(?i)(password|pass|token)\s*:\s*[^\s${]"), text);
        Assert.All(compose.DeclaredSecrets, secret =>
        {
            Assert.StartsWith("./deploy/secrets/", compose.SecretFile(secret));
            Assert.True(secrets.Has(compose.SecretFile(secret)), $"{GeneratedSecrets.Script} does not create {compose.SecretFile(secret)}");
        });
        Assert.Contains("*", File.ReadAllLines(RepoPaths.Of("deploy/secrets/.gitignore")));
    }

    [Fact]
    public void Published_ports_listen_on_loopback_only()
    {
        var ports = compose.ServiceNames.SelectMany(s => compose.Service(s).Strings("ports")).ToList();
        Assert.NotEmpty(ports);
        Assert.All(ports, port => Assert.StartsWith("127.0.0.1:", port));
    }

    [Fact]
    public void Provisioning_creates_the_users_the_definitions_grant_rights_to()
    {
        var definitions = RabbitMqDefinitions.Load();
        var provision = compose.Environment("rabbitmq-provision");
        var users = provision["PIPELINE_USERS"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(definitions.Section("permissions").Select(p => p["user"]!.GetValue<string>()).Order(), users.Order());

        var mounted = compose.Secrets("rabbitmq-provision").Select(s => s.Target).ToHashSet();
        Assert.Contains(provision["RABBITMQ_ADMIN_PASSWORD_FILE"], mounted);
        Assert.All(users, user => Assert.Contains($"{provision["PASSWORD_DIR"]}/rabbitmq-{user}-password", mounted));
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Worker_connects_as_its_own_user_to_the_pipeline_vhost(string service)
    {
        var definitions = RabbitMqDefinitions.Load();
        var uri = new Uri(ComposeEnvironment.Resolve(compose, service, secrets)["Bus__RabbitMqUri"]);
        Assert.Equal(WorkerCatalog.Named(service).RabbitMqUser, uri.UserInfo.Split(':')[0]);
        Assert.Equal(definitions.VirtualHost, Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')));
        Assert.Contains(uri.Host, compose.ServiceNames);
        Assert.NotNull(definitions.Permission(uri.UserInfo.Split(':')[0]));
    }

    [Fact]
    public void Mongo_is_initialised_as_the_replica_set_the_workers_connect_to()
    {
        var replicaSet = compose.Service("mongo").Strings("command").SkipWhile(a => a != "--replSet").ElementAt(1);
        var connection = compose.Environment("extractor")["Store__MongoConnectionString"];
        Assert.Contains($"replicaSet={replicaSet}", connection);
        Assert.Contains(new Uri(connection).Host, compose.ServiceNames);
        Assert.Contains($"_id: \"{replicaSet}\"", RepoPaths.ReadText("deploy/mongo/init-replica-set.js"));
        Assert.Contains("/init-replica-set.js", string.Join(' ', compose.Service("mongo-init").Strings("entrypoint")));
    }

    public void Dispose() => secrets.Dispose();
}
