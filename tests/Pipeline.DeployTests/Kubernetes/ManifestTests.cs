using Pipeline.Application.Hosting;
using Pipeline.DeployTests.Support;
using Pipeline.Infrastructure.Messaging;
using Pipeline.Infrastructure.Storage;
using YamlDotNet.RepresentationModel;

namespace Pipeline.DeployTests.Kubernetes;

/// <summary>deploy/k8s against the code, the compose images and the RabbitMQ definitions.</summary>
public sealed class ManifestTests
{
    private readonly KubernetesManifests manifests = KubernetesManifests.Load();

    private YamlNode Deployment(string service) =>
        manifests.OfKind("Deployment").SingleOrDefault(d => d.Text("metadata", "name") == service)
        ?? throw new KeyNotFoundException($"no Deployment {service}");

    private static YamlNode Container(YamlNode deployment) => deployment.Items("spec", "template", "spec", "containers").Single();

    [Fact]
    public void Every_worker_has_a_deployment_running_the_image_compose_builds()
    {
        var compose = ComposeFile.Load();
        Assert.Equal(WorkerCatalog.All.Select(w => w.Service).Order(), manifests.OfKind("Deployment").Select(d => d.Text("metadata", "name")!).Order());
        var retagged = manifests.Kustomization.Items("images").Select(i => i.Text("name")).ToHashSet();
        foreach (var worker in WorkerCatalog.All)
        {
            var image = Repository(Container(Deployment(worker.Service)).Text("image")!);
            Assert.Equal(Repository(compose.Service(worker.Service).Text("image")!), image);
            Assert.Contains(image, retagged);
        }
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Environment_references_existing_keys_and_validates(string service)
    {
        var environment = manifests.Environment(Container(Deployment(service)));
        using var configuration = WorkerConfiguration.For(WorkerCatalog.Named(service), environment);
        Assert.Empty(configuration.UnknownVariables(environment.Keys));
        configuration.Validate();

        Assert.Equal(BusTransport.RabbitMq, configuration.Options<BusOptions>().Transport);
        Assert.Equal(RabbitMqDefinitions.Load().VirtualHost, new Uri(environment["Bus__RabbitMqUri"]).AbsolutePath.Trim('/'));
        Assert.Equal(WorkerCatalog.Named(service).RabbitMqUser, new Uri(environment["Bus__RabbitMqUri"]).UserInfo.Split(':')[0]);
        if (configuration.OptionTypes.Contains(typeof(StoreOptions)))
            Assert.Equal(StoreProvider.Mongo, configuration.Options<StoreOptions>().Provider);
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Probes_read_the_files_the_worker_writes_liveness_the_live_file_and_readiness_the_probe_file(string service)
    {
        var container = Container(Deployment(service));
        using var configuration = WorkerConfiguration.For(WorkerCatalog.Named(service), manifests.Environment(container));
        var options = configuration.Options<HealthProbeOptions>();
        var probeFile = options.ProbeFile!;
        var liveFile = options.LiveFile!;
        Assert.False(string.IsNullOrEmpty(probeFile));
        Assert.False(string.IsNullOrEmpty(liveFile));
        Assert.NotEqual(probeFile, liveFile);

        string Command(string probe) => string.Join(' ', container.Strings(probe, "exec", "command"));
        // Readiness (and startup) follow the bus and store; liveness only the worker itself, so a store or
        // broker outage makes pods unready, never restarts them all.
        foreach (var probe in new[] { "startupProbe", "readinessProbe" })
        {
            Assert.Contains($"find {probeFile} -mmin -1", Command(probe));
            Assert.DoesNotContain(liveFile, Command(probe));
        }
        Assert.Contains($"find {liveFile} -mmin -1", Command("livenessProbe"));
        Assert.DoesNotContain(probeFile, Command("livenessProbe"));

        // Read-only root file system: each file's folder must be a mounted emptyDir.
        Assert.Equal("true", container.Text("securityContext", "readOnlyRootFilesystem"));
        foreach (var file in new[] { probeFile, liveFile })
        {
            var mount = container.Items("volumeMounts").Single(m => m.Text("mountPath") == Path.GetDirectoryName(file));
            var volume = Deployment(service).Items("spec", "template", "spec", "volumes").Single(v => v.Text("name") == mount.Text("name"));
            Assert.NotNull(volume.Get("emptyDir"));
        }
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Deployment_requests_resources_and_runs_as_non_root(string service)
    {
        var deployment = Deployment(service);
        var container = Container(deployment);
        Assert.NotNull(container.Text("resources", "requests", "cpu"));
        Assert.NotNull(container.Text("resources", "requests", "memory"));
        Assert.NotNull(container.Text("resources", "limits", "memory"));
        Assert.Equal("true", deployment.Text("spec", "template", "spec", "securityContext", "runAsNonRoot"));
        Assert.Equal("false", container.Text("securityContext", "allowPrivilegeEscalation"));
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Consuming_workers_scale_on_their_own_queue(string service)
    {
        var worker = WorkerCatalog.Named(service);
        var scaled = manifests.OfKind("ScaledObject").SingleOrDefault(s => s.Text("spec", "scaleTargetRef", "name") == service);
        if (worker.Queue is null)
        {
            Assert.Null(scaled); // the fetcher polls a folder: no queue to scale on
            return;
        }
        Assert.NotNull(scaled);
        var trigger = scaled.Items("spec", "triggers").Single();
        Assert.Equal("rabbitmq", trigger.Text("type"));
        Assert.Equal(CodeTopology.Endpoint(worker.Queue).Queue, trigger.Text("metadata", "queueName"));
        Assert.Equal(RabbitMqDefinitions.Load().VirtualHost, trigger.Text("metadata", "vhostName"));

        var auth = manifests.Named("TriggerAuthentication", trigger.Text("authenticationRef", "name")!);
        Assert.NotNull(auth);
        foreach (var reference in auth.Items("spec", "secretTargetRef"))
            Assert.True(manifests.Data("Secret", reference.Text("name")!).ContainsKey(reference.Text("key")!));
    }

    [Theory]
    [InlineData("deduplicator")]
    [InlineData("publisher")]
    public void Single_instance_stages_never_scale_past_one(string service)
    {
        var scaled = manifests.OfKind("ScaledObject").Single(s => s.Text("spec", "scaleTargetRef", "name") == service);
        Assert.Equal("1", scaled.Text("spec", "maxReplicaCount"));
        Assert.Equal("1", Deployment(service).Text("spec", "replicas"));
    }

    [Fact]
    public void Secret_templates_are_not_applied_and_hold_only_placeholders()
    {
        Assert.DoesNotContain(KubernetesManifests.SecretsTemplate, manifests.Kustomization.Items("resources").Select(r => ((YamlScalarNode)r).Value));
        Assert.Empty(manifests.OfKind("Secret"));
        Assert.All(manifests.SecretTemplates, secret =>
            Assert.All(secret.Entries("stringData"), e => Assert.Contains("CHANGE-ME", ((YamlScalarNode)e.Value).Value)));
    }

    private static string Repository(string image) => image.Split(':')[0];
}
