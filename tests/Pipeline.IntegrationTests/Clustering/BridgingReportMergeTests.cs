using System.Text.Json;
using Pipeline.Contracts.Messages;
using Pipeline.Infrastructure.Storage;
using Pipeline.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Pipeline.IntegrationTests.Clustering;

/// <summary>
/// A report that names two operations already known as separate campaigns merges them, through the
/// production deduplicator (<c>CampaignClusterer</c> in <c>ReportExtractedConsumer</c>) and campaign
/// publisher (<c>ReportClusteredConsumer</c>), each its own host over the real local RabbitMQ.
/// </summary>
public sealed class BridgingReportMergeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    // Our own words. The names and the link between them are public: Recorded Future's "CopyCop" and
    // Microsoft's "Storm-1516" have been reported as one Russian operation. Figures are ours.
    private const string CopyCop = """
        Facebook removes network tied to CopyCop
        May 9, 2024

        Facebook said on Thursday that it had removed 27 accounts, 9 Pages and 3 groups for coordinated inauthentic behavior. The network originated in Russia and targeted audiences in the United States and France.

        The accounts posed as local news readers and shared articles from websites that copy stories from mainstream outlets and rewrite them with a large language model to add a partisan slant. Researchers call the operation CopyCop. Several of the sites used names that sound like small-town American newspapers.

        The company said it found the activity as part of its own investigation and shared what it found with other platforms.
        """;

    private const string Storm1516 = """
        X suspends accounts behind staged election videos
        November 5, 2024

        X has suspended four accounts that federal agencies linked to Russian attempts to undermine trust in the presidential election. One account had spread a staged video of a supposed voter fraud scheme in Georgia; another posted footage said to show destroyed mail-in ballots in Pennsylvania.

        Analysts said the videos match the methods of Storm-1516, a Russian operation that films short staged clips with paid actors and launders them through fake news sites and recruited influencers.

        The company did not say whether it had removed other accounts.
        """;

    private const string Bridge = """
        Two names, one operation: YouTube removes channels of CopyCop, also known as Storm-1516
        December 12, 2024

        Researchers now say that CopyCop and Storm-1516 are the same Russian operation: the websites that rewrite news with artificial intelligence and the staged videos pushed by paid influencers are run by the same people. The network Recorded Future tracks as CopyCop is what Microsoft calls Storm-1516.

        YouTube said it had terminated 14 channels linked to the operation after reviewing the findings. The channels uploaded staged clips aimed at voters in the United States and at audiences in Germany and France.
        """;

    private readonly RabbitMqBroker _broker = new();

    [Fact]
    public async Task A_report_naming_both_operations_merges_their_campaigns_once()
    {
        await using var vhost = await _broker.CreateVirtualHostAsync();
        using var temp = new TempDirectory();
        await using var workers = await PipelineWorkers.StartAsync(vhost, temp.File("pipeline.db"));
        var store = workers.Store;

        // Two operations, two campaigns (one at a time, so the order is known).
        var copyCop = await IngestAndWaitAsync(workers, "copycop-facebook-2024-05.txt", CopyCop);
        var storm = await IngestAndWaitAsync(workers, "storm-1516-x-2024-11.txt", Storm1516);
        var survivorId = (await store.GetReportAsync(copyCop))!.CampaignId!.Value;
        var mergedId = (await store.GetReportAsync(storm))!.CampaignId!.Value;
        Assert.NotEqual(survivorId, mergedId);
        Assert.Equal(2, (await store.ListCampaignsAsync()).Count);
        await PipelineWaits.UntilAsync(() => workers.Events.Count(nameof(CampaignDetected)) >= 2, Timeout);
        Assert.Equal(2, workers.Events.Count(nameof(CampaignDetected)));

        // The bridge: both campaigns become one; the older one (CopyCop's) survives.
        var bridge = await IngestAndWaitAsync(workers, "copycop-storm-1516-youtube-2024-12.txt", Bridge);
        await PipelineWaits.UntilAsync(() => !workers.Events.Merges.IsEmpty, Timeout);

        var survivor = (await store.GetCampaignAsync(survivorId))!;
        Assert.Null(survivor.MergedInto);
        Assert.Equal([mergedId], survivor.MergedFrom);
        Assert.Equal(new[] { copyCop, storm, bridge }.Order(), survivor.ReportIds.Order());

        var merged = await store.GetCampaignAsync(mergedId);
        Assert.NotNull(merged); // kept, not deleted
        Assert.Equal(survivorId, merged.MergedInto);
        Assert.Equal([storm], merged.ReportIds);
        Assert.Equal([survivorId], (await store.ListCampaignsAsync()).Select(c => c.Id));
        Assert.Equal(new[] { survivorId, mergedId }.Order(), (await store.ListCampaignsAsync(includeMerged: true)).Select(c => c.Id).Order());

        var placed = (await store.GetReportAsync(bridge))!;
        Assert.Equal(survivorId, placed.CampaignId);
        Assert.Equal(ClusterDecision.Merged, placed.Match!.Decision);
        Assert.Equal([mergedId], placed.Match.MergedCampaignIds);
        output.WriteLine($"bridge match {placed.Match.Score:0.00}: {string.Join("; ", placed.Match.Reasons)}");

        // Exactly one CampaignsMerged, carrying the survivor's snapshot (all three reports' figures) and the merged id.
        var (eventId, merge) = Assert.Single(workers.Events.Merges);
        Assert.Equal(1, workers.Events.Count(nameof(CampaignsMerged)));
        Assert.Equal(survivorId, merge.Campaign.Id);
        Assert.Equal([mergedId], merge.MergedCampaignIds);
        Assert.Equal(bridge, merge.ReportId);
        Assert.Equal(3, merge.Campaign.ReportCount);
        Assert.Equal(survivor.Version, merge.Campaign.Version);
        AssertFiguresOfAllThree(merge.Campaign.Platforms);
        output.WriteLine($"merged snapshot: {JsonSerializer.Serialize(merge.Campaign)}");

        // The merged campaign's view is gone; the survivor's view holds every report and figure.
        Assert.Null(await store.GetCampaignViewAsync(mergedId));
        var view = Assert.Single(await store.ListCampaignViewsAsync());
        Assert.Equal(survivorId, view.Id);
        Assert.Equal([mergedId], view.MergedFrom);
        Assert.Equal(
            ["copycop-facebook-2024-05.txt", "copycop-storm-1516-youtube-2024-12.txt", "storm-1516-x-2024-11.txt"],
            view.Reports.Select(r => r.Source).Order(StringComparer.Ordinal));
        AssertFiguresOfAllThree(view.Platforms);
        await PipelineWaits.AssertQueuesDrainedAsync(vhost);

        // Replaying the bridge's messages (an operator's replay, a redelivery) changes nothing: the same
        // decision is re-announced, and the re-sent CampaignsMerged keeps its deterministic message id.
        var before = await StateAsync(store);
        var replayed = (await store.GetReportAsync(bridge))!;
        await workers.Bus.Publish(new ReportFetched(replayed.Id, replayed.ContentHash, replayed.Source, replayed.Title, replayed.MediaType, replayed.FetchedAt));
        await PipelineWaits.UntilAsync(() => workers.Events.Merges.Count >= 2, Timeout);
        await workers.Bus.Publish(new ReportExtracted(replayed.Id, replayed.Source, true,
            replayed.Extraction!.OperationNames.Select(f => f.Value).Distinct().ToArray(),
            replayed.Extraction.OriginCountries.Select(f => f.Value).Distinct().ToArray(),
            replayed.ExtractorVersion!, replayed.UpdatedAt));
        await PipelineWaits.UntilAsync(() => workers.Events.Merges.Count >= 3, Timeout);

        Assert.Equal(3, workers.Events.Merges.Count);
        Assert.All(workers.Events.Merges, m =>
        {
            Assert.Equal(eventId, m.MessageId);
            Assert.Equal(survivorId, m.Message.Campaign.Id);
            Assert.Equal([mergedId], m.Message.MergedCampaignIds);
        });
        Assert.Equal(2, workers.Events.Count(nameof(CampaignDetected)));
        Assert.Equal(0, workers.Events.Count(nameof(CampaignUpdated)));
        Assert.Equal(before, await StateAsync(store));
        await PipelineWaits.AssertQueuesDrainedAsync(vhost);
    }

    private static async Task<Guid> IngestAndWaitAsync(PipelineWorkers workers, string fileName, string text)
    {
        var id = await workers.IngestAsync(fileName, text);
        var progress = await PipelineWaits.ForCompletionAsync(workers.Store, [id], Timeout);
        Assert.True(progress.Complete, $"{fileName} did not finish: {progress}");
        Assert.Equal(1, progress.Clustered);
        return id;
    }

    /// <summary>Facebook from the CopyCop report, X from the Storm-1516 one, YouTube from the bridge.</summary>
    private static void AssertFiguresOfAllThree(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> platforms)
    {
        Assert.Equal(27, platforms["facebook"]["accounts"]);
        Assert.Equal(9, platforms["facebook"]["pages"]);
        Assert.Equal(4, platforms["twitter"]["accounts"]);
        Assert.Equal(14, platforms["youtube"]["channels"]);
    }

    /// <summary>Everything a replay could disturb: campaign records (with versions), views, report placements.</summary>
    private static async Task<string> StateAsync(IPipelineStore store) => JsonSerializer.Serialize(new
    {
        Campaigns = (await store.ListCampaignsAsync(includeMerged: true)).OrderBy(c => c.Id),
        Views = (await store.ListCampaignViewsAsync()).OrderBy(v => v.Id),
        Reports = (await store.ListReportsAsync()).OrderBy(r => r.Id).Select(r => new { r.Id, r.State, r.CampaignId, r.Match, r.UpdatedAt }),
    });
}
