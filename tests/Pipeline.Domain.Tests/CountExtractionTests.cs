namespace Pipeline.Domain.Tests;

public class CountExtractionTests
{
    [Fact]
    public void Counts_each_platform_and_asset_kind_in_a_platform_announcement()
    {
        var report = Support.ExtractTakedown("We took down 5,120 Facebook accounts, 610 Pages, 9 Groups and 44 Instagram accounts this week.");
        Assert.Equal(
            ["facebook.accounts=5120", "facebook.groups=9", "facebook.pages=610", "instagram.accounts=44"],
            report.Figures().Sorted());
    }

    [Theory]
    [InlineData("A small network of 11 Facebook accounts and two pages was shut down.", "facebook.accounts=11", "facebook.pages=2")]
    [InlineData("The company removed three Pages and twenty-one accounts on Facebook.", "facebook.accounts=21", "facebook.pages=3")]
    [InlineData("Investigators found one Page and one Group run by the operators, and Facebook removed both.", "facebook.groups=1", "facebook.pages=1")]
    public void Reads_numbers_in_words(string sentence, string first, string second) =>
        Assert.Equal([first, second], Support.ExtractTakedown(sentence).Figures().Sorted());

    [Theory]
    [InlineData("Facebook removed dozens of pages linked to the group.")]
    [InlineData("Hundreds of accounts were suspended, the company said.")]
    [InlineData("Twitter suspended several accounts tied to the site.")]
    public void Vague_quantities_give_no_count(string sentence) =>
        Assert.Empty(Support.ExtractTakedown(sentence).Counts);

    [Theory]
    [InlineData("Twitter said it suspended about 350 accounts.", "twitter.accounts=350")]
    [InlineData("Twitter suspended more than 1,100 accounts on Friday.", "twitter.accounts=1100")]
    [InlineData("X (formerly Twitter) suspended 87 accounts that posed as reporters.", "twitter.accounts=87")]
    [InlineData("X suspended 87 accounts that posed as reporters.", "twitter.accounts=87")]
    [InlineData("We terminated 61 YouTube channels as part of our investigation.", "youtube.channels=61")]
    [InlineData("Reddit banned nearly 40 accounts for vote manipulation.", "reddit.accounts=40")]
    public void Hedged_and_rounded_figures_keep_the_stated_number(string sentence, string expected) =>
        Assert.Equal([expected], Support.ExtractTakedown(sentence).Figures());

    [Fact]
    public void Instagram_accounts_inside_a_facebook_sentence_are_instagram()
    {
        var report = Support.ExtractTakedown("Facebook said it took down 120 accounts and 16 Instagram accounts run from the same building.");
        Assert.Equal(["facebook.accounts=120", "instagram.accounts=16"], report.Figures().Sorted());
    }

    [Fact]
    public void A_trailing_platform_takes_only_the_figures_it_can_have()
    {
        var report = Support.ExtractTakedown("We removed 41 Facebook accounts, 14 Pages and 9 Groups, and 5 accounts on Instagram.");
        Assert.Equal(["facebook.accounts=41", "facebook.groups=9", "facebook.pages=14", "instagram.accounts=5"], report.Figures().Sorted());
    }

    [Fact]
    public void Pages_and_groups_default_to_facebook_when_no_platform_is_named()
    {
        var report = Support.ExtractTakedown("Investigators counted 42 Pages and 7 Groups in the network.");
        Assert.Equal(["facebook.groups=7", "facebook.pages=42"], report.Figures().Sorted());
    }

    [Fact]
    public void Google_bulletin_lines_split_channels_ads_accounts_and_blogs()
    {
        var report = Support.ExtractTakedown(
            "We terminated 24 YouTube channels, 3 Ads accounts and 2 Blogger blogs as part of our investigation into coordinated influence operations linked to Iran.");
        Assert.Equal(["blogger.pages=2", "google_ads.accounts=3", "youtube.channels=24"], report.Figures().Sorted());
    }

