using System.Collections.Concurrent;
using Pipeline.Contracts.Export;
using Pipeline.Domain.Campaigns;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Publishing;

/// <summary>
/// Rebuilds and saves campaign views, several at once, without an older rebuild ever overwriting a
/// newer one. Views are built concurrently; saving takes this process's one turn, and whoever holds it
/// saves every view waiting, each only if the campaign it was built from is still the live head of its
/// chain (otherwise its caller rebuilds from the new head). Saves therefore land in campaign-version
/// order, a view of a campaign merged away meanwhile is never written back after the merge deleted it,
/// and a burst of rebuilds costs one turn, not one each. One instance per process (a singleton).
/// </summary>
public sealed class CampaignViewWriter(IPipelineStore store, IOperationAliases knownAliases)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ConcurrentQueue<PendingView> _waiting = new();

    /// <summary>Saves the current view of the live campaign <paramref name="campaignId"/> leads to, deletes the views of <paramref name="merged"/>.</summary>
    /// <returns>The saved view and the campaign version it shows.</returns>
    public async Task<(CampaignExport View, long Version)> RefreshAsync(Guid campaignId, IReadOnlyList<Guid> merged, CancellationToken ct)
    {
        while (true)
        {
            var campaign = await LiveCampaignAsync(campaignId, ct);
            var members = await store.GetReportsAsync(campaign.ReportIds, ct);
            var pending = new PendingView(campaignId, campaign, CampaignViewBuilder.Build(campaign, members, knownAliases), merged);
            _waiting.Enqueue(pending);
            while (!pending.Saved.Task.IsCompleted)
            {
                await _turn.WaitAsync(ct);
                try
                {
                    if (!pending.Saved.Task.IsCompleted)
                        await SaveWaitingAsync(ct);
                }
                finally
                {
                    _turn.Release();
                }
            }
            if (await pending.Saved.Task)
                return (pending.View, campaign.Version);
            // The campaign moved on while this view was built: build the newer one.
        }
    }

    private async Task SaveWaitingAsync(CancellationToken ct)
    {
        var batch = new List<PendingView>();
        while (_waiting.TryDequeue(out var next))
            batch.Add(next);
        var fresh = new List<PendingView>();
        foreach (var pending in batch)
        {
            try
            {
                var head = await LiveCampaignAsync(pending.CampaignId, ct);
                if (head.Id == pending.Campaign.Id && head.Version == pending.Campaign.Version)
                    fresh.Add(pending);
                else
                    pending.Saved.TrySetResult(false);
            }
            catch (Exception e)
            {
                pending.Saved.TrySetException(e); // this message's fault or a store outage: retried on its own
            }
        }
        try
        {
            // Distinct campaigns and distinct merged ids: no two writes below touch the same view.
            await Task.WhenAll(
                fresh.DistinctBy(p => p.Campaign.Id).Select(p => store.SaveCampaignViewAsync(p.View, ct))
                    .Concat(fresh.SelectMany(p => p.Merged).Distinct().Select(id => store.DeleteCampaignViewAsync(id, ct))));
            foreach (var pending in fresh)
                pending.Saved.TrySetResult(true);
        }
        catch (Exception e)
        {
            foreach (var pending in fresh)
                pending.Saved.TrySetException(e);
        }
    }

    /// <summary>The campaign may have been merged since the decision: follow the chain to the survivor.</summary>
    private async Task<CampaignRecord> LiveCampaignAsync(Guid id, CancellationToken ct)
    {
        var seen = new HashSet<Guid>();
        var campaign = await store.GetCampaignAsync(id, ct) ?? throw new InvalidOperationException($"Campaign {id} is not in the store.");
        while (campaign.MergedInto is { } next && seen.Add(campaign.Id))
            campaign = await store.GetCampaignAsync(next, ct) ?? throw new InvalidOperationException($"Campaign {next} is not in the store.");
        return campaign;
    }

    private sealed record PendingView(Guid CampaignId, CampaignRecord Campaign, CampaignExport View, IReadOnlyList<Guid> Merged)
    {
        /// <summary>True once saved; false when the campaign had moved on (rebuild).</summary>
        public TaskCompletionSource<bool> Saved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
