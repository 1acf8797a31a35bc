using Pipeline.Dedup.Tests.Support;
using Pipeline.Domain.Campaigns;

namespace Pipeline.Dedup.Tests;

/// <summary>Reports naming several operations: a bridge (two) merges, a roundup (more) joins only its subject.</summary>
public class RoundupAndBridgeTests
{
    private readonly CampaignMatcher _matcher = new();

    private static readonly Pipeline.Domain.Reports.ExtractedReport Roundup = Rpt.Make("openai-2024-05.md", "2024-05-30", ["RU", "CN", "IR", "IL"],
        ["Bad Grammar", "Doppelganger", "Spamouflage", "IUVM", "Zero Zeno"], actors: ["STOIC"], targets: ["US", "CA"]);

    [Fact]
    public void A_roundup_links_by_its_first_named_operation_only()
    {
        Assert.True(_matcher.Score(Roundup, Rpt.Make("news.txt", "2024-05-31", ["RU"], ["Bad Grammar"])).Linked);
        Assert.False(_matcher.Score(Roundup, Rpt.Make("meta.txt", "2023-08-29", ["CN"], ["Spamouflage"])).Linked);
        Assert.Equal(["name:badgrammar", "name:grammar", "part:badgrammar"], _matcher.BlockingKeys(Roundup));
    }

    [Fact]
    public void A_roundups_mixed_context_does_not_link()
    {
        var stoic = Rpt.Make("meta-stoic.txt", "2024-05-29", ["IL"], actors: ["STOIC"], targets: ["US", "CA"]);
        var score = _matcher.Score(Roundup, stoic);
        Assert.False(score.Linked);
        Assert.Contains("roundup of several operations: links by name only", score.Reasons);
    }

    [Fact]
    public void Names_of_one_operation_are_one_group_not_a_roundup()
    {
        var aliases = new KnownOperationAliases([new Pipeline.Domain.Knowledge.Operation("Doppelganger", ["RRN", "Recent Reliable News"], "RU")]);
        var news = Rpt.Make("news.txt", "2022-09-28", ["RU"], ["Doppelganger", "RRN", "Recent Reliable News"], ["facebook.accounts=1600"]);
        var meta = Rpt.Make("meta.txt", "2022-09-27", ["RU"], figures: ["facebook.accounts=1633"], targets: ["DE"]);
        var known = new CampaignMatcher(aliases);
        Assert.DoesNotContain("roundup of several operations: links by name only", known.Score(news, meta).Reasons);
        Assert.Contains("roundup of several operations: links by name only", _matcher.Score(news, meta).Reasons);
    }

    [Fact]
    public void A_report_naming_two_operations_bridges_them()
    {
        var bridge = Rpt.Make("bridge.txt", "2022-10-03", ["RU"], ["RRN", "Doppelganger"]);
        Assert.True(_matcher.Score(bridge, Rpt.Make("a.txt", "2022-09-27", ["RU"], ["Doppelganger"])).Linked);
        Assert.True(_matcher.Score(bridge, Rpt.Make("b.txt", "2022-09-27", ["RU"], ["RRN"])).Linked);
    }

    [Fact]
    public void An_undated_report_joins_by_origin_and_one_distinctive_figure()
    {
        var platform = Rpt.Make("twitter.txt", "2019-08-19", ["CN"], figures: ["twitter.accounts=936", "twitter.accounts=200000"]);
        var undated = Rpt.Make("news.html", null, ["CN"], figures: ["twitter.accounts=936"]);
        Assert.True(_matcher.Score(platform, undated).Linked);
        Assert.Contains("figure:936", _matcher.BlockingKeys(undated));
    }

    [Fact]
    public void Every_value_a_report_states_counts_not_only_its_largest()
    {
        // The Twitter update restates the first batch (284) next to the new total (770).
        var update = Rpt.Make("twitter-update.txt", "2018-08-27", ["IR"], figures: ["twitter.accounts=284", "twitter.accounts=770"]);
        var news = Rpt.Make("news.html", "2018-08-22", ["IR"], figures: ["twitter.accounts=284", "facebook.assets=652"]);
        var score = _matcher.Score(update, news);
        Assert.True(score.Linked);
        Assert.DoesNotContain(score.Reasons, r => r.StartsWith("conflicting"));
    }
}
