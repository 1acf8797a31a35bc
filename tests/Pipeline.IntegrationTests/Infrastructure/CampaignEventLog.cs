using System.Collections.Concurrent;
using MassTransit;
using Pipeline.Contracts.Messages;

namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>What a downstream subscriber received: every campaign event with its message id.</summary>
public sealed class CampaignEventLog
{
    public ConcurrentBag<(Guid? MessageId, string Type, Guid CampaignId, Guid ReportId)> Events { get; } = [];

    /// <summary>Every CampaignsMerged received, with its payload (the survivor's snapshot and the merged ids).</summary>
    public ConcurrentQueue<(Guid? MessageId, CampaignsMerged Message)> Merges { get; } = [];

    public int Count(string type) => Events.Count(e => e.Type == type);

    public int DistinctMessageIds => Events.Select(e => e.MessageId).Distinct().Count();
}

/// <summary>A downstream alerting subscriber, as a separate host with its own queue would run it.</summary>
public sealed class CampaignEventCollector(CampaignEventLog log) :
    IConsumer<CampaignDetected>, IConsumer<CampaignUpdated>, IConsumer<CampaignsMerged>
{
    public Task Consume(ConsumeContext<CampaignDetected> context) => Add(context, context.Message.Campaign.Id, context.Message.ReportId);

    public Task Consume(ConsumeContext<CampaignUpdated> context) => Add(context, context.Message.Campaign.Id, context.Message.ReportId);

    public Task Consume(ConsumeContext<CampaignsMerged> context)
    {
        log.Merges.Enqueue((context.MessageId, context.Message));
        return Add(context, context.Message.Campaign.Id, context.Message.ReportId);
    }

    private Task Add<T>(ConsumeContext<T> context, Guid campaignId, Guid reportId) where T : class
    {
        log.Events.Add((context.MessageId, typeof(T).Name, campaignId, reportId));
        return Task.CompletedTask;
    }
}
