using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Extraction;
using Pipeline.Domain.Knowledge;

namespace Pipeline.Application.Hosting;

/// <summary>The domain's default extractor and matcher over the embedded knowledge base.</summary>
public static class DomainServices
{
    public static IReportExtractor CreateExtractor() => new RuleBasedReportExtractor(KnowledgeBase.Default);

    public static IOperationAliases KnownAliases => KnownOperationAliases.Default;

    public static ICampaignMatcher CreateMatcher() => new CampaignMatcher(KnownAliases);
}
