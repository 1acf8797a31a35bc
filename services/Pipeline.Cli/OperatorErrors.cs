using Microsoft.Extensions.Options;
using Pipeline.Infrastructure.Storage;
using RabbitMQ.Client.Exceptions;

namespace Pipeline.Cli;

/// <summary>Failures an operator can act on, in words; anything else keeps its stack trace (a bug).</summary>
internal static class OperatorErrors
{
    public static string? Explain(Exception e) => e switch
    {
        BrokerUnreachableException => $"RabbitMQ is not reachable ({e.InnerException?.Message ?? e.Message}). Is it running? scripts/ensure-rabbitmq.sh starts a local one.",
        OperationInterruptedException interrupted => $"RabbitMQ refused the operation: {interrupted.ShutdownReason?.ReplyText ?? interrupted.Message}",
        StoreUnavailableException => $"the store is unavailable: {e.Message}",
        OptionsValidationException options => "invalid configuration: " + string.Join(" ", options.Failures),
        ArgumentException when e.Message.StartsWith("Invalid store options", StringComparison.Ordinal) => e.Message,
        InvalidOperationException when e.Message.Contains("does not exist", StringComparison.Ordinal) => e.Message,
        OperationCanceledException => "cancelled.",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Explain(aggregate.InnerExceptions[0]),
        _ => null,
    };
}
