using Pipeline.Dedup.Tests.Support;
using Pipeline.Domain.Campaigns;

namespace Pipeline.Dedup.Tests;

/// <summary>One test per matching rule, on hand-built reports.</summary>
public class PairRuleTests
{
    private readonly CampaignMatcher _matcher = new();

    [Fact]
    public void Shared_name_links_across_years_platforms_and_origins()
    {
        var meta = Rpt.Make("meta-2019.txt", "2019-08-19", ["CN"], ["Spamouflage"], ["facebook.pages=7"]);
        var openai = Rpt.Make("openai-2024.txt", "2024-05-30", ["RU"], ["spamouflage network"]);
        var score = _matcher.Score(meta, openai);
        Assert.True(score.Linked);
        Assert.Contains("shared name: spamouflage", score.Reasons);
    }

    [Fact]
    public void Unnamed_report_joins_by_origin_date_and_a_distinctive_figure()
    {
        var platform = Rpt.Make("meta.txt", "2018-08-21", ["IR"], ["Liberty Front Press"], ["facebook.assets=652", "facebook.pages=74"]);
        var news = Rpt.Make("news.txt", "2018-08-22", ["IR"], figures: ["facebook.assets=652"]);
        var score = _matcher.Score(platform, news);
        Assert.True(score.Linked);
        Assert.Contains("same origin IR", score.Reasons);
        Assert.Contains("reported 1 day apart", score.Reasons);
        Assert.Contains("shared figure facebook.assets=652", score.Reasons);
    }

    [Fact]
    public void Same_country_same_month_networks_stay_apart_without_a_linking_figure()
    {
        var first = Rpt.Make("a.txt", "2020-10-08", ["IR"], figures: ["facebook.accounts=104", "facebook.pages=14"],
            targets: ["US"], partners: ["Graphika"], actors: ["IRIB"]);
        var second = Rpt.Make("b.txt", "2020-10-08", ["IR"], figures: ["facebook.accounts=12", "facebook.pages=14"],
            targets: ["US"], partners: ["Graphika"], actors: ["IRIB"]);
        var score = _matcher.Score(first, second);
        Assert.False(score.Linked);
        Assert.Contains("same origin IR", score.Reasons);
        Assert.Contains("reported the same day", score.Reasons);
    }

    [Fact]
    public void Attribution_alone_does_not_define_a_campaign()
    {
        var a = Rpt.Make("a.txt", "2019-03-01", ["RU"], actors: ["Internet Research Agency"]);
        var b = Rpt.Make("b.txt", "2019-03-02", ["RU"], actors: ["Internet Research Agency"]);
        Assert.False(_matcher.Score(a, b).Linked);
    }

    [Theory]
    [InlineData(12)]   // small numbers coincide between small networks
    [InlineData(600)]  // round numbers are how news rounds
    public void Weak_figures_alone_do_not_link(long n)
    {
        var a = Rpt.Make("a.txt", "2021-05-01", ["RU"], figures: [$"facebook.accounts={n}"]);
        var b = Rpt.Make("b.txt", "2021-05-01", ["RU"], figures: [$"facebook.accounts={n}"]);
        Assert.False(_matcher.Score(a, b).Linked);
    }

    [Fact]
    public void Without_a_name_a_shared_figure_months_apart_does_not_link()
    {
        var a = Rpt.Make("a.txt", "2020-01-10", ["RU"], figures: ["facebook.accounts=284"]);
        var b = Rpt.Make("b.txt", "2020-03-20", ["RU"], figures: ["facebook.accounts=284"]);
        Assert.False(_matcher.Score(a, b).Linked);
    }

    [Fact]
    public void Reports_naming_different_operations_need_two_distinctive_figures()
    {
        var a = Rpt.Make("a.txt", "2022-09-27", ["RU"], ["Doppelganger"], ["facebook.accounts=1633", "facebook.pages=703"]);
        var oneFigure = Rpt.Make("b.txt", "2022-09-27", ["RU"], ["Ghostwriter"], ["facebook.accounts=1633"]);
        var twoFigures = Rpt.Make("c.txt", "2022-09-27", ["RU"], ["Ghostwriter"], ["facebook.accounts=1633", "facebook.pages=703"]);
        Assert.False(_matcher.Score(a, oneFigure).Linked);
        Assert.Contains("different names: doppelganger / ghostwriter", _matcher.Score(a, oneFigure).Reasons);
        Assert.True(_matcher.Score(a, twoFigures).Linked);
    }

