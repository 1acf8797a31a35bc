using Pipeline.Contracts.Messages;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Clustering;

/// <summary>
/// Decisions made in one group, not yet committed: later reports of the group must see the campaigns the
/// earlier ones opened, grew or merged away, exactly as if each had been committed on its own.
/// </summary>
internal sealed class PlacementGroup
{
    /// <summary>Each campaign the group changed, in its latest state (retired ones included).</summary>
    public Dictionary<Guid, CampaignRecord> Campaigns { get; } = [];

    public List<ReportRecord> Placed { get; } = [];

    public Dictionary<Guid, ReportClustered> Announced { get; } = [];

    public void Add(IReadOnlyList<CampaignRecord> campaigns, ReportRecord placed, ReportClustered announcement)
    {
        foreach (var campaign in campaigns)
            Campaigns[campaign.Id] = campaign;
        Placed.Add(placed);
        Announced[placed.Id] = announcement;
    }

    /// <summary>
    /// The live campaigns having any of <paramref name="keys"/>: the store's, replaced by this group's newer
    /// state of them, plus the ones this group opened or gave new keys; none it merged away.
    /// </summary>
    public IReadOnlyList<CampaignRecord> Overlay(IReadOnlyList<string> keys, IReadOnlyList<CampaignRecord> stored)
    {
        if (Campaigns.Count == 0)
            return stored;
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var live = new Dictionary<Guid, CampaignRecord>();
        foreach (var campaign in stored)
            live[campaign.Id] = Campaigns.GetValueOrDefault(campaign.Id, campaign);
        foreach (var campaign in Campaigns.Values)
        {
            if (campaign.Keys.Any(wanted.Contains))
                live[campaign.Id] = campaign;
        }
        return live.Values.Where(c => c.MergedInto is null && c.Keys.Any(wanted.Contains)).ToList();
    }
}
