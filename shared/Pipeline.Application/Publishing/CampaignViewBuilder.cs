using Pipeline.Application.Export;
using Pipeline.Contracts.Export;
using Pipeline.Contracts.Messages;
using Pipeline.Domain.Campaigns;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Publishing;

/// <summary>
/// Derives a campaign's published view from its member reports only. Because nothing is accumulated,
/// rebuilding after a replay gives the same figures: replays cannot inflate counts.
/// </summary>
public static class CampaignViewBuilder
{
    public static CampaignExport Build(CampaignRecord campaign, IReadOnlyList<ReportRecord> members, IOperationAliases? knownAliases = null)
    {
        var ordered = members
            .Where(r => r.Extraction is not null)
            .OrderBy(r => r.Extraction!.ReportedOn ?? r.PublishedOn ?? DateOnly.MaxValue)
            .ThenBy(r => r.Source, StringComparer.Ordinal)
            .ToArray();
        var profile = CampaignProfileBuilder.Build(ordered.Select(r => new CampaignMember(r.Id, r.Extraction!)).ToArray(), knownAliases);

        // Chosen figures per platform, and "platform": {} for one a member says removed assets without a figure.
        var platforms = profile.Platforms;
        var disagreements = profile.Figures
            .Where(f => f.Disputed)
            .Select(f => new FigureDisagreement(f.Platform, f.Asset, f.Chosen, f.Stated.Select(s => new StatedFigure(s.Count, s.Sources)).ToArray()))
            .ToArray();

        return new CampaignExport(
            campaign.Id,
            profile.Name,
            profile.Aliases,
            profile.OriginCountries,
            profile.TargetCountries,
            profile.TargetRegions,
            profile.Actors,
            profile.Partners,
            platforms,
            profile.FirstReported,
            profile.LastReported,
            ordered.Select(ReportExportMapper.ToExport).ToArray(),
            disagreements,
            campaign.MergedFrom);
    }

    public static CampaignSnapshot ToSnapshot(CampaignExport view, long version) => new(
        view.Id, view.Name, view.Aliases, view.OriginCountries, view.TargetCountries, view.TargetRegions,
        view.Actors, view.Partners, view.Platforms, view.FirstReported, view.LastReported, view.Reports.Count, version);
}
