using System.Collections.Concurrent;
using MassTransit;
using Pipeline.Contracts.Messages;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Fetcher.Tests.Support;

/// <summary>Every ReportFetched the host published (recorded when Publish completes), and how many were consumed.</summary>
internal sealed class PublishedReports : IPublishObserver
{
    private readonly ConcurrentQueue<ReportFetched> _published = new();
    private int _consumed;

    public IReadOnlyList<ReportFetched> All => _published.ToList();
    public int Count => _published.Count;
    public int Consumed => Volatile.Read(ref _consumed);

    public void MarkConsumed() => Interlocked.Increment(ref _consumed);

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        if (context.Message is ReportFetched fetched)
            _published.Enqueue(fetched);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

/// <summary>Stands in for the extractor: moves an announced report to Extracted, as the real stage would.</summary>
internal sealed class ExtractorStandIn(IPipelineStore store, PublishedReports published) : IConsumer<ReportFetched>
{
    public async Task Consume(ConsumeContext<ReportFetched> context)
    {
        if (await store.GetReportAsync(context.Message.ReportId) is { State: ReportState.Fetched } report)
            await store.SaveReportAsync(report with { State = ReportState.Extracted });
        published.MarkConsumed();
    }
}
