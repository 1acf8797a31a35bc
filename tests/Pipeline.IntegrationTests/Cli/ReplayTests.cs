using System.Diagnostics;
using System.Text;
using Pipeline.Cli;
using Pipeline.Infrastructure.Messaging;
using Pipeline.IntegrationTests.Infrastructure;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace Pipeline.IntegrationTests.Cli;

/// <summary>`pipeline replay` against the local RabbitMQ: `--limit`, and replays interrupted half-way.</summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    private const string StoreUnavailable = "Pipeline.Infrastructure.Storage.StoreUnavailableException";
    private const string Other = "System.InvalidOperationException";

    private readonly RabbitMqBroker _broker = new();

    [Fact]
    public async Task Limit_moves_only_that_many_matching_messages_and_leaves_the_rest_in_the_error_queue()
    {
        await using var vhost = await _broker.CreateVirtualHostAsync();
        var endpoint = QueueNames.ClusterReport;
        // Interleaved: the limit counts matching messages, not examined ones.
        var sent = await ParkAsync(vhost, endpoint, Enumerable.Range(0, 8).Select(i => i % 4 == 3 ? Other : StoreUnavailable).ToArray());
        Assert.Equal(6, sent.Count(m => m.Value == StoreUnavailable));

        var run = await CliRunner.RunAsync(["replay", endpoint, "--limit", "4", "--exception-type", "StoreUnavailable", "--rabbitmq", vhost.Uri.ToString()]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("matched 4, moved 4", run.StandardOutput);
        Assert.Equal(4u, await vhost.MessageCountAsync(endpoint));
        await WaitForCountAsync(vhost, QueueNames.Error(endpoint), 4);

        var moved = await DrainAsync(vhost, endpoint);
        var left = await DrainAsync(vhost, QueueNames.Error(endpoint));
        Assert.Equal(4, moved.Count);
        Assert.All(moved, id => Assert.Equal(StoreUnavailable, sent[id]));
        Assert.Equal(sent.Keys.Order(), moved.Concat(left).Order());
        Assert.Equal(2, left.Count(id => sent[id] == StoreUnavailable));
        Assert.Equal(2, left.Count(id => sent[id] == Other));

        // Without a limit the rest of the matching messages move.
        var rest = await ParkAsync(vhost, endpoint, [StoreUnavailable, StoreUnavailable, Other]);
        var all = await CliRunner.RunAsync(["replay", endpoint, "--exception-type", "StoreUnavailable", "--rabbitmq", vhost.Uri.ToString()]);
        Assert.True(all.ExitCode == 0, all.StandardError);
        Assert.Contains("matched 2, moved 2", all.StandardOutput);
        Assert.Equal(2u, await vhost.MessageCountAsync(endpoint));
    }

    /// <summary>The replay's own cancellation (Ctrl+C) after a few messages: every message is in exactly one of the two queues.</summary>
    [Fact]
    public async Task A_replay_cancelled_half_way_leaves_every_message_in_the_endpoint_or_the_error_queue()
    {
        await using var vhost = await _broker.CreateVirtualHostAsync();
        var endpoint = QueueNames.ExtractReport;
        var sent = await ParkAsync(vhost, endpoint, Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? StoreUnavailable : Other).ToArray());

        using var cancel = new CancellationTokenSource();
        await using var admin = new QueueAdmin(vhost.Uri);
        // Cancelled while unmatched messages it examined are still held unacknowledged.
        var progress = new Inline(moved => { if (moved == 7) cancel.Cancel(); });
        try
        {
            var result = await admin.ReplayAsync(endpoint, new ReplayFilter(ExceptionType: "StoreUnavailable"), limit: null, dryRun: false, progress, cancel.Token);
            Assert.Equal(7, result.Moved);
        }
        catch (OperationCanceledException)
        {
            // Cancelled inside a broker call: what happened is read from the queues below.
        }

        await WaitForCountAsync(vhost, endpoint, 7);
        await WaitForCountAsync(vhost, QueueNames.Error(endpoint), (uint)sent.Count - 7);
        var moved = await DrainAsync(vhost, endpoint);
        var left = await DrainAsync(vhost, QueueNames.Error(endpoint));
        Assert.Equal(7, moved.Count);
        Assert.All(moved, id => Assert.Equal(StoreUnavailable, sent[id]));
        Assert.Equal(sent.Keys.Order(), moved.Concat(left).Order());
    }

    /// <summary>
    /// kill -9 of the CLI in the middle of a long replay: nothing is lost. A message published (with a broker
    /// confirm) whose error copy was not yet acknowledged may be in both queues; the consumers are idempotent.
    /// </summary>
    [Fact]
    public async Task A_replay_killed_half_way_loses_no_message()
    {
        await using var vhost = await _broker.CreateVirtualHostAsync();
        var endpoint = QueueNames.PublishCampaign;
        const int count = 4000;
        var sent = await ParkAsync(vhost, endpoint, Enumerable.Range(0, count).Select(i => i % 2 == 0 ? StoreUnavailable : Other).ToArray());

        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { typeof(PipelineCommandLine).Assembly.Location, "replay", endpoint, "--exception-type", "StoreUnavailable", "--rabbitmq", vhost.Uri.ToString() })
            start.ArgumentList.Add(arg);
        using (var process = Process.Start(start)!)
        {
            process.StandardInput.Close();
            _ = process.StandardOutput.ReadToEndAsync();
            // Its first progress line ("moved 1") comes as soon as one message has moved.
            var stderr = new StringBuilder();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var buffer = new char[256];
            while (!stderr.ToString().Contains("moved", StringComparison.Ordinal))
            {
                var read = await process.StandardError.ReadAsync(buffer, deadline.Token);
                Assert.True(read > 0, $"replay ended before it reported progress: {stderr}");
                stderr.Append(buffer, 0, read);
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(deadline.Token);
        }

        // The broker returns what the dead connection held; wait until every message is visible somewhere.
        var endpointCount = 0u;
        var errorCount = 0u;
        var wait = Stopwatch.StartNew();
        while (endpointCount + errorCount < count && wait.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
            endpointCount = await vhost.MessageCountAsync(endpoint) ?? 0;
            errorCount = await vhost.MessageCountAsync(QueueNames.Error(endpoint)) ?? 0;
        }
        Assert.True(endpointCount < count / 2, $"the replay was not interrupted: {endpointCount} of {count / 2} matching messages had moved");

        var moved = await DrainAsync(vhost, endpoint);
        var left = await DrainAsync(vhost, QueueNames.Error(endpoint));
        output.WriteLine($"killed after {moved.Count} of {count / 2} matching messages moved; {left.Count} in the error queue; in both: {moved.Intersect(left).Count()}");
        Assert.Equal(sent.Keys.Order(), moved.Concat(left).Distinct().Order());
        Assert.All(moved, id => Assert.Equal(StoreUnavailable, sent[id]));
        // At most the one message in flight when the process died is in both queues.
        Assert.InRange(moved.Intersect(left).Count(), 0, 1);
        Assert.Equal(moved.Count, moved.Distinct().Count());
        Assert.Equal(left.Count, left.Distinct().Count());
    }

    /// <summary>Declares the endpoint and its error queue (quorum, as the workers do) and parks one message per fault type; returns message id → fault type.</summary>
    private static async Task<Dictionary<string, string>> ParkAsync(TestVirtualHost vhost, string endpoint, IReadOnlyList<string> faults)
    {
        var sent = new Dictionary<string, string>();
        await using var connection = await new ConnectionFactory { Uri = vhost.Uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var quorum = new Dictionary<string, object?> { ["x-queue-type"] = "quorum" };
        await channel.QueueDeclareAsync(endpoint, durable: true, exclusive: false, autoDelete: false, arguments: quorum);
        await channel.QueueDeclareAsync(QueueNames.Error(endpoint), durable: true, exclusive: false, autoDelete: false, arguments: quorum);
        foreach (var fault in faults)
        {
            var id = Guid.NewGuid().ToString("N");
            var properties = new BasicProperties
            {
                Persistent = true,
                MessageId = id,
                Headers = new Dictionary<string, object?> { ["MT-Fault-ExceptionType"] = Encoding.UTF8.GetBytes(fault), ["MT-Reason"] = Encoding.UTF8.GetBytes("fault") },
            };
            await channel.BasicPublishAsync("", QueueNames.Error(endpoint), true, properties, Encoding.UTF8.GetBytes("{\"messageType\":[\"urn:message:Pipeline.Contracts.Messages:ReportClustered\"]}"));
            sent[id] = fault;
        }
        await WaitForCountAsync(vhost, QueueNames.Error(endpoint), (uint)faults.Count);
        return sent;
    }

    /// <summary>Takes every message off the queue and returns their ids (duplicates kept).</summary>
    private static async Task<List<string>> DrainAsync(TestVirtualHost vhost, string queue)
    {
        var expected = await vhost.MessageCountAsync(queue) ?? 0;
        var ids = new List<string>();
        await using var connection = await new ConnectionFactory { Uri = vhost.Uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var idle = Stopwatch.StartNew();
        // A quorum queue can take a moment to show a requeued message: keep asking until the count is reached and it stays empty.
        while (ids.Count < expected || idle.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            if (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
            {
                ids.Add(message.BasicProperties.MessageId!);
                idle.Restart();
                continue;
            }
            if (idle.Elapsed > TimeSpan.FromSeconds(10))
                break;
            await Task.Delay(20);
        }
        return ids;
    }

    private static async Task WaitForCountAsync(TestVirtualHost vhost, string queue, uint expected)
    {
        var waited = Stopwatch.StartNew();
        while (await vhost.MessageCountAsync(queue) != expected)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
                Assert.Fail($"{queue}: {await vhost.MessageCountAsync(queue)} messages, expected {expected}");
            await Task.Delay(50);
        }
    }

    /// <summary>Reports on the caller's thread, so the test can cancel at an exact count.</summary>
    private sealed class Inline(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
