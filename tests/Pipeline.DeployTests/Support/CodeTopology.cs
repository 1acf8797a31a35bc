using System.Reflection;
using MassTransit;
using Pipeline.Alerting;
using Pipeline.Application.Hosting;

namespace Pipeline.DeployTests.Support;

/// <summary>One receive endpoint as the code declares it: queue name and the message types it consumes.</summary>
internal sealed record CodeEndpoint(string Queue, IReadOnlyList<Type> Consumes)
{
    /// <summary>MassTransit's RabbitMQ exchange for a message type: "Namespace:TypeName".</summary>
    public static string ExchangeOf(Type message) => $"{message.Namespace}:{message.Name}";

    public static string FaultExchangeOf(Type message) => $"MassTransit:Fault--{ExchangeOf(message)}--";
}

/// <summary>
/// The broker topology the code declares, found by reflection over the consumer definitions of the
/// pipeline and the alerting worker, so the deploy files are checked against code, not a copied list.
/// </summary>
internal static class CodeTopology
{
    private static readonly Assembly[] Assemblies = [typeof(PipelineRoles).Assembly, typeof(AlertingQueue).Assembly];

    public static IReadOnlyList<CodeEndpoint> Endpoints { get; } = Assemblies
        .SelectMany(a => a.GetTypes())
        .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(ConsumerDefinition<>))
        .Select(t =>
        {
            var definition = (IConsumerDefinition)Activator.CreateInstance(t)!;
            var consumer = t.BaseType!.GetGenericArguments()[0];
            var messages = consumer.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
                .Select(i => i.GetGenericArguments()[0]).ToList();
            return new CodeEndpoint(definition.GetEndpointName(DefaultEndpointNameFormatter.Instance), messages);
        })
        .OrderBy(e => e.Queue, StringComparer.Ordinal)
        .ToList();

    public static CodeEndpoint Endpoint(string queue) => Endpoints.Single(e => e.Queue == queue);
}
