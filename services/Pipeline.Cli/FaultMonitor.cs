using System.Collections.Concurrent;
using MassTransit;
using Pipeline.Contracts.Messages;

namespace Pipeline.Cli;

/// <summary>
/// Remembers which reports' messages faulted after every retry during an in-process run, and why, so
/// `ingest` stops waiting for them and tells the operator instead of hanging until its timeout.
/// </summary>
internal sealed class FaultMonitor
{
    private readonly ConcurrentDictionary<Guid, string> _faults = new();

    public IReadOnlySet<Guid> Faulted => _faults.Keys.ToHashSet();

    public IReadOnlyDictionary<Guid, string> Reasons => _faults;

    public void Record(Guid reportId, string stage, Fault fault) =>
        _faults[reportId] = $"{stage}: {fault.Exceptions.FirstOrDefault()?.ExceptionType} {fault.Exceptions.FirstOrDefault()?.Message}".Trim();
}

/// <summary>Listens for the pipeline's Fault&lt;T&gt; events on a temporary endpoint.</summary>
internal sealed class FaultMonitorConsumer(FaultMonitor monitor) :
    IConsumer<Fault<ReportFetched>>, IConsumer<Fault<ReportExtracted>>, IConsumer<Fault<ReportClustered>>
{
    public Task Consume(ConsumeContext<Fault<ReportFetched>> context) => Record(context.Message.Message.ReportId, "extract", context.Message);

    public Task Consume(ConsumeContext<Fault<ReportExtracted>> context) => Record(context.Message.Message.ReportId, "deduplicate", context.Message);

    public Task Consume(ConsumeContext<Fault<ReportClustered>> context) => Record(context.Message.Message.ReportId, "publish", context.Message);

    private Task Record(Guid reportId, string stage, Fault fault)
    {
        monitor.Record(reportId, stage, fault);
        return Task.CompletedTask;
    }
}
