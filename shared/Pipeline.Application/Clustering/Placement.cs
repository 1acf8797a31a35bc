using Pipeline.Contracts.Messages;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Clustering;

/// <summary>One report waiting for <see cref="CampaignClusterer"/> to decide it, and the answer its caller awaits.</summary>
internal sealed class Placement(ReportRecord report)
{
    private int _abandoned;

    public ReportRecord Report { get; } = report;

    public TaskCompletionSource<ReportClustered?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The caller stopped waiting (its worker is stopping) before anyone decided it.</summary>
    public bool Abandoned => Volatile.Read(ref _abandoned) != 0;

    public void Abandon(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _abandoned, 1);
        Done.TrySetCanceled(cancellationToken);
    }

    public void Answer(ReportClustered? decision) => Done.TrySetResult(decision);

    public void Fail(Exception e)
    {
        if (e is OperationCanceledException canceled)
            Done.TrySetCanceled(canceled.CancellationToken);
        else
            Done.TrySetException(e);
    }
}