    [Fact]
    public void An_unsplit_total_is_counted_as_assets()
    {
        var report = Support.ExtractTakedown("Facebook said it removed 412 Pages, groups and accounts that it tied to the campaign.");
        Assert.Equal(["facebook.assets=412"], report.Figures());
    }

    [Theory]
    [InlineData("About 31,000 accounts followed one or more of these Pages.", "facebook.followers=31000")]
    [InlineData("Around 2,700 people followed one or more of these Instagram accounts.", "instagram.followers=2700")]
    [InlineData("The channels had 9,300 subscribers on YouTube.", "youtube.followers=9300")]
    public void Followers_are_not_asset_counts(string sentence, string expected) =>
        Assert.Equal([expected], Support.ExtractTakedown(sentence).Figures());

    [Theory]
    [InlineData("Advertising: About $6,200 in spending for ads on Facebook.", "facebook.ads_spend_usd=6200")]
    [InlineData("The operators spent roughly US$1.5 million on Facebook ads.", "facebook.ads_spend_usd=1500000")]
    public void Ad_spend_in_dollars_is_read(string sentence, string expected) =>
        Assert.Equal([expected], Support.ExtractTakedown(sentence).Figures());

    [Theory]
    [InlineData("The operators spent about €4,000 on ads on Facebook.")]
    [InlineData("The operators spent about 90,000 rubles on ads on Facebook.")]
    [InlineData("Meta reported quarterly revenue of $32 billion from advertising.")]
    public void Other_currencies_and_revenue_are_skipped(string sentence) =>
        Assert.Empty(Support.ExtractTakedown(sentence).Counts);

    [Theory]
    [InlineData("Last year, Facebook removed 900 accounts tied to the same group.")]
    [InlineData("We have previously removed 1,300 Pages linked to this actor.")]
    [InlineData("Separately, we removed 77 accounts from an unrelated network in Brazil.")]
    [InlineData("Since 2017 we have taken down more than 150 networks and 40,000 accounts in total.")]
    public void Earlier_takedowns_and_other_networks_are_not_counted(string sentence) =>
        Assert.Empty(Support.ExtractTakedown(sentence).Counts);

    [Fact]
    public void A_takedown_set_in_an_earlier_year_is_not_counted()
    {
        var report = Support.ExtractTakedown("Published June 3, 2021\nIn 2018, Facebook removed 652 Pages, groups and accounts. Today we removed 48 accounts.");
        Assert.Equal(["facebook.accounts=48"], report.Figures());
    }

    [Fact]
    public void Labelled_table_rows_are_read()
    {
        var report = Support.ExtractTakedown("TikTok network report\nAccounts in network: 312\nFollowers of network: 15,400");
        Assert.Equal(["tiktok.accounts=312", "tiktok.followers=15400"], report.Figures().Sorted());
    }

    [Theory]
    [InlineData("About 800 accounts joined at least one of these Groups.")]
    [InlineData("The leaked dossier ran to more than 270 pages.")]
    [InlineData("The new labels apply to two groups of accounts on Twitter.")]
    [InlineData("We identified a dozen accounts on X and one account on Instagram.")]
    public void Group_members_documents_and_accounts_merely_found_are_not_counted(string sentence) =>
        Assert.Empty(Support.ExtractTakedown(sentence).Counts);

    [Fact]
    public void A_count_on_a_platform_named_after_the_list_goes_to_that_platform()
    {
        var report = Support.ExtractTakedown("Presence on Facebook and Instagram: 1,200 accounts, 80 Pages and one Group on Facebook, as well as 40 accounts on Instagram.");
        Assert.Equal(["facebook.accounts=1200", "facebook.groups=1", "facebook.pages=80", "instagram.accounts=40"], report.Figures().Sorted());
    }

    [Fact]
    public void Amplifier_sets_beside_the_core_network_are_not_counted()
    {
        var report = Support.ExtractTakedown("Twitter suspended 512 accounts. A larger and spammier set of about 90,000 accounts was also suspended.");
        Assert.Equal(["twitter.accounts=512"], report.Figures());
    }

