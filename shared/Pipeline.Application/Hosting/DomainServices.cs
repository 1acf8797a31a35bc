using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Extraction;

namespace Pipeline.Application.Hosting;

/// <summary>The domain's default extractor and matcher, built once per process.</summary>
public static class DomainServices
{
    public static IReportExtractor CreateExtractor() => throw new NotImplementedException("extractor pending");

    public static ICampaignMatcher CreateMatcher() => throw new NotImplementedException("matcher pending");
}
