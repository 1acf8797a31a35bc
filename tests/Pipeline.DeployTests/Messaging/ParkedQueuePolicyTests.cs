using System.Text;
using Pipeline.DeployTests.Support;
using Pipeline.Infrastructure.Messaging;
using RabbitMQ.Client;

namespace Pipeline.DeployTests.Messaging;

/// <summary>The parked-queue policy of definitions.json, imported into the local broker and put to work.</summary>
public sealed class ParkedQueuePolicyTests
{
    /// <summary>More requeues than a 4.x quorum queue's default delivery limit (20) allows.</summary>
    private const int Requeues = 30;

    [Fact]
    public async Task Imported_definitions_apply_the_policy_to_error_queues_and_a_message_survives_more_requeues_than_the_default_limit()
    {
        await using var sandbox = await BrokerSandbox.CreateAsync(); // the import itself fails if the broker rejects the policy
        var errorQueue = QueueNames.Error(QueueNames.ExtractReport);

        var queues = await TestRabbitMq.CtlAsync("list_queues", "-p", sandbox.Name, "--no-table-headers", "--quiet", "name", "policy", "type");
        var line = queues.Split('\n').Select(l => l.Split('\t', StringSplitOptions.TrimEntries)).Single(f => f[0] == errorQueue);
        Assert.Equal("parked-messages", line[1]);
        Assert.Equal("quorum", line[2]);

        var uri = TestRabbitMq.VirtualHostUri(sandbox.Name, BrokerSandbox.AdminUri);
        await using var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicPublishAsync("", errorQueue, true, new BasicProperties { Persistent = true, MessageId = "parked-1" }, Encoding.UTF8.GetBytes("{}"));

        // What `replay --dry-run` does to every message it looks at: get it, then return it to the queue.
        for (var i = 0; i < Requeues; i++)
        {
            var message = await GetAsync(channel, errorQueue);
            Assert.True(message is not null, $"the parked message was dropped after {i} requeues");
            Assert.Equal("parked-1", message.BasicProperties.MessageId);
            await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true);
        }
        var last = await GetAsync(channel, errorQueue);
        Assert.True(last is not null, $"the parked message was dropped after {Requeues} requeues");
        await channel.BasicAckAsync(last.DeliveryTag, multiple: false);
    }

    /// <summary>A quorum queue applies a requeue through its log: the message can be invisible for a moment.</summary>
    private static async Task<BasicGetResult?> GetAsync(IChannel channel, string queue)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await channel.BasicGetAsync(queue, autoAck: false) is { } message)
                return message;
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
                return null;
            await Task.Delay(20);
        }
    }
}
