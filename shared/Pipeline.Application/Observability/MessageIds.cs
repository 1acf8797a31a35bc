using Pipeline.Contracts.Messages;

namespace Pipeline.Application.Observability;

/// <summary>The report and campaign a pipeline message is about, for span tags and log scopes.</summary>
public static class MessageIds
{
    public static (Guid? ReportId, Guid? CampaignId) Of(object message) => message switch
    {
        ReportFetched m => (m.ReportId, null),
        ReportExtracted m => (m.ReportId, null),
        ReportFailed m => (m.ReportId, null),
        ReportClustered m => (m.ReportId, m.CampaignId),
        CampaignDetected m => (m.ReportId, m.Campaign.Id),
        CampaignUpdated m => (m.ReportId, m.Campaign.Id),
        CampaignsMerged m => (m.ReportId, m.Campaign.Id),
        _ => (null, null),
    };
}
