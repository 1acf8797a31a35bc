using MassTransit;
using Pipeline.Contracts.Messages;

namespace Pipeline.Application.Observability;

/// <summary>
/// Reads stage outcomes off what the workers publish: an announced report (fetch), a clustering
/// decision, a permanent failure, or MassTransit's Fault after the retries ran out.
/// </summary>
public sealed class PipelinePublishObserver : IPublishObserver
{
    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        switch (context.Message)
        {
            case ReportFetched:
                PipelineMetrics.ReportProcessed(PipelineStage.Fetch);
                break;
            case ReportClustered clustered:
                PipelineMetrics.DedupDecision(clustered.Decision.ToString().ToLowerInvariant());
                break;
            case ReportFailed failed:
                PipelineMetrics.ReportFailed(failed.Stage, FailureReason.Of(failed.Reason));
                break;
            case Fault fault when FaultedStage(typeof(T)) is { } stage:
                var exception = fault.Exceptions.FirstOrDefault()?.ExceptionType;
                PipelineMetrics.ReportFailed(stage, exception?.Split('.')[^1] ?? FailureReason.Other);
                break;
        }
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    private static string? FaultedStage(Type faultType) =>
        faultType.IsGenericType && faultType.GetGenericTypeDefinition() == typeof(Fault<>)
            ? PipelineStage.Consuming(faultType.GetGenericArguments()[0])
            : null;
}
