using Pipeline.Dedup.Tests.Support;
using Pipeline.Domain.Campaigns;

namespace Pipeline.Dedup.Tests;

public class AliasLearningTests
{
    private static readonly Pipeline.Domain.Reports.ExtractedReport Stating = Rpt.Make("tag-2022.txt", "2022-07-01", ["CN"],
        ["DRAGONBRIDGE"], ["youtube.channels=1513"], aliases: [("DRAGONBRIDGE", "Spamouflage Dragon")]);

    [Fact]
    public void Names_a_member_equates_become_campaign_keys()
    {
        var keys = new CampaignMatcher().CampaignKeys([Rpt.Member(Stating)]);
        Assert.Contains("name:dragonbridge", keys);
        Assert.Contains("name:spamouflagedragon", keys);
        Assert.Contains("part:spamouflage", keys);
    }

    [Theory]
    [InlineData("Spamouflage Dragon")]
    [InlineData("Spamouflage")]
    [InlineData("Dragon Bridge")]
    public void A_later_report_under_either_name_finds_and_joins_the_campaign(string laterName)
    {
        var dedup = new InMemoryDeduplicator(new CampaignMatcher());
        dedup.Add(Rpt.Member(Stating));
        var later = Rpt.Make("graphika-2023.txt", "2023-08-29", ["CN"], [laterName]);
        var outcome = dedup.Add(Rpt.Member(later));
        Assert.Single(outcome.Matches);
        Assert.Single(dedup.Campaigns);
    }

    [Fact]
    public void An_alias_stated_late_bridges_the_campaigns_of_both_names()
    {
        var dedup = new InMemoryDeduplicator(new CampaignMatcher());
        dedup.Add(Rpt.Member(Rpt.Make("meta.txt", "2019-08-19", ["CN"], ["Spamouflage"])));
        dedup.Add(Rpt.Member(Rpt.Make("tag.txt", "2022-07-01", ["CN"], ["DRAGONBRIDGE"])));
        Assert.Equal(2, dedup.Campaigns.Count);
        dedup.Add(Rpt.Member(Stating));
        Assert.Single(dedup.Campaigns);
        Assert.Single(dedup.Merges);
    }

    [Fact]
    public void Known_aliases_link_reports_that_state_none()
    {
        var meta = Rpt.Make("meta.txt", "2019-08-19", ["CN"], ["Spamouflage"]);
        var tag = Rpt.Make("tag.txt", "2022-07-01", ["CN"], ["DRAGONBRIDGE"]);
        Assert.False(new CampaignMatcher().Score(meta, tag).Linked);
        var known = new CampaignMatcher(new FixedAliases(("DRAGONBRIDGE", "Spamouflage")));
        Assert.True(known.Score(meta, tag).Linked);
        Assert.Contains("name:spamouflage", known.BlockingKeys(tag));
    }

    [Fact]
    public void Knowledge_base_operations_supply_aliases_by_normalised_name()
    {
        var known = new KnownOperationAliases([new Pipeline.Domain.Knowledge.Operation("Spamouflage", ["DRAGONBRIDGE", "Taizi Flood"], "CN")]);
        Assert.Equal(["Spamouflage", "DRAGONBRIDGE", "Taizi Flood"], known.AliasesOf("Dragon-Bridge"));
        Assert.Empty(known.AliasesOf("Doppelganger"));
        var matcher = new CampaignMatcher(known);
        Assert.True(matcher.Score(Rpt.Make("a.txt", names: ["Taizi Flood"]), Rpt.Make("b.txt", names: ["Spamouflage"])).Linked);
    }

    private sealed class FixedAliases(params (string A, string B)[] pairs) : IOperationAliases
    {
        public IEnumerable<string> AliasesOf(string name) =>
            pairs.Where(p => Same(p.A, name)).Select(p => p.B).Concat(pairs.Where(p => Same(p.B, name)).Select(p => p.A));

        private static bool Same(string x, string y) => OperationName.Parse(x)?.Key == OperationName.Parse(y)?.Key;
    }
}
