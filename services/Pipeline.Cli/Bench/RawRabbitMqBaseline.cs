using System.Diagnostics;
using System.Text;
using Pipeline.Application.Clustering;
using Pipeline.Application.Publishing;
using Pipeline.Infrastructure.Messaging;
using Pipeline.Infrastructure.Storage;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Pipeline.Cli.Bench;

/// <summary>
/// Scenario 3, the yardstick: what RabbitMQ itself costs for the pipeline's topology, with no
/// framework and no work. The same chain of hops as the pipeline (fetch publish → extract-report →
/// cluster-report → publish-campaign → store write), each stage on its own connection as the worker
/// hosts are, quorum queues and persistent messages as the pipeline declares them, publisher confirms
/// awaited on every publish, manual acks after the forward is confirmed, the same per-stage
/// concurrency and prefetch as the pipeline's endpoints, and as many fetch lanes as the pipeline's fetch stage.
/// Every message carries the report's bytes, and the last stage writes them to an embedded store file
/// through the same store adapter, one document per report.
/// </summary>
internal sealed class RawRabbitMqBaseline(BenchSettings settings, BenchProgress progress)
{
    /// <summary>Queue names: the pipeline's, prefixed, so a shared vhost's real queues are never touched.</summary>
    public static readonly string[] Queues = QueueNames.All.Select(q => "bench-baseline-" + q).ToArray();

    /// <summary>The pipeline's endpoints' concurrency, stage by stage (prefetch follows it as EndpointDefaults sets it).</summary>
    private static readonly ushort[] Concurrency =
    [
        (ushort)new BusOptions().ConcurrentMessageLimit,
        ReportExtractedConsumerDefinition.MessagesInHand,
        ReportClusteredConsumerDefinition.MessagesInHand,
    ];

    public async Task<ScenarioResult> RunAsync(string name, IReadOnlyList<SyntheticReport> corpus, Uri rabbitMq, string storePath, CancellationToken ct)
    {
        var recorder = new LatencyRecorder(corpus.Select(r => r.FileName).ToArray());
        var bodies = corpus.Select(r => Encoding.UTF8.GetBytes(r.Text)).ToArray();
        var factory = new ConnectionFactory { Uri = rabbitMq, ClientProvidedName = "pipeline-bench-baseline" };
        var confirms = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

        using var store = BenchHost.OpenStore(storePath);
        await store.InitializeAsync(ct);

        var connections = new List<IConnection>();
        try
        {
            // Declare (and empty, in case an aborted run left messages) the three queues.
            var admin = await Connect(factory, connections, "admin", ct);
            await using (var channel = await admin.CreateChannelAsync(cancellationToken: ct))
            {
                foreach (var queue in Queues)
                {
                    await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                        arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: ct);
                    await channel.QueuePurgeAsync(queue, ct);
                }
            }

            // One connection per stage, consumers before the publisher.
            for (var stage = 0; stage < Queues.Length; stage++)
            {
                var connection = await Connect(factory, connections, QueueNames.All[stage], ct);
                var channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(true, true, consumerDispatchConcurrency: Concurrency[stage]), ct);
                await channel.BasicQosAsync(0, (ushort)Math.Max(EndpointDefaults.MinimumPrefetch, Concurrency[stage] * 2), false, ct);
                var consumer = new AsyncEventingBasicConsumer(channel);
                var next = stage + 1 < Queues.Length ? Queues[stage + 1] : null;
                consumer.ReceivedAsync += async (_, delivery) =>
                {
                    if (next is not null)
                    {
                        // Forward the same bytes to the next stage; the await returns once the broker confirmed it.
                        await channel.BasicPublishAsync("", next, mandatory: false, Persistent(delivery.BasicProperties.MessageId), delivery.Body, ct);
                    }
                    else
                    {
                        var source = delivery.BasicProperties.MessageId!;
                        await store.TryAddDocumentAsync(new DocumentRecord(source, source, "text/plain", delivery.Body.ToArray(), DateTimeOffset.UtcNow), ct);
                        recorder.Finished(source);
                    }
                    await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct);
                };
                await channel.BasicConsumeAsync(Queues[stage], autoAck: false, consumer, ct);
            }

            var fetch = await Connect(factory, connections, "fetch", ct);
            WorkingSetSampler.Settle();
            using var sampler = new WorkingSetSampler();
            var cpu = new CpuMeter();
            var clock = Stopwatch.StartNew();
            var fetched = 0;
            using var ticker = progress.Track(name, recorder, () => Volatile.Read(ref fetched));
            // As many publishing lanes as the pipeline's fetch stage has, each on its own channel (a channel's
            // confirms are awaited in order).
            var lanes = new IChannel[FetchLanes.Count];
            for (var lane = 0; lane < lanes.Length; lane++)
                lanes[lane] = await fetch.CreateChannelAsync(confirms, ct);
            await FetchLanes.RunAsync(bodies.Length, async (i, token) =>
            {
                recorder.Started(i);
                await lanes[FetchLanes.LaneOf(i)].BasicPublishAsync("", Queues[0], mandatory: false, Persistent(corpus[i].FileName), bodies[i], token);
                Interlocked.Increment(ref fetched);
            }, ct);

            await PipelineScenario.WaitAsync(recorder, settings.Timeout, ct);
            clock.Stop();
            return ScenarioResult.From(name, recorder, clock.Elapsed, sampler.PeakMegabytes, cpu, overBroker: true);
        }
        finally
        {
            foreach (var connection in connections.AsEnumerable().Reverse())
            {
                await connection.CloseAsync(CancellationToken.None);
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Deletes the baseline's queues (when the bench runs in a vhost it did not create).</summary>
    public static async Task DeleteQueuesAsync(Uri rabbitMq, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        foreach (var queue in Queues)
            await channel.QueueDeleteAsync(queue, cancellationToken: ct);
    }

    private static BasicProperties Persistent(string? messageId) => new()
    {
        MessageId = messageId,
        DeliveryMode = DeliveryModes.Persistent,
        ContentType = "text/plain",
    };

    private static async Task<IConnection> Connect(ConnectionFactory factory, List<IConnection> connections, string stage, CancellationToken ct)
    {
        var connection = await factory.CreateConnectionAsync("pipeline-bench-baseline-" + stage, ct);
        connections.Add(connection);
        return connection;
    }
}