    [Fact]
    public void Without_an_origin_two_distinctive_figures_link_and_one_does_not()
    {
        var platform = Rpt.Make("tw.txt", "2020-06-11", ["CN"], figures: ["twitter.accounts=23750", "twitter.followers=150000"]);
        var one = Rpt.Make("news1.txt", "2020-06-12", figures: ["twitter.accounts=23750"]);
        var two = Rpt.Make("news2.txt", "2020-06-12", figures: ["twitter.accounts=23750", "twitter.assets=7340"]);
        var platform2 = platform with { Counts = [.. platform.Counts, Rpt.Count("twitter.assets=7340")] };
        Assert.False(_matcher.Score(platform, one).Linked);
        Assert.True(_matcher.Score(platform2, two).Linked);
    }

    [Fact]
    public void Different_stated_origins_block_a_figures_only_link()
    {
        var a = Rpt.Make("a.txt", "2020-06-11", ["CN"], figures: ["twitter.accounts=23750", "twitter.assets=7340"]);
        var b = Rpt.Make("b.txt", "2020-06-11", ["RU"], figures: ["twitter.accounts=23750", "twitter.assets=7340"]);
        Assert.False(_matcher.Score(a, b).Linked);
        Assert.Contains("different origin CN vs RU", _matcher.Score(a, b).Reasons);
    }

    [Fact]
    public void Close_figures_corroborate_like_a_typo_or_recount()
    {
        var a = Rpt.Make("a.txt", "2019-08-19", ["CN"], figures: ["facebook.pages=954"]);
        var b = Rpt.Make("b.txt", "2019-08-20", ["CN"], figures: ["facebook.pages=945", "facebook.accounts=284"]);
        var c = a with { Counts = [.. a.Counts, Rpt.Count("facebook.accounts=284")] };
        var close = _matcher.Score(a, b);
        Assert.Contains("close figure facebook.pages 954≈945", close.Reasons);
        Assert.False(close.Linked); // 2 points: a near value alone is not enough
        Assert.True(_matcher.Score(c, b).Linked);
    }

    [Fact]
    public void Scores_are_symmetric()
    {
        var pool = SyntheticReports.Pool(seed: 7, count: 120);
        foreach (var a in pool)
            foreach (var b in pool)
            {
                var ab = _matcher.Score(a, b);
                var ba = _matcher.Score(b, a);
                Assert.Equal(ab.Linked, ba.Linked);
                Assert.Equal(ab.Score, ba.Score);
                Assert.Equal(ab.Reasons.Order(StringComparer.Ordinal), ba.Reasons.Order(StringComparer.Ordinal));
            }
    }
}

public class TextSignatureTests
{
    [Fact]
    public void Similar_evidence_scores_high_and_unrelated_evidence_low()
    {
        var a = TextSignature.Of(["The network posted about Hong Kong protesters and the police in Cantonese."]);
        var same = TextSignature.Of(["The network posted about Hong Kong protesters and the police in Cantonese."]);
        var other = TextSignature.Of(["Fake accounts promoted Sputnik articles across Baltic communities."]);
        Assert.Equal(1.0, a.Similarity(same));
        Assert.True(a.Similarity(other) < 0.15);
        Assert.Equal(0, TextSignature.Of([]).Similarity(a));
    }

    [Fact]
    public void Shared_evidence_text_adds_a_reason()
    {
        const string quote = "Pages posted about Hong Kong protesters, calling them cockroaches and rioters.";
        var a = Support.Rpt.Make("a.txt", "2019-08-19", ["CN"], quote: quote, targets: ["HK"]);
        var b = Support.Rpt.Make("b.txt", "2019-08-20", ["CN"], quote: quote, targets: ["HK"]);
        Assert.Contains(new CampaignMatcher().Score(a, b).Reasons, r => r.StartsWith("text similarity 1.00"));
    }
}
