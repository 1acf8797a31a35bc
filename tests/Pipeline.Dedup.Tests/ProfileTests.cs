using Pipeline.Dedup.Tests.Support;
using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Reports;

namespace Pipeline.Dedup.Tests;

public class ProfileTests
{
    private static CampaignProfile Build(params ExtractedReport[] reports) =>
        CampaignProfileBuilder.Build(reports.Select(Rpt.Member).ToList());

    [Fact]
    public void Name_is_the_most_used_and_the_others_are_aliases()
    {
        var profile = Build(
            Rpt.Make("meta.txt", "2019-08-19", ["CN"], ["Spamouflage"]),
            Rpt.Make("news.txt", "2019-08-20", ["CN"], ["spamouflage"]),
            Rpt.Make("tag.txt", "2022-07-01", ["CN"], ["DRAGONBRIDGE"], aliases: [("DRAGONBRIDGE", "Spamouflage Dragon")]));
        Assert.Equal("Spamouflage", profile.Name);
        Assert.Equal(["DRAGONBRIDGE", "Spamouflage Dragon"], profile.Aliases);
    }

    [Fact]
    public void On_a_tie_the_curated_canonical_name_wins()
    {
        var known = new KnownOperationAliases([new Pipeline.Domain.Knowledge.Operation("Spamouflage", ["Spamouflage Dragon", "DRAGONBRIDGE"], "CN")]);
        var members = new[]
        {
            Rpt.Make("graphika.md", "2020-04-24", ["CN"], ["Spamouflage Dragon"]),
            Rpt.Make("meta.txt", "2023-08-29", ["CN"], ["Spamouflage"]),
        }.Select(Rpt.Member).ToList();
        Assert.Equal("Spamouflage Dragon", CampaignProfileBuilder.Build(members).Name);
        Assert.Equal("Spamouflage", CampaignProfileBuilder.Build(members, known).Name);
    }

    [Theory]
    [InlineData("https://about.fb.com/news/2019/08/cib/", "facebook.pages=954", "We removed 954 Pages and 284 accounts.", StatementAuthority.OwnFirstPerson)]
    [InlineData("https://about.fb.com/news/2019/08/cib/", "facebook.pages=954", "Presence on Facebook: 954 Pages.", StatementAuthority.OwnReport)]
    [InlineData("https://about.fb.com/news/2019/08/cib/", "twitter.accounts=936", "We removed them after Twitter suspended 936 accounts.", StatementAuthority.ThirdParty)]
    [InlineData("reuters-facebook.html", "facebook.pages=954", "\"We removed 954 Pages,\" Facebook said.", StatementAuthority.ThirdParty)]
    [InlineData("blog.google/threat-analysis-group/tag-bulletin-q3", "youtube.channels=1513", "We terminated 1,513 YouTube channels.", StatementAuthority.OwnFirstPerson)]
    public void Statement_authority_prefers_the_platforms_own_first_person_count(string source, string figure, string quote, int expected) =>
        Assert.Equal(expected, StatementAuthority.Of(Rpt.Count(figure, quote), StatementAuthority.PublishingPlatforms(source)));

