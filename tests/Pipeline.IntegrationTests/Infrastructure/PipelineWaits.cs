using System.Diagnostics;
using Pipeline.Application.Export;
using Pipeline.Infrastructure.Messaging;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>Waiting for the workers (by condition, with generous timeouts) and checking the broker they leave behind.</summary>
internal static class PipelineWaits
{
    /// <summary>Polls the store until every report reached a final state and every campaign view is current.</summary>
    public static async Task<PipelineProgress> ForCompletionAsync(IPipelineStore store, IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var progress = await PipelineProgress.ReadAsync(store, ids, CancellationToken.None);
            if (progress.Complete || clock.Elapsed > timeout)
                return progress;
            await Task.Delay(200);
        }
    }

    /// <summary>Waits for the condition, then a little longer so stragglers (duplicates that must not exist) arrive before asserting.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < timeout)
            await Task.Delay(100);
        await Task.Delay(500);
    }

    /// <summary>Every pipeline queue is empty and no message faulted into an _error queue.</summary>
    public static async Task AssertQueuesDrainedAsync(TestVirtualHost vhost)
    {
        foreach (var queue in QueueNames.All)
        {
            Assert.Equal(0u, await vhost.MessageCountAsync(queue));
            Assert.True((await vhost.MessageCountAsync(QueueNames.Error(queue)) ?? 0) == 0, $"{QueueNames.Error(queue)} is not empty");
        }
    }
}