    [Fact]
    public void A_split_count_wins_over_an_unsplit_total()
    {
        var report = Support.ExtractTakedown("We removed 120 Facebook Pages and accounts.\n\n- Presence on Facebook: 100 Pages and 20 Facebook accounts.");
        // The report's row keeps the split; the unsplit total stays among the stated counts for the campaign view.
        Assert.Equal(["facebook.accounts=20", "facebook.pages=100"],
            report.Platforms.SelectMany(p => p.Value.Select(a => $"{p.Key}.{a.Key}={a.Value}")).Sorted());
        Assert.Equal(["facebook.accounts=20", "facebook.assets=120", "facebook.pages=100"], report.Figures().Sorted());
    }

    [Fact]
    public void A_separate_network_told_in_passing_keeps_its_counts()
    {
        var report = Support.ExtractTakedown(
            "Meta removed 2,410 Facebook accounts run from Peru. The company also described a separate and much smaller network of 9 accounts and four groups from Chile.");
        Assert.Equal(["facebook.accounts=2410"], report.Figures());
    }

    [Fact]
    public void Smaller_networks_described_in_their_own_sections_lend_no_actor()
    {
        var report = Support.ExtractTakedown(
            "We removed 80 Facebook accounts that originated in Russia. Two smaller networks, one linked to the Internet Research Agency, are described in their own sections.");
        Assert.Empty(report.Actors);
    }

    [Fact]
    public void Group_members_after_a_filler_word_are_not_counted()
    {
        var report = Support.ExtractTakedown("We removed 40 Facebook Pages. Some 9,100 accounts had joined one or more of the network's groups, and 3,000 people followed its Instagram accounts.");
        Assert.DoesNotContain(report.Figures(), f => f.Contains("9100", StringComparison.Ordinal));
        Assert.Contains("facebook.pages=40", report.Figures());
    }

    [Fact]
    public void A_related_block_about_another_actor_is_not_this_networks_count()
    {
        var report = Support.ExtractTakedown(
            "Influence operation linked to Iran\n\nWe terminated 25 YouTube channels run by the Iranian network.\n\n"
            + "Other work (for context, not part of this operation)\nSince then we also terminated 77 YouTube channels connected to the Internet Research Agency. "
            + "That work is separate from the Iranian activity above.");
        Assert.Equal(["youtube.channels=25"], report.Figures());
    }

    [Fact]
    public void Table_rows_give_one_networks_figures()
    {
        var report = Support.Extract(
            "TikTok covert influence report\n\n| Network | Accounts in network | Followers of network | Description |\n|---|---|---|---|\n| Accounts targeting Chile | 41 | 12,300 | The network was run from Peru. |");
        Assert.Equal(["tiktok.accounts=41", "tiktok.followers=12300"], report.Figures().Sorted());
    }

    [Theory]
    [InlineData("Facebook said it had banned the firm and removed 265 Facebook and Instagram accounts.", "facebook.accounts=265")]
    [InlineData("We removed 40 Facebook & Instagram accounts linked to the network.", "facebook.accounts=40")]
    [InlineData("The company took down 12 Instagram and Facebook Pages.", "instagram.pages=12")]
    public void One_figure_for_two_platforms_is_kept_under_the_first_named(string text, string figure) =>
        Assert.Equal([figure], Support.ExtractTakedown(text).Figures());

    [Fact]
    public void Years_are_not_counts()
    {
        Assert.Empty(Support.ExtractTakedown("In 2019 accounts on Facebook began posting about the vote.").Counts);
    }

    [Fact]
    public void Every_count_carries_its_sentence_as_evidence()
    {
        const string text = "The network was small. Twitter suspended 19 accounts on Monday.";
        var count = Assert.Single(Support.Extract(text).Counts);
        Assert.Equal("Twitter suspended 19 accounts on Monday.", count.Evidence.Quote);
        Assert.Equal(count.Evidence.Quote, count.Evidence.Sentence.Slice(text));
    }
}
