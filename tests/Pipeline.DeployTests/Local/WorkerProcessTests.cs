using System.Text.Json;
using MassTransit;
using Pipeline.Alerting;
using Pipeline.Application.Observability;
using Pipeline.Contracts.Messages;
using Pipeline.DeployTests.Support;
using Pipeline.Infrastructure.Messaging;

namespace Pipeline.DeployTests.Local;

/// <summary>
/// Every worker binary started locally the way its container starts (entrypoint.sh, compose
/// environment, its own least-privilege RabbitMQ user, the imported definitions), against the local
/// broker in a throw-away vhost. Only what cannot exist here is swapped: MongoDB for the embedded
/// store, container paths for scratch folders, hosts for 127.0.0.1. Loopback only, bounded in time.
/// </summary>
public sealed class WorkerProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly ComposeFile compose = ComposeFile.Load();
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("pipeline-deploy-");

    [Fact]
    public async Task Every_worker_becomes_healthy_with_the_compose_environment_and_stops_cleanly_on_SIGTERM()
    {
        await using var broker = await BrokerSandbox.CreateAsync();
        var workers = WorkerCatalog.All.Select(w => WorkerProcess.Start(w, LocalEnvironment(w, broker))).ToList();
        try
        {
            await Task.WhenAll(workers.Select(w => w.WaitHealthyAsync(StartTimeout)));

            // Each endpoint declared its queue with its own user; the definitions had it already.
            foreach (var queue in CodeTopology.Endpoints.Select(e => e.Queue))
                Assert.Equal(0u, await broker.MessageCountAsync(queue));

            var exits = await Task.WhenAll(workers.Select(w => w.TerminateAsync(StopTimeout)));
            Assert.All(workers.Zip(exits), pair => Assert.True(pair.Second == 0, $"{pair.First.Worker} exited {pair.Second}:\n{pair.First.Tail}"));
            Assert.All(workers, w => Assert.False(File.Exists(w.ProbeFile), $"{w.Worker} left its probe file behind"));
            Assert.All(workers, w => Assert.False(File.Exists(w.LiveFile), $"{w.Worker} left its liveness file behind"));
            Assert.All(workers, AssertJsonLogs);
        }
        finally
        {
            foreach (var worker in workers)
                await worker.DisposeAsync();
        }
    }

    [Fact]
    public async Task Fetcher_announces_a_dropped_report_that_the_definitions_route_to_the_extract_queue()
    {
        // A fresh vhost where no consumer ever ran: only the imported definitions bind ReportFetched to
        // extract-report, so this proves their exchange names match the code's, and the fetcher user may publish.
        await using var broker = await BrokerSandbox.CreateAsync();
        var fetcher = WorkerCatalog.Named("fetcher");
        var environment = LocalEnvironment(fetcher, broker);
        var sample = Directory.EnumerateFiles(RepoPaths.Of("samples/reports"), "*.txt").Order().First();
        File.Copy(sample, Path.Combine(environment["Fetch__DropFolder"], Path.GetFileName(sample)));

        await using var process = WorkerProcess.Start(fetcher, environment);
        await process.WaitHealthyAsync(StartTimeout);
        await WaitUntilAsync(async () => await broker.MessageCountAsync(QueueNames.ExtractReport) == 1, process);

        // KEDA's user has no rights at all, yet reads the depth (a passive declare needs none).
        Assert.Equal(1u, await broker.MessageCountAsync(QueueNames.ExtractReport, asService: "keda"));
        Assert.Equal(0, await process.TerminateAsync(StopTimeout));
    }

    [Fact]
    public async Task Alerting_posts_campaign_events_the_publisher_user_publishes_and_filters_the_rest()
    {
        await using var broker = await BrokerSandbox.CreateAsync();
        using var webhook = new WebhookSink();
        var alerting = WorkerCatalog.Named("alerting");
        var environment = LocalEnvironment(alerting, broker, webhook.Url);
        environment["Alerting__Countries"] = "IR";

        await using var process = WorkerProcess.Start(alerting, environment);
        await process.WaitHealthyAsync(StartTimeout);

        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(broker.UriFor("publisher"), host => host.PublisherConfirmation = true));
        await bus.StartAsync();
        try
        {
            await bus.Publish(new CampaignUpdated(Campaign("Doppelganger", "RU"), Guid.NewGuid(), DateTimeOffset.UtcNow));
            await bus.Publish(new CampaignDetected(Campaign("Liberty Front Press", "IR"), Guid.NewGuid(), DateTimeOffset.UtcNow));
        }
        finally
        {
            await bus.StopAsync();
        }

        var (body, idempotencyKey) = await webhook.WaitForAsync(b => b["event"]?.GetValue<string>() == CampaignAlert.Detected, TimeSpan.FromSeconds(60));
        Assert.Equal("Liberty Front Press", body["campaign"]!["name"]!.GetValue<string>());
        Assert.Equal("IR", body["campaign"]!["origin_countries"]![0]!.GetValue<string>());
        Assert.Equal(body["message_id"]!.GetValue<string>(), idempotencyKey);
        await AssertLoggedWithIdsAsync(process, "Posted", body["campaign"]!["id"]!.GetValue<string>(), body["report_id"]!.GetValue<string>());

        await WaitUntilAsync(async () => await broker.MessageCountAsync(AlertingQueue.Name) == 0, process);
        await Task.Delay(500);
        Assert.Single(webhook.Received); // the RU campaign was filtered out
        Assert.Equal(0u, await broker.MessageCountAsync(QueueNames.Error(AlertingQueue.Name)));
        Assert.Equal(0, await process.TerminateAsync(StopTimeout));
    }

    /// <summary>
    /// The compose service's environment, with only what cannot exist on this machine replaced; each
    /// replaced key must exist in compose, so the test breaks if compose stops setting it.
    /// </summary>
    private Dictionary<string, string> LocalEnvironment(Worker worker, BrokerSandbox broker, string webhookUrl = "http://127.0.0.1:9/")
    {
        var environment = compose.Environment(worker.Service).ToDictionary();
        var folder = scratch.CreateSubdirectory(worker.Service).FullName;
        void Replace(string key, string value)
        {
            Assert.True(environment.ContainsKey(key), $"compose no longer sets {key} for {worker.Service}");
            environment[key] = value;
        }
        string Secret(string name, string value)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, value);
            return path;
        }

        Replace("Bus__RabbitMqUri_FILE", Secret("bus-uri", broker.UriFor(worker.RabbitMqUser).ToString()));
        Replace("Health__ProbeFile", Path.Combine(folder, "healthy"));
        environment["Health__LiveFile"] = Path.Combine(folder, "alive"); // compose keeps the default in /tmp, shared by every process here
        environment["Health__Interval"] = "00:00:01"; // compose keeps the 10 s default; waiting for it only slows the test
        if (environment.ContainsKey("Store__Provider"))
        {
            Replace("Store__Provider", "Embedded"); // no MongoDB here
            environment["Store__EmbeddedPath"] = Path.Combine(scratch.FullName, "pipeline.db");
        }
        if (environment.ContainsKey("Fetch__DropFolder"))
            Replace("Fetch__DropFolder", Directory.CreateDirectory(Path.Combine(folder, "inbox")).FullName);
        if (environment.ContainsKey("Alerting__WebhookUrl_FILE"))
            Replace("Alerting__WebhookUrl_FILE", Secret("webhook-url", webhookUrl));
        return environment;
    }

    private static void AssertJsonLogs(WorkerProcess worker)
    {
        var lines = worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("Timestamp", out _), $"{worker.Worker}: not a structured log line: {line}");
        });
    }

    /// <summary>
    /// The JSON log line carries the ids as baggage scopes, whatever its message template says. The worker logs
    /// after the webhook answered and the test reads its output asynchronously, so the line may lag the request.
    /// </summary>
    private static async Task AssertLoggedWithIdsAsync(WorkerProcess worker, string messageStart, string campaignId, string reportId)
    {
        string? Find() => worker.Output.Split('\n').FirstOrDefault(l => l.Contains($"\"Message\":\"{messageStart}", StringComparison.Ordinal));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Find() is null && waited.Elapsed < TimeSpan.FromSeconds(10) && !worker.HasExited)
            await Task.Delay(50);
        var line = Find() ?? throw new InvalidOperationException($"{worker.Worker} logged no '{messageStart}' line:\n{worker.Tail}");
        using var entry = JsonDocument.Parse(line);
        var scopes = entry.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
        string? Scope(string key) => scopes.Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(key, out _))
            .Select(s => s.GetProperty(key).GetString()).FirstOrDefault();
        Assert.Equal(campaignId, Scope(PipelineTelemetry.CampaignIdKey));
        Assert.Equal(reportId, Scope(PipelineTelemetry.ReportIdKey));
        Assert.False(string.IsNullOrEmpty(Scope("TraceId")), line);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, WorkerProcess process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
                throw new TimeoutException($"condition not met within 60 s; {process.Worker} output:\n{process.Tail}");
            await Task.Delay(250);
        }
    }

    private static CampaignSnapshot Campaign(string name, string origin) => new(
        Guid.NewGuid(), name, [], [origin], ["US"], [], [], [],
        new Dictionary<string, IReadOnlyDictionary<string, long>> { ["facebook"] = new Dictionary<string, long> { ["accounts"] = 12 } },
        new DateOnly(2018, 8, 21), new DateOnly(2018, 8, 21), 1, 1);

    public void Dispose()
    {
        try { scratch.Delete(recursive: true); }
        catch (IOException) { /* a worker still closing the store file; the OS temp cleaner gets it */ }
    }
}
