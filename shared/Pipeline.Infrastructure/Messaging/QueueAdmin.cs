using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Pipeline.Infrastructure.Messaging;

/// <summary>Depth and consumers of one queue; null counts when the queue does not exist.</summary>
public sealed record QueueInfo(string Name, uint? Messages, uint? Consumers)
{
    public bool Exists => Messages is not null;
}

/// <summary>Which error-queue messages a replay moves.</summary>
public sealed record ReplayFilter(string? ExceptionType = null, string? MessageType = null)
{
    public bool Matches(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body) =>
        (ExceptionType is null || Header(properties, MassTransitHeaders.FaultExceptionType)?.Contains(ExceptionType, StringComparison.OrdinalIgnoreCase) == true) &&
        (MessageType is null || Encoding.UTF8.GetString(body.Span).Contains(MessageType, StringComparison.OrdinalIgnoreCase));

    internal static string? Header(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, var other => other.ToString() }
            : null;
}

public sealed record ReplayResult(int Examined, int Moved, int Matched, int Kept);

/// <summary>Header names MassTransit's error transport writes.</summary>
internal static class MassTransitHeaders
{
    public const string FaultPrefix = "MT-Fault-";
    public const string FaultExceptionType = "MT-Fault-ExceptionType";
    public const string Reason = "MT-Reason";
}

/// <summary>
/// Operator actions on the broker with the plain RabbitMQ client: inspect queues, purge, and move
/// messages from an `_error` queue back to its endpoint.
/// </summary>
public sealed class QueueAdmin(Uri rabbitMqUri) : IAsyncDisposable
{
    private IConnection? _connection;

    private async Task<IConnection> ConnectionAsync(CancellationToken ct) =>
        _connection ??= await new ConnectionFactory { Uri = rabbitMqUri, ClientProvidedName = "pipeline-cli" }.CreateConnectionAsync(ct);

    public async Task<QueueInfo> InspectAsync(string queue, CancellationToken ct = default)
    {
        // A passive declare of a missing queue closes the channel: one channel per question.
        await using var channel = await (await ConnectionAsync(ct)).CreateChannelAsync(cancellationToken: ct);
        try
        {
            var ok = await channel.QueueDeclarePassiveAsync(queue, ct);
            return new QueueInfo(queue, ok.MessageCount, ok.ConsumerCount);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return new QueueInfo(queue, null, null);
        }
    }

    public async Task<uint> PurgeAsync(string queue, CancellationToken ct = default)
    {
        await using var channel = await (await ConnectionAsync(ct)).CreateChannelAsync(cancellationToken: ct);
        return await channel.QueuePurgeAsync(queue, ct);
    }

    /// <summary>
    /// Moves matching messages from <c>&lt;endpoint&gt;_error</c> to <c>&lt;endpoint&gt;</c>. Each message is
    /// published with a broker confirm before the error copy is acknowledged, so an interrupted replay
    /// can at worst deliver a message twice (consumers are idempotent), never lose it. Messages that do
    /// not match stay unacknowledged until the end and are then returned to the error queue.
    /// </summary>
    public async Task<ReplayResult> ReplayAsync(string endpoint, ReplayFilter filter, int? limit, bool dryRun, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var errorQueue = QueueNames.Error(endpoint);
        var connection = await ConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);

        var target = await InspectAsync(endpoint, ct);
        if (!target.Exists)
            throw new InvalidOperationException($"Queue '{endpoint}' does not exist; nothing to replay into.");
        var source = await InspectAsync(errorQueue, ct);
        if (!source.Exists)
            return new ReplayResult(0, 0, 0, 0);

        // Examine at most what is there now: replayed messages that fail again must not loop.
        var budget = (int)source.Messages!.Value;
        var kept = new List<ulong>();
        int examined = 0, matched = 0, moved = 0;
        try
        {
            while (examined < budget && (limit is null || matched < limit) && !ct.IsCancellationRequested)
            {
                var message = await channel.BasicGetAsync(errorQueue, autoAck: false, ct);
                if (message is null)
                    break;
                examined++;
                if (!filter.Matches(message.BasicProperties, message.Body))
                {
                    kept.Add(message.DeliveryTag);
                    continue;
                }
                matched++;
                if (dryRun)
                {
                    kept.Add(message.DeliveryTag);
                    continue;
                }
                await channel.BasicPublishAsync("", endpoint, mandatory: true, WithoutFaultHeaders(message.BasicProperties), message.Body, ct);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
                moved++;
                progress?.Report(moved);
            }
        }
        finally
        {
            foreach (var tag in kept)
                await channel.BasicNackAsync(tag, multiple: false, requeue: true, CancellationToken.None);
        }
        if (kept.Count > 0)
            await WaitUntilRequeuedAsync(errorQueue, kept.Count);
        return new ReplayResult(examined, moved, matched, kept.Count);
    }

    /// <summary>
    /// A quorum queue applies a requeue through its log, so for a moment after the nack the messages
    /// are counted nowhere. Waiting until they are visible again means a `status` or a second replay
    /// run straight after this one (a dry run, then the real thing) sees the whole error queue.
    /// </summary>
    private async Task WaitUntilRequeuedAsync(string errorQueue, int count)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < RequeueVisibilityTimeout)
        {
            if ((await InspectAsync(errorQueue)).Messages >= (uint)count)
                return;
            await Task.Delay(25);
        }
    }

    private static readonly TimeSpan RequeueVisibilityTimeout = TimeSpan.FromSeconds(10);

    private static BasicProperties WithoutFaultHeaders(IReadOnlyBasicProperties original)
    {
        var properties = new BasicProperties(original);
        if (original.Headers is { } headers)
        {
            properties.Headers = headers
                .Where(h => !h.Key.StartsWith(MassTransitHeaders.FaultPrefix, StringComparison.Ordinal) && h.Key != MassTransitHeaders.Reason)
                .ToDictionary(h => h.Key, h => h.Value);
        }
        return properties;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
