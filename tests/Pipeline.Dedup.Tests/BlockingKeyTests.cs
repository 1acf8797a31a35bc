using Pipeline.Dedup.Tests.Support;
using Pipeline.Domain.Campaigns;

namespace Pipeline.Dedup.Tests;

public class BlockingKeyTests
{
    private readonly CampaignMatcher _matcher = new();

    [Fact]
    public void Keys_are_names_origin_months_around_the_date_and_distinctive_figures()
    {
        var report = Rpt.Make("a.txt", "2018-08-21", ["IR"], ["Operation Liberty Front Press"],
            ["facebook.assets=652", "facebook.pages=74", "instagram.accounts=12", "facebook.followers=155000"]);
        var keys = _matcher.BlockingKeys(report);
        Assert.Equal(
            ["figure:155000", "figure:652", "figure:74", "name:front", "name:frontpress", "name:liberty", "name:libertyfront",
             "name:libertyfrontpress", "name:press", "origin:IR:2018-07", "origin:IR:2018-08", "origin:IR:2018-09", "part:libertyfrontpress"],
            keys);
    }

    [Fact]
    public void A_campaign_is_indexed_under_each_member_month_only()
    {
        var members = new[]
        {
            Rpt.Member(Rpt.Make("a.txt", "2018-08-21", ["IR"])),
            Rpt.Member(Rpt.Make("b.txt", "2018-10-02", ["IR", "RU"])),
        };
        Assert.Equal(["origin:IR:2018-08", "origin:IR:2018-10", "origin:RU:2018-10"], _matcher.CampaignKeys(members));
    }

    [Fact]
    public void Key_count_stays_small_for_a_busy_report()
    {
        var report = Rpt.Make("busy.txt", "2020-01-31", ["RU", "IR", "CN"], ["Secondary Infektion", "Spamouflage Dragon", "Endless Mayfly"],
            Enumerable.Range(0, 20).Select(i => $"facebook.accounts={1001 + 17 * i}").ToArray());
        Assert.True(_matcher.BlockingKeys(report).Count < 30, string.Join(", ", _matcher.BlockingKeys(report)));
    }

    private static readonly string[] Names =
    [
        "Liberty Front Press", "Liberty Front", "Front Press", "Liberty", "Press", "Operation Secondary Infektion",
        "Secondary Infektion network", "Infektion", "Spamouflage Dragon", "Spamouflage", "Dragon", "DRAGONBRIDGE",
        "Dragon Bridge", "Amber Lantern", "Amber Harbor", "Amber", "Lantern Harbor", "Storm-1516", "Storm-1679",
        "Endless Mayfly", "Mayfly", "Bad Grammar", "Grammar",
    ];

    /// <summary>A shorter name inside a longer one ("Liberty Front" in "Liberty Front Press") is found both ways.</summary>
    [Fact]
    public void Every_pair_of_linking_names_shares_a_key_both_ways()
    {
        var checkedPairs = 0;
        foreach (var a in Names)
            foreach (var b in Names)
            {
                if (a == b || !OperationName.Links(OperationName.Parse(a)!, OperationName.Parse(b)!)) continue;
                checkedPairs++;
                var (lookup, index) = (_matcher.BlockingKeys(Named(a)), _matcher.CampaignKeys([Rpt.Member(Named(b))]));
                Assert.True(lookup.Intersect(index).Any(), $"{a} links {b} but its lookup keys miss it");
            }
        Assert.True(checkedPairs >= 20, $"only {checkedPairs} linking pairs");
    }

    /// <summary>Names that merely share a word are different operations: no name key may offer one to the other.</summary>
    [Theory]
    [InlineData("Amber Lantern", "Amber Harbor")]
    [InlineData("Amber Lantern", "Lantern Harbor")]
    [InlineData("Storm-1516", "Storm-1679")]
    [InlineData("Liberty Front Press", "Front Liberty")]
    public void Names_sharing_only_a_word_share_no_key(string a, string b)
    {
        Assert.False(OperationName.Links(OperationName.Parse(a)!, OperationName.Parse(b)!));
        Assert.Empty(_matcher.BlockingKeys(Named(a)).Intersect(_matcher.CampaignKeys([Rpt.Member(Named(b))])));
        Assert.Empty(_matcher.BlockingKeys(Named(b)).Intersect(_matcher.CampaignKeys([Rpt.Member(Named(a))])));
    }

    // No date, origin or figure: the name keys alone.
    private static Pipeline.Domain.Reports.ExtractedReport Named(string name) => Rpt.Make(name + ".txt", null, [], [name]);

    /// <summary>
    /// The store only offers campaigns sharing a key, so every pair the scorer links must share one;
    /// otherwise a match would depend on which campaigns happened to be looked up.
    /// </summary>
    [Fact]
    public void Every_linked_pair_shares_a_lookup_key()
    {
        var pool = SyntheticReports.Pool(seed: 11, count: 200);
        var linked = 0;
        foreach (var a in pool)
            foreach (var b in pool)
            {
                if (ReferenceEquals(a, b) || !_matcher.Score(a, b).Linked) continue;
                linked++;
                var shared = _matcher.BlockingKeys(a).Intersect(_matcher.CampaignKeys([Rpt.Member(b)]));
                Assert.True(shared.Any(), $"{a.Source} links {b.Source} but shares no key");
            }
        Assert.True(linked > 100, $"only {linked} linked pairs: the pool no longer exercises the rules");
    }
}
