using Pipeline.Dedup.Tests.Support;
using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Reports;

namespace Pipeline.Dedup.Tests;

/// <summary>
/// The compact blocking index: the same candidates as a plain key lookup while buckets are small, and past
/// <see cref="MatchKeys.CrowdedBucket"/> a non-name key offers only campaigns sharing a second key.
/// </summary>
public class BlockingIndexTests
{
    private readonly CampaignMatcher _matcher = new(KnownOperationAliases.Default);

    [Fact]
    public void Offers_what_a_plain_key_lookup_offers_on_the_development_corpus()
    {
        var reports = GoldCorpus.Load(GoldCorpus.GoldPath()).Select(i => i.Report).ToList();
        var (index, plain) = Index(reports);
        Assert.True(index.LargestBucket <= MatchKeys.CrowdedBucket, "the gold corpus should not crowd a key");
        foreach (var report in reports)
        {
            var keys = _matcher.BlockingKeys(report);
            var expected = keys.SelectMany(k => plain.GetValueOrDefault(k, [])).Distinct().Order();
            Assert.Equal(expected, index.Candidates(keys));
        }
    }

    /// <summary>The synthetic pool (3 origins, 10 numbers) crowds figure keys, so the rule is exercised against a reference.</summary>
    [Fact]
    public void Offers_a_crowded_key_only_with_a_second_shared_key()
    {
        var pool = SyntheticReports.Pool(seed: 5, count: 400);
        var (index, plain) = Index(pool);
        Assert.True(index.LargestBucket > MatchKeys.CrowdedBucket, "the pool no longer crowds a key");
        var dropped = 0;
        foreach (var report in pool)
        {
            var keys = _matcher.BlockingKeys(report);
            var shared = keys.SelectMany(k => plain.GetValueOrDefault(k, []).Select(c => (Key: k, Campaign: c))).ToLookup(p => p.Campaign, p => p.Key);
            var expected = shared
                .Where(g => g.Count() > 1 || g.Any(k => MatchKeys.LinksAlone(k) || plain[k].Count <= MatchKeys.CrowdedBucket))
                .Select(g => g.Key).Order().ToList();
            Assert.Equal(expected, index.Candidates(keys));
            dropped += shared.Count - expected.Count;
        }
        Assert.True(dropped > 0, "no campaign was held back: the crowded rule is not exercised");
    }

    [Fact]
    public void A_figure_link_survives_a_crowded_month_and_figure_but_a_context_only_neighbour_does_not()
    {
        // 40 networks from one origin in one month, all stating 652 accounts: both keys are crowded.
        var crowd = Enumerable.Range(0, 40)
            .Select(i => Rpt.Make($"c{i}.txt", $"2021-03-{1 + i % 28:D2}", ["IR"], figures: ["facebook.accounts=652"]))
            .Append(Rpt.Make("other.txt", "2021-03-10", ["IR"], figures: ["facebook.accounts=4321"]))
            .ToList();
        var (index, _) = Index(crowd);
        var sameFigure = Rpt.Make("probe.txt", "2021-03-15", ["IR"], figures: ["facebook.accounts=652"]);
        Assert.Equal(Enumerable.Range(0, 40), index.Candidates(_matcher.BlockingKeys(sameFigure)));
        Assert.True(_matcher.Score(sameFigure, crowd[0]).Linked);

        var sameMonthOnly = Rpt.Make("probe2.txt", "2021-03-15", ["IR"], figures: ["facebook.accounts=777"], targets: ["US"]);
        Assert.Empty(index.Candidates(_matcher.BlockingKeys(sameMonthOnly)));
    }

    [Fact]
    public void Name_keys_are_never_capped()
    {
        var crowd = Enumerable.Range(0, 40).Select(i => Rpt.Make($"n{i}.txt", names: [$"Spamouflage {(char)('A' + i % 26)}{i}"])).ToList();
        var (index, _) = Index(crowd);
        Assert.Equal(40, index.Campaigns("part:spamouflage").Length);
        Assert.Equal(40, index.Candidates(_matcher.BlockingKeys(Rpt.Make("p.txt", names: ["Spamouflage"]))).Length);
    }

    [Fact]
    public void Builds_sorted_distinct_buckets_and_finds_nothing_for_unknown_keys()
    {
        var builder = new BlockingIndex.Builder();
        builder.Add(7, ["name:a", "name:a", "figure:652"]);
        builder.Add(3, ["figure:652"]);
        builder.Add(7, ["figure:652"]);
        var index = builder.Build();
        Assert.Equal(2, index.KeyCount);
        Assert.Equal([3, 7], index.Campaigns("figure:652").ToArray());
        Assert.Equal([7], index.Campaigns("name:a").ToArray());
        Assert.True(index.Campaigns("name:b").IsEmpty);
        Assert.Empty(index.Candidates(["origin:RU:2020-01"]));
        Assert.Equal([3, 7], index.Candidates(["figure:652", "figure:652", "name:a"]));
    }

    /// <summary>Each report its own campaign (ordinal = position), in the compact index and in a plain dictionary.</summary>
    private (BlockingIndex Index, Dictionary<string, List<int>> Plain) Index(IReadOnlyList<ExtractedReport> reports)
    {
        var builder = new BlockingIndex.Builder();
        var plain = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var c = 0; c < reports.Count; c++)
        {
            var keys = _matcher.CampaignKeys([Rpt.Member(reports[c])]);
            builder.Add(c, keys);
            foreach (var key in keys)
            {
                if (!plain.TryGetValue(key, out var list)) plain[key] = list = [];
                list.Add(c);
            }
        }
        return (builder.Build(), plain);
    }
}
