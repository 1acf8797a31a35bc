using System.Collections.Concurrent;
using System.Text;
using Pipeline.Domain.Campaigns;
using Pipeline.Infrastructure.Storage;
using static Pipeline.Infrastructure.Tests.Storage.StoreSamples;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IPipelineStore"/> adapter must have. Each adapter derives once and
/// says how to open an instance; each test gets its own empty store.
/// </summary>
public abstract class PipelineStoreContract : IAsyncLifetime
{
    private readonly List<IPipelineStore> _opened = [];

    /// <summary>Unique per test; opening it twice gives two instances over the same data.</summary>
    protected string StoreName { get; } = "t" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>A new instance over <paramref name="storeName"/> (calls Skip when the backend is absent).</summary>
    protected abstract Task<IPipelineStore> OpenInstanceAsync(string storeName);

    protected abstract Task DeleteStoreAsync(string storeName);

    protected async Task<IPipelineStore> OpenAsync()
    {
        var store = await OpenInstanceAsync(StoreName);
        _opened.Add(store);
        await store.InitializeAsync();
        return store;
    }

    /// <summary>
    /// Another instance over the same data, to read back what one wrote: an adapter may keep what it has
    /// just written and hand it back unread, so a round trip through one instance can prove nothing.
    /// </summary>
    protected Task<IPipelineStore> OpenReaderAsync() => OpenAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
            (store as IDisposable)?.Dispose();
        if (_opened.Count > 0)
            await DeleteStoreAsync(StoreName);
    }

    [SkippableFact]
    public async Task Initialize_is_safe_to_repeat_on_every_instance()
    {
        var store = await OpenAsync();
        await store.InitializeAsync();
        var second = await OpenAsync();
        await second.InitializeAsync();
        Assert.Equal(0, await second.GetClusterSequenceAsync());
    }

    [SkippableFact]
    public async Task TryAddDocument_is_idempotent_and_never_overwrites()
    {
        var store = await OpenAsync();
        var original = Document("sha256:aa", "first bytes");

        Assert.True(await store.TryAddDocumentAsync(original));
        Assert.False(await store.TryAddDocumentAsync(Document("sha256:aa", "other bytes", "https://elsewhere.example")));

        var stored = await store.GetDocumentAsync("sha256:aa");
        Assert.NotNull(stored);
        Assert.Equal("first bytes", Encoding.UTF8.GetString(stored.Content));
        Assert.Equal(original.Source, stored.Source);
        Assert.Equal(original.MediaType, stored.MediaType);
        Assert.Equal(original.FetchedAt, stored.FetchedAt);
        Assert.Equal(original.FetchedAt.Offset, stored.FetchedAt.Offset);
        Assert.Null(await store.GetDocumentAsync("sha256:missing"));
    }

    [SkippableFact]
    public async Task TryAddReport_is_idempotent_and_never_overwrites()
    {
        var store = await OpenAsync();
        var report = Report("r1");

        Assert.True(await store.TryAddReportAsync(report));
        Assert.False(await store.TryAddReportAsync(report with { Source = "changed", State = ReportState.Failed }));

        StoreAssert.Same(report, await store.GetReportAsync(report.Id));
        Assert.Null(await store.GetReportAsync(Guid.NewGuid()));
    }

    [SkippableFact]
    public async Task A_fully_extracted_report_round_trips_unchanged()
    {
        var store = await OpenAsync();
        var report = FullyExtracted("iran-2018");

        Assert.True(await store.TryAddReportAsync(report));
        var loaded = await (await OpenReaderAsync()).GetReportAsync(report.Id);

        StoreAssert.Same(report, loaded);
        var extraction = loaded!.Extraction!;
        Assert.Equal(new DateOnly(2018, 8, 21), extraction.ReportedOn);
        Assert.Equal(report.Extraction!.ReportedOnEvidence, extraction.ReportedOnEvidence);
        Assert.Equal(["US", "GB"], extraction.TargetCountries.Select(f => f.Value));
        Assert.Equal(report.Extraction.OriginCountries[0].Evidence, extraction.OriginCountries[0].Evidence);
        Assert.Equal(4, extraction.Counts.Count);
        Assert.Equal(report.Extraction.Counts[0], extraction.Counts[0]);
        Assert.Null(extraction.Tactics[1].DisarmId);
        Assert.Equal("T0013", extraction.Tactics[0].DisarmId);
        Assert.Equal(report.Extraction.Aliases[0], extraction.Aliases[0]);
        Assert.Contains(extraction.Counts, c => c is { Platform: "facebook", AssetKind: "assets", Count: 652 });
        Assert.Equal(report.Match!.Reasons, loaded.Match!.Reasons);
        Assert.Equal(report.FetchedAt, loaded.FetchedAt);
        Assert.Equal(report.FetchedAt.Offset, loaded.FetchedAt.Offset);
        Assert.Equal(ReportState.Clustered, loaded.State);
    }

    [SkippableFact]
    public async Task SaveReport_inserts_then_replaces()
    {
        var store = await OpenAsync();
        var report = Report("r1");

        await store.SaveReportAsync(report);
        var failed = report with { State = ReportState.Failed, FailedStage = "extract", Error = "not a PDF" };
        await store.SaveReportAsync(failed);

        StoreAssert.Same(failed, await store.GetReportAsync(report.Id));
        Assert.Single(await store.ListReportsAsync());
    }

    [SkippableFact]
    public async Task GetReports_returns_only_the_stored_ones_asked_for()
    {
        var store = await OpenAsync();
        var (a, b, c) = (Report("a"), Report("b"), Report("c"));
        foreach (var r in new[] { a, b, c })
            await store.TryAddReportAsync(r);

        var found = await store.GetReportsAsync([a.Id, c.Id, c.Id, Guid.NewGuid()]);

        Assert.Equal(new[] { a.Id, c.Id }.Order(), found.Select(r => r.Id).Order());
        Assert.Empty(await store.GetReportsAsync([]));
    }

    [SkippableFact]
    public async Task ListReports_filters_by_state_oldest_fetch_first()
    {
        var store = await OpenAsync();
        var newest = Report("newest", fetchedAt: Epoch.AddDays(2), state: ReportState.Extracted);
        var oldest = Report("oldest", fetchedAt: Epoch.AddDays(-3), state: ReportState.Extracted);
        var middle = Report("middle", fetchedAt: Epoch, state: ReportState.Failed);
        foreach (var r in new[] { newest, oldest, middle })
            await store.TryAddReportAsync(r);

        Assert.Equal([oldest.Id, middle.Id, newest.Id], (await store.ListReportsAsync()).Select(r => r.Id));
        Assert.Equal([oldest.Id, newest.Id], (await store.ListReportsAsync(ReportState.Extracted)).Select(r => r.Id));
        Assert.Empty(await store.ListReportsAsync(ReportState.Unmatched));
    }

    [SkippableFact]
    public async Task CountReportsByState_counts_every_state_including_empty_ones()
    {
        var store = await OpenAsync();
        await store.TryAddReportAsync(Report("a", state: ReportState.Fetched));
        await store.TryAddReportAsync(Report("b", state: ReportState.Fetched));
        await store.TryAddReportAsync(Report("c", state: ReportState.Failed));
        await store.SaveReportAsync(Report("b", state: ReportState.Extracted));

        var counts = await store.CountReportsByStateAsync();

        Assert.Equal(Enum.GetValues<ReportState>().Length, counts.Count);
        Assert.Equal(1, counts[ReportState.Fetched]);
        Assert.Equal(1, counts[ReportState.Extracted]);
        Assert.Equal(1, counts[ReportState.Failed]);
        Assert.Equal(0, counts[ReportState.Clustered]);
        Assert.Equal(0, counts[ReportState.Unmatched]);
    }

    [SkippableFact]
    public async Task FindLatestReportBySource_picks_the_newest_fetch_even_within_a_millisecond()
    {
        var store = await OpenAsync();
        const string source = "https://about.fb.com/news/2018/08/more-coordinated-inauthentic-behavior/";
        var v1 = Report("v1", source, Epoch);
        var v3 = Report("v3", source, Epoch.AddDays(1).AddTicks(3000)); // 0.3 ms after v2
        var v2 = Report("v2", source, Epoch.AddDays(1));
        foreach (var r in new[] { v1, v3, v2, Report("other", "https://other.example", Epoch.AddYears(1)) })
            await store.TryAddReportAsync(r);

        Assert.Equal(v3.Id, (await store.FindLatestReportBySourceAsync(source))?.Id);
        Assert.Null(await store.FindLatestReportBySourceAsync("https://never.example"));
    }

    [SkippableFact]
    public async Task Campaigns_round_trip_and_listing_hides_merged_unless_asked()
    {
        var store = await OpenAsync();
        var survivor = Campaign("survivor", ["op:endless mayfly"], null, IdOf("r1"), IdOf("r2")) with { MergedFrom = [IdOf("campaign-absorbed")] };
        var absorbed = Campaign("absorbed", ["op:mayfly"], survivor.Id, IdOf("r3"));
        Assert.True(await store.TryCommitClusterAsync(new ClusterCommit(0, [survivor, absorbed], Report("r3", state: ReportState.Clustered))));

        StoreAssert.Same(absorbed, await store.GetCampaignAsync(absorbed.Id));
        StoreAssert.Same(survivor, await store.GetCampaignAsync(survivor.Id));
        Assert.Null(await store.GetCampaignAsync(Guid.NewGuid()));
        Assert.Equal([survivor.Id], (await store.ListCampaignsAsync()).Select(c => c.Id));
        Assert.Equal(new[] { survivor.Id, absorbed.Id }.Order(), (await store.ListCampaignsAsync(includeMerged: true)).Select(c => c.Id).Order());
    }

    [SkippableFact]
    public async Task FindCampaignsByKeys_matches_any_key_and_only_live_campaigns()
    {
        var store = await OpenAsync();
        var doppelganger = Campaign("doppelganger", ["op:doppelganger", "origin:RU|2022"]);
        var spamouflage = Campaign("spamouflage", ["op:spamouflage", "op:dragonbridge", "origin:CN|2019"]);
        var merged = Campaign("merged", ["op:dragonbridge"], spamouflage.Id);
        Assert.True(await store.TryCommitClusterAsync(new ClusterCommit(0, [doppelganger, spamouflage, merged], Report("r"))));

        var found = await store.FindCampaignsByKeysAsync(["op:dragonbridge", "origin:RU|2022", "op:spamouflage", "op:nothing"]);

        Assert.Equal(new[] { doppelganger.Id, spamouflage.Id }.Order(), found.Select(c => c.Id).Order());
        Assert.Empty(await store.FindCampaignsByKeysAsync(["op:nothing"]));
        Assert.Empty(await store.FindCampaignsByKeysAsync([]));
        Assert.Empty(await store.FindCampaignsByKeysAsync(["OP:DOPPELGANGER"])); // keys are exact; callers normalise
    }

    [SkippableFact]
    public async Task FindCampaignsByKeys_offers_from_a_crowded_key_only_campaigns_with_a_second_key()
    {
        var store = await OpenAsync();
        var crowded = MatchKeys.CrowdedBucket + 1;
        var figureCrowd = Enumerable.Range(0, crowded).Select(i => Campaign($"figure-{i}", ["figure:12"]));
        var originCrowd = Enumerable.Range(0, crowded).Select(i => Campaign($"origin-{i}", ["origin:RU:2019-01"]));
        var named = Campaign("named", ["figure:12", "name:amber lantern"]);
        var corroborated = Campaign("corroborated", ["figure:12", "origin:RU:2019-01"]);
        var quiet = Campaign("quiet", ["figure:7", "figure:12"]);
        Assert.True(await store.TryCommitClusterAsync(new ClusterCommit(0, [.. figureCrowd, .. originCrowd, named, corroborated, quiet], Report("r"))));

        var found = await store.FindCampaignsByKeysAsync(["figure:12", "origin:RU:2019-01", "name:amber lantern", "figure:7"]);

        // Name keys link alone; an uncrowded key (figure:7) offers its campaign; two crowded keys corroborate each other.
        Assert.Equal(new[] { named.Id, corroborated.Id, quiet.Id }.Order(), found.Select(c => c.Id).Order());
        Assert.Empty(await store.FindCampaignsByKeysAsync(["figure:12"]));
        Assert.Equal([corroborated.Id], (await store.FindCampaignsByKeysAsync(["origin:RU:2019-01", "figure:12"])).Select(c => c.Id));
    }

    [SkippableFact]
    public async Task TryCommitCluster_advances_the_sequence_and_writes_campaigns_and_report()
    {
        var store = await OpenAsync();
        Assert.Equal(0, await store.GetClusterSequenceAsync());
        var report = FullyExtracted("first");
        var campaign = Campaign("first", ["op:liberty front press"], null, report.Id);

        Assert.True(await store.TryCommitClusterAsync(new ClusterCommit(0, [campaign], report)));
        Assert.Equal(1, await store.GetClusterSequenceAsync());
        StoreAssert.Same(campaign, await store.GetCampaignAsync(campaign.Id));
        StoreAssert.Same(report, await store.GetReportAsync(report.Id));
        StoreAssert.Same(report, await (await OpenReaderAsync()).GetReportAsync(report.Id));

        var grown = campaign with { Version = 2, ReportIds = [report.Id, IdOf("second")], Keys = [.. campaign.Keys, "op:lfp"] };
        var second = Report("second", state: ReportState.Clustered) with { CampaignId = campaign.Id };
        Assert.True(await store.TryCommitClusterAsync(new ClusterCommit(1, [grown], second)));

        Assert.Equal(2, await store.GetClusterSequenceAsync());
        StoreAssert.Same(grown, await store.GetCampaignAsync(campaign.Id));
        Assert.Single(await store.FindCampaignsByKeysAsync(["op:lfp"]));
    }

    [SkippableFact]
    public async Task TryAddFetched_stores_the_document_and_the_report_once()
    {
        var store = await OpenAsync();
        var report = Report("fetched");
        var document = new DocumentRecord(report.ContentHash, report.Source, "text/plain", Encoding.UTF8.GetBytes("body"), Epoch);

        Assert.True(await store.TryAddFetchedAsync(document, report));
        Assert.False(await store.TryAddFetchedAsync(document, report with { Title = "changed" }));

        StoreAssert.Same(report, await store.GetReportAsync(report.Id));
        StoreAssert.Same(report, await (await OpenReaderAsync()).GetReportAsync(report.Id));
        Assert.Equal("body", Encoding.UTF8.GetString((await store.GetDocumentAsync(report.ContentHash))!.Content));
    }

    [SkippableFact]
    public async Task TryCommitCluster_places_several_reports_in_one_step()
    {
        var store = await OpenAsync();
        var first = FullyExtracted("first") with { State = ReportState.Clustered, CampaignId = IdOf("campaign-a") };
        var second = Report("second", state: ReportState.Clustered) with { CampaignId = IdOf("campaign-a") };
        var third = Report("third", state: ReportState.Clustered) with { CampaignId = IdOf("campaign-b") };
        var a = Campaign("a", ["k:a"], null, first.Id, second.Id);
        var b = Campaign("b", ["k:b"], null, third.Id);

        Assert.True(await store.TryCommitClusterAsync(new ClusterCommit(0, [a, b], [first, second, third])));

        Assert.Equal(1, await store.GetClusterSequenceAsync()); // one commit, one step, however many decisions it holds
        var reader = await OpenReaderAsync();
        foreach (var report in new[] { first, second, third })
        {
            StoreAssert.Same(report, await store.GetReportAsync(report.Id));
            StoreAssert.Same(report, await reader.GetReportAsync(report.Id));
        }
        StoreAssert.Same(a, await store.GetCampaignAsync(a.Id));
        StoreAssert.Same(b, await store.GetCampaignAsync(b.Id));
        Assert.False(await store.TryCommitClusterAsync(new ClusterCommit(0, [a], [first, second])));
    }

    [SkippableFact]
    public async Task TryCommitCluster_with_a_stale_sequence_writes_nothing()
    {
        var store = await OpenAsync();
        Assert.True(await store.TryCommitClusterAsync(new ClusterCommit(0, [Campaign("a", ["k:a"])], Report("a"))));
        var before = Report("b");
        await store.SaveReportAsync(before);

        var stale = new ClusterCommit(0, [Campaign("b", ["k:b"]), Campaign("a", ["k:changed"])],
            before with { State = ReportState.Clustered, CampaignId = IdOf("campaign-b") });
        Assert.False(await store.TryCommitClusterAsync(stale));
        Assert.False(await store.TryCommitClusterAsync(stale with { ExpectedSequence = 7 }));

        Assert.Equal(1, await store.GetClusterSequenceAsync());
        Assert.Null(await store.GetCampaignAsync(IdOf("campaign-b")));
        Assert.Equal(["k:a"], (await store.GetCampaignAsync(IdOf("campaign-a")))!.Keys);
        StoreAssert.Same(before, await store.GetReportAsync(before.Id));
    }

    [SkippableFact]
    public async Task Concurrent_commits_from_several_instances_let_exactly_one_win_per_sequence()
    {
        const int instances = 3, tasksPerInstance = 3, winsPerTask = 4;
        var stores = new List<IPipelineStore>();
        for (var i = 0; i < instances; i++)
            stores.Add(await OpenAsync());
        var winners = new ConcurrentDictionary<long, string>();
        var duplicates = new ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, instances * tasksPerInstance).Select(t => Task.Run(async () =>
        {
            var store = stores[t % instances];
            for (var won = 0; won < winsPerTask;)
            {
                var sequence = await store.GetClusterSequenceAsync();
                var name = $"t{t}-w{won}";
                var commit = new ClusterCommit(sequence, [Campaign(name, [$"k:{name}"])], Report(name, state: ReportState.Clustered));
                if (!await store.TryCommitClusterAsync(commit))
                    continue;
                if (!winners.TryAdd(sequence, name))
                    duplicates.Add(sequence);
                won++;
            }
        })));

        const int total = instances * tasksPerInstance * winsPerTask;
        Assert.Empty(duplicates);
        Assert.Equal(Enumerable.Range(0, total).Select(i => (long)i), winners.Keys.Order());
        Assert.Equal(total, await stores[0].GetClusterSequenceAsync());
        Assert.Equal(total, (await stores[1].ListCampaignsAsync()).Count);
        Assert.Equal(total, (await stores[2].CountReportsByStateAsync())[ReportState.Clustered]);
    }

    [SkippableFact]
    public async Task Campaign_views_save_get_list_and_delete()
    {
        var store = await OpenAsync();
        var iran = View("Endless Mayfly");
        var china = View("Spamouflage", new Dictionary<string, IReadOnlyDictionary<string, long>>
        {
            ["youtube"] = new Dictionary<string, long> { ["channels"] = 2500 },
        });

        await store.SaveCampaignViewAsync(iran);
        await store.SaveCampaignViewAsync(china);
        StoreAssert.Same(iran, await store.GetCampaignViewAsync(iran.Id));
        Assert.Equal(["Endless Mayfly", "Spamouflage"], (await store.ListCampaignViewsAsync()).Select(v => v.Name));

        var updated = iran with { Aliases = ["Mayfly"], LastReported = new DateOnly(2019, 5, 14) };
        await store.SaveCampaignViewAsync(updated);
        StoreAssert.Same(updated, await store.GetCampaignViewAsync(iran.Id));

        await store.DeleteCampaignViewAsync(iran.Id);
        await store.DeleteCampaignViewAsync(Guid.NewGuid());
        Assert.Null(await store.GetCampaignViewAsync(iran.Id));
        Assert.Equal([china.Id], (await store.ListCampaignViewsAsync()).Select(v => v.Id));
    }

    [SkippableFact]
    public async Task Values_that_look_like_operators_or_paths_round_trip_unchanged()
    {
        var store = await OpenAsync();
        string[] hostile = ["$where", "$gt", "a.b", ".", "$", "..$set.x", "key\u0000nul", ""];
        var platforms = hostile.ToDictionary(k => k,
            k => (IReadOnlyDictionary<string, long>)new Dictionary<string, long> { [k] = 1, ["$inc.count"] = 2 });
        var view = View("$regex.name", platforms) with { Aliases = hostile };
        var report = FullyExtracted("hostile") with
        {
            Source = "$where.source",
            Title = "{\"$ne\": null}",
            Match = new MatchRecord(1, hostile),
        };
        var campaign = Campaign("hostile", hostile, null, report.Id);

        await store.SaveCampaignViewAsync(view);
        Assert.True(await store.TryCommitClusterAsync(new ClusterCommit(0, [campaign], report)));

        StoreAssert.Same(view, await store.GetCampaignViewAsync(view.Id));
        Assert.Equal(hostile.Order(StringComparer.Ordinal), (await store.GetCampaignViewAsync(view.Id))!.Platforms.Keys.Order(StringComparer.Ordinal));
        StoreAssert.Same(report, await store.GetReportAsync(report.Id));
        StoreAssert.Same(report, await (await OpenReaderAsync()).GetReportAsync(report.Id));
        StoreAssert.Same(campaign, await store.GetCampaignAsync(campaign.Id));
        Assert.Equal(report.Id, (await store.FindLatestReportBySourceAsync("$where.source"))?.Id);
        Assert.Equal([campaign.Id], (await store.FindCampaignsByKeysAsync(["a.b"])).Select(c => c.Id));
        Assert.Equal([campaign.Id], (await store.FindCampaignsByKeysAsync(["$gt"])).Select(c => c.Id));
    }

    [SkippableFact]
    public async Task Source_state_round_trips_with_urls_and_paths_as_keys()
    {
        var store = await OpenAsync();
        var state = SourceState("meta-cib");

        Assert.Null(await store.GetSourceStateAsync("meta-cib"));
        await store.SaveSourceStateAsync(state);

        var loaded = await store.GetSourceStateAsync("meta-cib");
        StoreAssert.Same(state, loaded);
        Assert.Equal(state.LastPolledAt, loaded!.LastPolledAt); // exact ticks, not BSON milliseconds
        Assert.Equal("W/\"5f2c-abc\"", loaded.Validators["https://about.fb.com/news/tag/coordinated-inauthentic-behavior/feed/"].ETag);
        Assert.Equal(1_234_567, loaded.Files["reports/2024/q1.pdf"].Length);
        Assert.Equal(state.SeenItems, loaded.SeenItems);
        Assert.Null(await store.GetSourceStateAsync("META-CIB")); // names are exact
    }

    [SkippableFact]
    public async Task Source_state_failed_items_round_trip_in_order_with_exact_times()
    {
        var store = await OpenAsync();
        var state = SourceState("google-tag") with
        {
            FailedItems =
            [
                new("https://blog.google/threat-analysis-group/gone/?token=***", "HTTP 404 Not Found", Epoch.AddTicks(7)),
                new("reports/$where/big.pdf", "document is 20,000,000 bytes, over the 15,728,640-byte limit; not read", Epoch.AddHours(-1)),
                new("http://10.0.0.1/report", "refused to connect to 10.0.0.1: a private address", Epoch),
            ],
        };

        await store.SaveSourceStateAsync(state);
        var second = await OpenAsync();
        var loaded = await second.GetSourceStateAsync("google-tag");

        StoreAssert.Same(state, loaded);
        Assert.Equal(state.FailedItems, loaded!.FailedItems); // records: item, reason and the exact instant, in order
        Assert.Equal(Epoch.AddTicks(7), loaded.FailedItems[0].At);
        await store.SaveSourceStateAsync(SourceState("tiktok")); // saved without any: reads back empty, not null
        Assert.Empty((await second.GetSourceStateAsync("tiktok"))!.FailedItems);
    }

    [SkippableFact]
    public async Task SaveSourceState_replaces_and_listing_orders_by_name()
    {
        var store = await OpenAsync();
        await store.SaveSourceStateAsync(SourceState("tiktok"));
        await store.SaveSourceStateAsync(SourceState("$where.dfrlab"));
        var first = SourceState("google-tag");
        await store.SaveSourceStateAsync(first);

        var replaced = first with { Validators = new Dictionary<string, HttpValidators>(), SeenItems = ["only"], LastError = null, ConsecutiveFailures = 0 };
        await store.SaveSourceStateAsync(replaced);

        StoreAssert.Same(replaced, await store.GetSourceStateAsync("google-tag"));
        Assert.Equal(["$where.dfrlab", "google-tag", "tiktok"], (await store.ListSourceStatesAsync()).Select(s => s.Source));
    }

    [SkippableFact]
    public async Task DeleteSourceState_forgets_only_that_source_and_says_whether_it_existed()
    {
        var store = await OpenAsync();
        await store.SaveSourceStateAsync(SourceState("openai"));
        await store.SaveSourceStateAsync(SourceState("graphika"));

        Assert.True(await store.DeleteSourceStateAsync("openai"));
        Assert.False(await store.DeleteSourceStateAsync("openai"));
        Assert.False(await store.DeleteSourceStateAsync("never-configured"));

        Assert.Null(await store.GetSourceStateAsync("openai"));
        Assert.NotNull(await store.GetSourceStateAsync("graphika"));
        var second = await OpenAsync();
        Assert.Equal(["graphika"], (await second.ListSourceStatesAsync()).Select(s => s.Source));
    }

    [SkippableFact]
    public async Task A_second_instance_sees_the_first_ones_writes()
    {
        var writer = await OpenAsync();
        var reader = await OpenAsync();
        var report = Report("shared");

        Assert.True(await writer.TryAddReportAsync(report));
        Assert.False(await reader.TryAddReportAsync(report));
        Assert.True(await reader.TryCommitClusterAsync(new ClusterCommit(0, [Campaign("c", ["k"])], report)));
        Assert.Equal(1, await writer.GetClusterSequenceAsync());
    }

    [SkippableFact]
    public async Task A_cancelled_token_is_honoured()
    {
        var store = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.TryAddReportAsync(Report("x"), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListReportsAsync(null, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.TryCommitClusterAsync(new ClusterCommit(0, [], Report("x")), cancelled.Token));
        Assert.Null(await store.GetReportAsync(IdOf("x")));
    }
}
