namespace Pipeline.Domain.Tests;

/// <summary>Which platforms removed the network's assets when the report gives no figure for them.</summary>
public class PlatformPresenceTests
{
    [Theory]
    [InlineData("OpenAI banned the accounts, which belonged to an operation run from Russia.", "other")]
    [InlineData("YouTube terminated channels linked to the operation, which originated in Iran.", "youtube")]
    [InlineData("Blogger blogs were removed as part of the action against a network tied to China.", "blogger")]
    [InlineData("Meta said it had taken down the network's Facebook and Instagram accounts, which were run from Iran.", "facebook,instagram")]
    [InlineData("The company removed the network's fake accounts, groups and pages on Facebook and Instagram; it was based in Togo.", "facebook,instagram")]
    [InlineData("Twitter and Reddit suspended the accounts of the Iran-based operation.", "reddit,twitter")]
    public void A_platform_that_removed_assets_is_present_without_a_figure(string text, string platforms)
    {
        var report = Support.Extract(text);
        Assert.True(report.DescribesTakedown);
        Assert.Empty(report.Counts);
        Assert.Equal(platforms.Split(','), report.PresentPlatforms.Values().Sorted());
        Assert.All(report.PlatformsWithPresence.Values, row => Assert.Empty(row));
    }

    [Fact]
    public void We_in_a_platforms_own_report_is_its_publisher()
    {
        var report = Support.Extract(
            "# Disrupting a network from Iran\n\n**OpenAI · 16 August 2024**\n\nWe have banned the accounts of an operation from Iran. "
            + "Its operators posted on X and Instagram and built websites, and Facebook was mentioned more than once: Facebook, Facebook.");
        Assert.Equal(["other"], report.PresentPlatforms.Values());
    }

    [Fact]
    public void A_platform_where_content_was_posted_is_not_present()
    {
        var report = Support.Extract("OpenAI banned accounts run from Iran that posted on X and 9GAG and shared links on Telegram.");
        Assert.Equal(["other"], report.PresentPlatforms.Values());
    }

    [Fact]
    public void An_earlier_takedown_by_another_platform_is_not_present()
    {
        var report = Support.Extract(
            "Today we removed 40 Facebook accounts that originated in Egypt. Last year Twitter suspended accounts linked to the same firm.");
        Assert.Equal(["facebook"], report.PlatformsWithPresence.Keys);
    }

    [Fact]
    public void A_platform_with_figures_keeps_them_beside_one_present_without()
    {
        var report = Support.Extract(
            "We removed 12 Facebook Pages and 30 accounts run from Ghana. YouTube also terminated channels linked to the network.");
        var table = report.PlatformsWithPresence;
        Assert.Equal(["facebook", "youtube"], table.Keys);
        Assert.Equal(12, table["facebook"]["pages"]);
        Assert.Empty(table["youtube"]);
    }

    [Fact]
    public void A_text_that_reports_no_takedown_has_no_present_platform() =>
        Assert.Empty(Support.Extract("When Facebook removes a network, it publishes a report.").PresentPlatforms);

    [Theory]
    [InlineData("In a blog post, the company said it had removed 70 Facebook accounts linked to Iran.", "facebook")]
    [InlineData("Published March 2, 2021\n\nToday we removed 40 Facebook accounts that originated in Egypt. In April 2018, Twitter suspended accounts run by the same firm.", "facebook")]
    public void A_word_in_passing_or_an_earlier_year_adds_no_platform(string text, string platforms) =>
        Assert.Equal(platforms.Split(','), Support.Extract(text).PlatformsWithPresence.Keys);
}
