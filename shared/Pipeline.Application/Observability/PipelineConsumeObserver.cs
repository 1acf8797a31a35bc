using MassTransit;
using Pipeline.Contracts.Messages;

namespace Pipeline.Application.Observability;

/// <summary>
/// Tags every consume with the report and campaign it is about, and records queue lag and stage
/// throughput. Failures are counted once, from the Fault the bus publishes after the last retry
/// (<see cref="PipelinePublishObserver"/>), not per attempt here.
/// </summary>
public sealed class PipelineConsumeObserver(TimeProvider clock) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        var (reportId, campaignId) = MessageIds.Of(context.Message);
        PipelineTelemetry.TagCurrent(reportId, campaignId);

        // Retries re-enter here; only the first attempt measures how long the message waited.
        if (context.GetRetryAttempt() == 0 && context.SentTime is { } sent)
            PipelineMetrics.QueueLag(QueueOf(context), clock.GetUtcNow().UtcDateTime - sent);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (PipelineStage.Consuming(typeof(T)) is { } stage)
            PipelineMetrics.ReportProcessed(stage);
        if (context.Message is ReportExtracted { DescribesTakedown: false })
            PipelineMetrics.DedupDecision("not_takedown");
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    private static string QueueOf(ConsumeContext context) =>
        context.ReceiveContext.InputAddress?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "unknown";
}
