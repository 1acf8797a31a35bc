using Pipeline.Contracts.Export;
using Pipeline.Domain.Campaigns;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Publishing;

/// <summary>
/// Rebuilds and saves campaign views, several at once, without an older rebuild ever overwriting a
/// newer one: views are built concurrently, but each is saved under this process's one turn, and only
/// if the campaign it was built from is still the live head of the chain at that moment (otherwise it
/// is rebuilt from the new head). Saves therefore land in campaign-version order, and a view of a
/// campaign merged away meanwhile is never written back after the merge deleted it.
/// One instance per process (a singleton).
/// </summary>
public sealed class CampaignViewWriter(IPipelineStore store, IOperationAliases knownAliases)
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Saves the current view of the live campaign <paramref name="campaignId"/> leads to, deletes the views of <paramref name="merged"/>.</summary>
    /// <returns>The saved view and the campaign version it shows.</returns>
    public async Task<(CampaignExport View, long Version)> RefreshAsync(Guid campaignId, IReadOnlyList<Guid> merged, CancellationToken ct)
    {
        while (true)
        {
            var campaign = await LiveCampaignAsync(campaignId, ct);
            var members = await store.GetReportsAsync(campaign.ReportIds, ct);
            var view = CampaignViewBuilder.Build(campaign, members, knownAliases);

            await _turn.WaitAsync(ct);
            try
            {
                var head = await LiveCampaignAsync(campaignId, ct);
                if (head.Id != campaign.Id || head.Version != campaign.Version)
                    continue; // the campaign moved on while this view was built: build the newer one
                await store.SaveCampaignViewAsync(view, ct);
                foreach (var id in merged)
                    await store.DeleteCampaignViewAsync(id, ct);
                return (view, campaign.Version);
            }
            finally
            {
                _turn.Release();
            }
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
}