    [Theory]
    [InlineData("doc-17.html", new[] { "facebook.pages=954", "instagram.accounts=15" }, "We removed 954 Pages and 15 Instagram accounts.", new[] { "facebook", "instagram" })]
    [InlineData("doc-18.html", new[] { "youtube.channels=1513" }, "We terminated 1,513 YouTube channels.", new[] { "blogger", "gmail", "google_ads", "youtube" })]
    [InlineData("doc-19.html", new[] { "facebook.pages=954" }, "\"We removed 954 Pages,\" Facebook said.", new string[0])]
    [InlineData("doc-20.html", new[] { "twitter.accounts=936" }, "We removed them after Twitter suspended 936 accounts.", new string[0])]
    [InlineData("doc-21.html", new[] { "facebook.pages=954" }, "Facebook removed 954 Pages.", new string[0])]
    [InlineData("doc-22.html", new[] { "facebook.pages=954", "twitter.accounts=284" }, "We removed 954 Pages.", new string[0])] // whose "we"?
    [InlineData("https://blog.google/tag-bulletin", new[] { "facebook.pages=954" }, "Facebook removed 954 Pages.", new[] { "blogger", "gmail", "google_ads", "youtube" })]
    public void A_platforms_own_report_is_recognised_by_its_first_person_removal_whatever_the_file_is_called(
        string source, string[] figures, string quote, string[] expected)
    {
        var report = Rpt.Make(source, "2019-08-19", ["CN"]) with { Counts = figures.Select(f => Rpt.Count(f, quote)).ToList() };
        Assert.Equal(expected, StatementAuthority.PublishingPlatforms(report).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_roundup_member_lends_only_its_subjects_name()
    {
        var profile = Build(
            Rpt.Make("news.txt", "2024-05-31", ["RU"], ["Bad Grammar"]),
            Rpt.Make("openai.md", "2024-05-30", ["RU"], ["Bad Grammar", "Doppelganger", "Spamouflage", "Zero Zeno"]));
        Assert.Equal("Bad Grammar", profile.Name);
        Assert.Empty(profile.Aliases);
    }

    [Fact]
    public void On_a_tie_the_first_used_name_wins()
    {
        var profile = Build(
            Rpt.Make("later.txt", "2022-07-01", ["CN"], ["DRAGONBRIDGE"]),
            Rpt.Make("first.txt", "2019-08-19", ["CN"], ["Spamouflage"]));
        Assert.Equal("Spamouflage", profile.Name);
    }

    [Theory]
    [InlineData(new[] { "IR" }, "2018-08-21", "Iran-origin network (2018-08)")]
    [InlineData(new[] { "RU", "IR" }, "2018-08-21", "Iran/Russia-origin network (2018-08)")]
    [InlineData(new string[0], null, "Unattributed network (undated)")]
    public void An_unnamed_campaign_gets_a_descriptive_name(string[] origins, string? date, string expected) =>
        Assert.Equal(expected, Build(Rpt.Make("a.txt", date, origins), Rpt.Make("b.txt", date is null ? null : "2019-01-01", origins)).Name);

    [Fact]
    public void A_generated_name_uses_the_origin_most_reports_state()
    {
        var profile = Build(Rpt.Make("a.txt", "2019-01-17", ["RU"]), Rpt.Make("b.txt", "2019-01-17", ["RU", "US"]));
        Assert.Equal("Russia-origin network (2019-01)", profile.Name);
        Assert.Equal(["RU", "US"], profile.OriginCountries);
    }

    [Fact]
    public void Countries_regions_actors_partners_are_sorted_unions()
    {
        var profile = Build(
            Rpt.Make("a.txt", "2020-10-08", ["IR"], targets: ["US", "GB"], regions: ["Middle East"], actors: ["IRIB"], partners: ["Graphika"]),
            Rpt.Make("b.txt", "2020-11-01", ["IR", "iq"], targets: ["DE", "US"], regions: ["middle east", "Sahel"], partners: ["graphika", "DFRLab"]));
        Assert.Equal(["IQ", "IR"], profile.OriginCountries);
        Assert.Equal(["DE", "GB", "US"], profile.TargetCountries);
        Assert.Equal(["Middle East", "Sahel"], profile.TargetRegions);
        Assert.Equal(["IRIB"], profile.Actors);
        Assert.Equal(["DFRLab", "Graphika"], profile.Partners);
        Assert.Equal(new DateOnly(2020, 10, 8), profile.FirstReported);
        Assert.Equal(new DateOnly(2020, 11, 1), profile.LastReported);
    }

    [Fact]
    public void Conflicting_figures_keep_every_value_with_its_sources_and_choose_the_platforms_own()
    {
        var meta = Rpt.Make("https://about.fb.com/news/2019/08/cib-china/", "2019-08-19", ["CN"],
            figures: ["facebook.pages=954"], quote: "We removed 954 Pages, 284 Facebook accounts and 3 Groups.");
        var news1 = Rpt.Make("reuters-facebook-china.txt", "2019-08-20", ["CN"],
            figures: ["facebook.pages=945"], quote: "Facebook said it removed 945 Pages linked to the network.");
        var news2 = Rpt.Make("https://news.example/china-pages", "2019-08-20", ["CN"],
            figures: ["facebook.pages=945"], quote: "The company removed 945 Pages.");
        var figure = Assert.Single(Build(news1, meta, news2).Figures);
        Assert.Equal(954, figure.Chosen);
        Assert.True(figure.Disputed);
        Assert.Equal(2, figure.Stated.Count);
        var (count945, sources945) = figure.Stated.Single(s => s.Count == 945);
        Assert.Equal(["https://news.example/china-pages", "reuters-facebook-china.txt"], sources945);
        Assert.Equal(["https://about.fb.com/news/2019/08/cib-china/"], figure.Stated.Single(s => s.Count == 954).Sources);
        Assert.Equal(945, count945);
    }

    [Fact]
    public void A_platforms_figure_about_another_platform_is_not_first_hand()
    {
        var meta = Rpt.Make("meta-report.txt", "2019-08-19", ["CN"], figures: ["twitter.accounts=936"],
            quote: "We removed these accounts after Twitter's disclosure of 936 accounts.");
        var twitter = Rpt.Make("twitter-disclosure.txt", "2019-08-19", ["CN"], figures: ["twitter.accounts=936", "twitter.followers=200000"]);
        var news = Rpt.Make("news.txt", "2019-08-20", ["CN"], figures: ["twitter.accounts=1000"]);
        var news2 = Rpt.Make("news2.txt", "2019-08-20", ["CN"], figures: ["twitter.accounts=1000"]);
        var accounts = Build(meta, twitter, news, news2).Figures.Single(f => f.Asset == "accounts");
        Assert.Equal(936, accounts.Chosen); // twitter's own table beats two news reports
    }

    [Fact]
    public void A_member_read_again_by_a_newer_extractor_states_its_new_figures_not_the_ones_kept_for_its_old_reading()
    {
        var meta = Rpt.Make("https://about.fb.com/news/2019/08/cib-china/", "2019-08-19", ["CN"],
            figures: ["facebook.pages=954"], quote: "We removed 954 Pages.");
        var news = Rpt.Make("news.txt", "2019-08-20", ["CN"], figures: ["facebook.pages=945"], quote: "The company removed 945 Pages.");
        Assert.Equal(954, Build(meta, news).Figures.Single().Chosen);
        Assert.Equal(954, Build(meta, news).Figures.Single().Chosen); // the same readings again

        // The same report (same source and id), re-extracted: its figure and its voice changed.
        var reread = meta with { Counts = [Rpt.Count("facebook.pages=960", "Facebook said it removed 960 Pages.")] };
        var figure = Build(reread, news).Figures.Single();
        Assert.Equal([945L, 960L], figure.Stated.Select(s => s.Count).Order());
        Assert.Equal(960, figure.Chosen); // no longer first-hand: the larger of two third-party values
    }

    [Fact]
    public void Without_authority_the_most_stated_then_the_larger_value_wins()
    {
        var a = Rpt.Make("a.txt", figures: ["facebook.accounts=100"]);
        var b = Rpt.Make("b.txt", figures: ["facebook.accounts=90"]);
        var c = Rpt.Make("c.txt", figures: ["facebook.accounts=90"]);
        Assert.Equal(90, Build(a, b, c).Figures.Single().Chosen);
        Assert.Equal(100, Build(a, b).Figures.Single().Chosen);
        Assert.False(Build(b, c).Figures.Single().Disputed);
    }

    [Fact]
    public void Platforms_table_shows_the_chosen_values()
    {
        var profile = Build(
            Rpt.Make("a.txt", figures: ["facebook.pages=74", "facebook.assets=652"]),
            Rpt.Make("b.txt", figures: ["instagram.accounts=3"]));
        Assert.Equal(652, profile.Platforms["facebook"]["assets"]);
        Assert.Equal(3, profile.Platforms["instagram"]["accounts"]);
    }

    [Fact]
    public void Profile_does_not_depend_on_member_order()
    {
        var reports = ClusteringTests.HardCases().Take(5).ToArray();
        var reference = Describe(Build(reports));
        for (var seed = 0; seed < 5; seed++)
        {
            var shuffled = reports.ToArray();
            new Random(seed).Shuffle(shuffled);
            Assert.Equal(reference, Describe(Build(shuffled)));
        }
    }

    private static string Describe(CampaignProfile p) =>
        System.Text.Json.JsonSerializer.Serialize(p with { Figures = [] })
        + string.Join(";", p.Figures.Select(f => $"{f.Platform}.{f.Asset}={f.Chosen}:{string.Join(",", f.Stated.Select(s => $"{s.Count}[{string.Join(",", s.Sources)}]"))}"));

    [Fact]
    public void Two_unnamed_networks_from_one_country_and_month_get_different_names()
    {
        var first = Build(Rpt.Make("a.txt", "2021-03-02", ["PK"], targets: ["IN", "BD"]), Rpt.Make("b.txt", "2021-03-03", ["PK"], targets: ["IN"]));
        var second = Build(Rpt.Make("c.txt", "2021-03-02", ["PK"], targets: ["AF"], actors: ["Lahore Media Hub"]));
        Assert.Equal("Pakistan-origin network targeting India (2021-03)", first.Name);
        Assert.Equal("Pakistan-origin network linked to Lahore Media Hub targeting Afghanistan (2021-03)", second.Name);
    }

    [Fact]
    public void A_generated_name_takes_the_target_the_report_names_first_and_ignores_generic_actors()
    {
        var profile = Build(Rpt.Make("a.txt", "2021-03-02", ["PK"], targets: ["IN", "BD"], actors: ["Pakistani military"]));
        Assert.Equal("Pakistan-origin network targeting India (2021-03)", profile.Name);
    }

    [Fact]
    public void A_generated_name_does_not_depend_on_member_order()
    {
        var a = Rpt.Make("a.txt", "2021-03-02", ["PK"], targets: ["BD"]);
        var b = Rpt.Make("b.txt", "2021-03-03", ["PK"], targets: ["IN"]);
        Assert.Equal(Build(a, b).Name, Build(b, a).Name);
    }

    [Fact]
    public void A_total_another_report_states_is_chosen_over_the_largest_of_a_cluster_breakdown()
    {
        var platform = Rpt.Make("https://about.fb.com/news/cib-report", "2021-05-04", ["PK"],
            figures: ["facebook.pages=40", "facebook.pages=25", "facebook.pages=7"], quote: "Presence on Facebook: 40 Pages.");
        var news = Rpt.Make("https://news.example/pk-pages", "2021-05-05", ["PK"],
            figures: ["facebook.pages=72"], quote: "Facebook said the clusters ran 72 Pages in all.");
        var figure = Assert.Single(Build(platform, news).Figures);
        Assert.Equal(72, figure.Chosen);
        Assert.Contains(figure.Stated, st => st.Count == 40); // every stated value is kept
    }

    [Fact]
    public void Without_a_matching_total_the_platforms_own_largest_value_stays_chosen()
    {
        var platform = Rpt.Make("https://about.fb.com/news/cib-report", "2021-05-04", ["PK"],
            figures: ["facebook.pages=40", "facebook.pages=25"], quote: "Presence on Facebook: 40 Pages.");
        var news = Rpt.Make("https://news.example/pk-pages", "2021-05-05", ["PK"],
            figures: ["facebook.pages=70"], quote: "Facebook said it removed about 70 Pages.");
        Assert.Equal(40, Assert.Single(Build(platform, news).Figures).Chosen);
    }

    [Fact]
    public void An_unsplit_total_dropped_from_the_report_row_still_shows_in_the_campaign()
    {
        var report = Rpt.Make("https://about.fb.com/news/cib-report", "2021-05-04", ["PK"],
            figures: ["facebook.assets=130", "facebook.pages=100", "facebook.accounts=30"]);
        Assert.False(report.Platforms["facebook"].ContainsKey("assets"));
        Assert.Equal(130, Build(report).Platforms["facebook"]["assets"]);
    }
}
