using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pipeline.Alerting;
using Pipeline.DeployTests.Support;
using Pipeline.Infrastructure.Messaging;

namespace Pipeline.DeployTests.Messaging;

/// <summary>deploy/rabbitmq/definitions.json against the topology the code declares.</summary>
public sealed class DefinitionsTests
{
    private readonly RabbitMqDefinitions definitions = RabbitMqDefinitions.Load();

    private string[] Queues => definitions.Section("queues").Select(q => q["name"]!.GetValue<string>()).ToArray();

    [Fact]
    public void Queues_are_the_code_endpoints_and_their_error_queues_all_durable_quorum()
    {
        var expected = CodeTopology.Endpoints.SelectMany(e => new[] { e.Queue, QueueNames.Error(e.Queue) });
        Assert.Equal(expected.Order(), Queues.Order());
        Assert.All(definitions.Section("queues"), queue =>
        {
            Assert.Equal("quorum", queue["arguments"]?["x-queue-type"]?.GetValue<string>());
            Assert.True(queue["durable"]!.GetValue<bool>());
            Assert.False(queue["auto_delete"]!.GetValue<bool>());
            Assert.Equal(definitions.VirtualHost, queue["vhost"]!.GetValue<string>());
        });
    }

    [Fact]
    public void QueueNames_All_and_the_definitions_agree_both_ways()
    {
        var consumed = Queues.Where(q => !q.EndsWith("_error", StringComparison.Ordinal)).ToHashSet();
        Assert.Subset(consumed, QueueNames.All.ToHashSet());
        // The alerting example's own queue is the only one outside the pipeline's topology.
        Assert.Equal([AlertingQueue.Name], consumed.Except(QueueNames.All));
    }

    [Fact]
    public void Every_consumed_message_type_reaches_its_queue_before_any_worker_starts()
    {
        var bindings = definitions.Section("bindings")
            .Select(b => (Source: S(b, "source"), Destination: S(b, "destination"), Kind: S(b, "destination_type"))).ToHashSet();
        var exchanges = definitions.Section("exchanges").ToDictionary(e => S(e, "name"), e => S(e, "type"));
        foreach (var endpoint in CodeTopology.Endpoints)
        {
            foreach (var queue in new[] { endpoint.Queue, QueueNames.Error(endpoint.Queue) })
            {
                Assert.Equal("fanout", exchanges[queue]);
                Assert.Contains((queue, queue, "queue"), bindings);
            }
            foreach (var message in endpoint.Consumes)
            {
                Assert.Equal("fanout", exchanges[CodeEndpoint.ExchangeOf(message)]);
                Assert.Contains((CodeEndpoint.ExchangeOf(message), endpoint.Queue, "exchange"), bindings);
            }
        }
    }

    [Fact]
    public void Every_queue_has_a_policy_that_dead_letters_poison_messages_to_its_error_queue()
    {
        foreach (var endpoint in CodeTopology.Endpoints)
        {
            var matching = definitions.Section("policies").Where(p => Regex.IsMatch(endpoint.Queue, S(p, "pattern"))).ToList();
            var policy = Assert.Single(matching);
            Assert.Equal("queues", S(policy, "apply-to"));
            Assert.True(policy["definition"]!["delivery-limit"]!.GetValue<int>() > 0);
            Assert.Equal(QueueNames.Error(endpoint.Queue), policy["definition"]!["dead-letter-exchange"]!.GetValue<string>());
            Assert.DoesNotMatch(S(policy, "pattern"), QueueNames.Error(endpoint.Queue));
        }
    }

    /// <summary>
    /// Parked messages are requeued by `replay --dry-run` and filtered replays (and returned when a replay
    /// is interrupted); on RabbitMQ 4.x a quorum queue's default delivery limit (20) would drop them after
    /// enough of those. One policy per parked queue lifts the limit. Not -1: RabbitMQ 3.x rejects it (the
    /// local broker, so the import would fail) and a 4.x policy is not reliably honoured with it; a limit no
    /// replay history reaches is accepted by both.
    /// </summary>
    [Fact]
    public void Error_and_skipped_queues_have_a_policy_that_never_drops_a_parked_message()
    {
        foreach (var endpoint in CodeTopology.Endpoints)
        {
            foreach (var parked in new[] { QueueNames.Error(endpoint.Queue), QueueNames.Skipped(endpoint.Queue) })
            {
                // RabbitMQ applies one policy per queue (the highest priority): exactly one may match.
                var policy = Assert.Single(definitions.Section("policies"), p => Regex.IsMatch(parked, S(p, "pattern")));
                Assert.Equal("queues", S(policy, "apply-to"));
                Assert.Equal(definitions.VirtualHost, S(policy, "vhost"));
                var limit = policy["definition"]!["delivery-limit"]!.GetValue<int>();
                Assert.InRange(limit, ParkedDeliveryLimitFloor, int.MaxValue);
                // Nowhere further to go: a dead-letter target would move messages out of reach of `replay`.
                Assert.Null(policy["definition"]!["dead-letter-exchange"]);
            }
        }
    }

    /// <summary>Far more requeues than any sequence of dry runs and filtered replays of one queue makes.</summary>
    internal const int ParkedDeliveryLimitFloor = 100_000;

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Service_user_may_declare_bind_and_consume_its_own_topology(string service)
    {
        var worker = WorkerCatalog.Named(service);
        var permission = definitions.Permission(worker.RabbitMqUser);
        Assert.NotNull(permission);
        if (worker.Queue is null)
            return; // publish-only: checked by the local run (WorkerProcessTests)

        var endpoint = CodeTopology.Endpoint(worker.Queue);
        var own = new[] { endpoint.Queue, QueueNames.Error(endpoint.Queue), QueueNames.Skipped(endpoint.Queue) };
        var types = endpoint.Consumes.Select(CodeEndpoint.ExchangeOf).ToArray();
        var faults = endpoint.Consumes.Select(CodeEndpoint.FaultExchangeOf).Append("MassTransit:Fault").ToArray();

        // RabbitMQ: declare = configure; queue.bind = write on queue + read on exchange;
        // exchange.bind = write on destination + read on source; publish = write; consume = read.
        Assert.All(own.Concat(types).Concat(faults), name => AssertGrants(permission, "configure", name));
        Assert.All(own.Concat(faults), name => AssertGrants(permission, "write", name));
        Assert.All(own.Concat(types).Concat(endpoint.Consumes.Select(CodeEndpoint.FaultExchangeOf)), name => AssertGrants(permission, "read", name));
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Service_user_may_not_touch_another_services_queues(string service)
    {
        var worker = WorkerCatalog.Named(service);
        var permission = definitions.Permission(worker.RabbitMqUser)!;
        foreach (var other in CodeTopology.Endpoints.Where(e => e.Queue != worker.Queue))
        {
            foreach (var right in new[] { "configure", "write", "read" })
                Assert.False(Grants(permission, right, other.Queue), $"{service} has {right} on {other.Queue}");
        }
    }

    [Fact]
    public void Definitions_hold_no_users_or_password_hashes()
    {
        Assert.Empty(definitions.Section("users"));
        Assert.DoesNotContain("password", RepoPaths.ReadText(RabbitMqDefinitions.File), StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertGrants(JsonObject permission, string right, string name) =>
        Assert.True(Grants(permission, right, name), $"{S(permission, "user")} lacks {right} on '{name}' ({S(permission, right)})");

    private static bool Grants(JsonObject permission, string right, string name) => Regex.IsMatch(name, S(permission, right));

    private static string S(JsonObject node, string key) => node[key]!.GetValue<string>();
}
