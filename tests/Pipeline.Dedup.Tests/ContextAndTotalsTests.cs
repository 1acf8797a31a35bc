using Pipeline.Dedup.Tests.Support;
using Pipeline.Domain.Campaigns;

namespace Pipeline.Dedup.Tests;

/// <summary>The genre's indirect links: unsplit totals, rounded figures, and agreeing context without a name.</summary>
public class ContextAndTotalsTests
{
    private readonly CampaignMatcher _matcher = new();

    [Fact]
    public void An_unsplit_total_meets_another_reports_itemised_counts()
    {
        var platform = Rpt.Make("meta.txt", "2019-05-16", ["IL"], figures: ["facebook.accounts=65", "facebook.pages=161", "facebook.groups=23", "facebook.events=12", "instagram.accounts=4"]);
        var researcher = Rpt.Make("dfrlab.md", "2019-05-16", ["IL"], figures: ["facebook.assets=265"]);
        var score = _matcher.Score(platform, researcher);
        Assert.True(score.Linked);
        Assert.Contains("shared figure 265 (all.total, facebook.assets)", score.Reasons);
    }

    [Fact]
    public void The_same_breakdown_of_small_counts_is_jointly_distinctive()
    {
        var platform = Rpt.Make("meta.txt", "2019-08-19", ["CN"], figures: ["facebook.pages=7", "facebook.groups=3", "facebook.accounts=5"]);
        var news = Rpt.Make("news.html", "2019-08-20", ["CN"], figures: ["facebook.pages=7", "facebook.groups=3", "facebook.accounts=5", "twitter.accounts=936"]);
        var partial = Rpt.Make("other.html", "2019-08-20", ["CN"], figures: ["facebook.pages=7", "facebook.groups=3", "facebook.accounts=9"]);
        var score = _matcher.Score(platform, news);
        Assert.True(score.Linked);
        Assert.Contains("same breakdown: 3 asset counts agree", score.Reasons);
        Assert.False(_matcher.Score(platform, partial).Linked);
    }

    [Fact]
    public void Two_itemised_lists_do_not_count_their_totals_twice()
    {
        var a = Rpt.Make("a.txt", "2019-05-16", ["IL"], figures: ["facebook.accounts=12", "facebook.pages=9"]);
        var b = Rpt.Make("b.txt", "2019-05-16", ["IL"], figures: ["facebook.accounts=13", "facebook.pages=8"]);
        Assert.DoesNotContain(_matcher.Score(a, b).Reasons, r => r.Contains("total"));
    }

    [Theory]
    [InlineData(289, 300, true)]
    [InlineData(289, 290, true)]
    [InlineData(1633, 1600, true)]
    [InlineData(2_812_345, 3_000_000, true)]
    [InlineData(240, 300, false)]            // beyond half the rounding unit
    [InlineData(300, 300, false)]            // equal is exact, not rounded
    [InlineData(2_800_000, 3_000_000, false)] // two round values: neither is the exact count
    public void Rounded_values_are_recognised(long exact, long rounded, bool expected) =>
        Assert.Equal(expected, Figure.RoundsTo(exact, rounded));

    [Fact]
    public void A_write_up_with_a_named_actor_shared_targets_and_a_rounded_count_joins_without_a_name()
    {
        var platform = Rpt.Make("meta.txt", "2019-01-17", ["RU"], figures: ["facebook.pages=289", "facebook.accounts=75"],
            actors: ["Sputnik"], targets: ["LV", "GE", "KZ"]);
        var writeUp = Rpt.Make("dfrlab.md", "2019-01-17", ["RU"], figures: ["facebook.pages=300"], actors: ["Rossiya Segodnya", "Sputnik"], targets: ["LV"]);
        var score = _matcher.Score(platform, writeUp);
        Assert.True(score.Linked);
        Assert.Contains("rounded figure facebook.pages 300≈289", score.Reasons);
        Assert.Contains("3 kinds of context agree within 7 days", score.Reasons);
    }

    [Fact]
    public void Context_from_a_partner_and_a_target_links_within_a_week_only()
    {
        var platform = Rpt.Make("meta.txt", "2018-08-21", ["IR"], ["Liberty Front Press"], ["facebook.assets=652"], targets: ["US", "GB"], partners: ["FireEye"]);
        var google = Rpt.Make("google.txt", "2018-08-23", ["IR"], figures: ["youtube.channels=39"], targets: ["US"], partners: ["FireEye"]);
        var later = google with { ReportedOn = new DateOnly(2018, 9, 3) };
        Assert.True(_matcher.Score(platform, google).Linked);
        Assert.False(_matcher.Score(platform, later).Linked);
    }

    [Fact]
    public void Context_does_not_link_when_the_same_count_is_far_apart()
    {
        var a = Rpt.Make("a.txt", "2020-10-08", ["IR"], figures: ["facebook.accounts=104"], targets: ["US"], partners: ["Graphika"], actors: ["Pars Today"]);
        var b = Rpt.Make("b.txt", "2020-10-08", ["IR"], figures: ["facebook.accounts=12"], targets: ["US"], partners: ["Graphika"], actors: ["Pars Today"]);
        var score = _matcher.Score(a, b);
        Assert.False(score.Linked);
        Assert.Contains("conflicting figure facebook.accounts 104 vs 12", score.Reasons);
    }

    [Fact]
    public void A_generic_attribution_is_not_context()
    {
        var a = Rpt.Make("a.txt", "2019-08-19", ["CN"], actors: ["Chinese government"], targets: ["HK"]);
        var b = Rpt.Make("b.txt", "2019-08-19", ["CN"], actors: ["Chinese government"], targets: ["HK"]);
        Assert.False(_matcher.Score(a, b).Linked);
        Assert.True(ActorNames.IsSpecific("Archimedes Group"));
        Assert.False(ActorNames.IsSpecific("Iranian state media"));
    }

    [Fact]
    public void Reports_naming_different_operations_never_link_by_context()
    {
        var a = Rpt.Make("a.txt", "2020-09-01", ["RU"], ["PeaceData"], actors: ["Internet Research Agency"], targets: ["US"]);
        var b = Rpt.Make("b.txt", "2020-09-01", ["RU"], ["Secondary Infektion"], actors: ["Internet Research Agency"], targets: ["US"]);
        Assert.False(_matcher.Score(a, b).Linked);
    }
}
