namespace Pipeline.Domain.Tests;

public class TacticAndTakedownTests
{
    [Theory]
    [InlineData("The operators built fictitious personas with invented backstories.", "fake personas", "T0097")]
    [InlineData("Some accounts posed as Ukrainians living abroad.", "fake personas", "T0097")]
    [InlineData("Several profile photos were likely created with artificial intelligence.", "AI-generated profile photos", "T0086.002")]
    [InlineData("Most of the Pages posed as independent news outlets in the region.", "inauthentic pages and groups", "T0007")]
    [InlineData("The operation ran a website that presented itself as an independent outlet.", "inauthentic websites", "T0013")]
    [InlineData("The articles sat on lookalike domains that cloned real newspapers.", "impersonating legitimate entities", "T0099")]
    [InlineData("The operators relied on hijacked accounts of real users.", "compromised accounts", "T0011")]
    [InlineData("Comments were written with generative AI.", "AI-generated text", "T0085.001")]
    [InlineData("Accounts followed a posting schedule that matched office hours in Tehran.", "coordinated posting schedules", null)]
    public void Tags_stated_tactics_with_disarm_ids(string sentence, string name, string? disarmId)
    {
        var tactic = Assert.Single(Support.ExtractTakedown(sentence).Tactics, t => t.Name == name);
        Assert.Equal(disarmId, tactic.DisarmId);
        Assert.Equal(sentence, tactic.Evidence.Quote);
    }

    [Fact]
    public void A_photo_without_ai_is_not_an_ai_photo()
    {
        Assert.DoesNotContain(Support.ExtractTakedown("The accounts used stolen profile photos of models.").Tactics, t => t.Name == "AI-generated profile photos");
    }

    [Fact]
    public void Pages_and_a_posing_verb_far_apart_are_not_inauthentic_pages()
    {
        var report = Support.ExtractTakedown("The accounts posed as students and left comments on the pages of news organizations.");
        Assert.DoesNotContain(report.Tactics, t => t.DisarmId == "T0007");
    }

    [Fact]
    public void Reported_ad_spend_implies_ads()
    {
        var tactic = Assert.Single(Support.ExtractTakedown("Advertising: About $2,100 in spending for ads on Facebook.").Tactics);
        Assert.Equal("T0114", tactic.DisarmId);
    }

    [Theory]
    [InlineData("Facebook said it removed 12 accounts linked to the campaign.")]
    [InlineData("We took down a network that originated in Iran for coordinated inauthentic behavior.")]
    [InlineData("Twitter suspended the accounts it tied to the Secondary Infektion operation.")]
    [InlineData("Facebook said on Tuesday that it had taken down Pages run by the Internet Research Agency.")]
    [InlineData("Facebook took down a troll farm in Albania that targeted Iran.")]
    [InlineData("Twitter said it had dismantled a botnet run from Russia.")]
    public void Takedown_reports_describe_a_takedown(string text) =>
        Assert.True(Support.Extract(text).DescribesTakedown);

    [Theory]
    [InlineData("Meta reported revenue of $40 billion for the quarter, up 11 percent, as advertising demand recovered.")]
    [InlineData("Misinformation thrives when trust in institutions falls. Platforms should be more transparent about how they moderate content.")]
    [InlineData("Coordinated inauthentic behavior is when groups of accounts work together to mislead people about who they are.")]
    [InlineData("Researchers found a network linked to Iran. After a story spread, the operators removed it from their site.")]
    [InlineData("Microsoft tied the accounts to China but did not say whether they had been removed.")]
    [InlineData("Every so often a platform announces that it has removed yet another batch of fake accounts, and the news cycle moves on.")]
    [InlineData("Facebook removed the network this week. Critics say enforcement alone will not restore trust.")]
    [InlineData("A troll farm in Ghana paid young people to post about race in the United States, Facebook said.")]
    public void Other_texts_describe_no_takedown(string text) =>
        Assert.False(Support.Extract(text).DescribesTakedown);

    [Fact]
    public void A_text_with_no_removal_and_no_operation_yields_nothing()
    {
        var report = Support.Extract("Officials warned that Iranian hackers had targeted a campaign in the United States.");
        Assert.False(report.DescribesTakedown);
        Assert.Empty(report.OriginCountries);
        Assert.Empty(report.TargetCountries);
        Assert.Null(report.ReportedOn);
    }

    [Fact]
    public void Extraction_is_repeatable_and_versioned()
    {
        const string text = "We removed 40 accounts that originated in Iran.";
        Assert.Equal(Support.Extract(text).Figures(), Support.Extract(text).Figures());
        Assert.StartsWith("rules-", Support.Extractor.Version);
    }

    [Theory]
    [InlineData("Updated December 3, 2024\n\nTikTok said it removed 22 accounts from Romania that targeted voters last month.", "tiktok.accounts=22", "RO")]
    [InlineData("Meta said it took down 35 Facebook accounts run from Moldova earlier this year.", "facebook.accounts=35", "MD")]
    public void A_removal_dated_last_month_is_the_reported_takedown_when_it_is_the_only_one(string text, string figure, string origin)
    {
        var report = Support.Extract(text);
        Assert.True(report.DescribesTakedown);
        Assert.Equal([figure], report.Figures());
        Assert.Equal([origin], report.OriginCountries.Values());
    }

    [Fact]
    public void A_removal_dated_last_month_beside_a_current_one_is_an_earlier_takedown()
    {
        var report = Support.Extract(
            "Today we removed 60 Facebook accounts that originated in Vietnam. Last month we removed 20 accounts from Laos.");
        Assert.Equal(["facebook.accounts=60"], report.Figures());
        Assert.Equal(["VN"], report.OriginCountries.Values());
    }
}
