using Microsoft.Extensions.Options;
using Pipeline.Contracts.Messages;

namespace Pipeline.Alerting;

/// <summary>
/// Which campaigns are worth an alert. Each configured criterion must match (country AND platform);
/// within one, any listed value matches. Nothing configured: every campaign.
/// </summary>
public sealed class CampaignAlertFilter(IOptions<AlertingOptions> options)
{
    private readonly HashSet<string> countries = new(AlertingOptions.Split(options.Value.Countries), StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> platforms = new(AlertingOptions.Split(options.Value.Platforms), StringComparer.OrdinalIgnoreCase);

    public bool Matches(CampaignSnapshot campaign) =>
        (countries.Count == 0 || campaign.OriginCountries.Concat(campaign.TargetCountries).Any(countries.Contains))
        && (platforms.Count == 0 || campaign.Platforms.Keys.Any(platforms.Contains));
}
