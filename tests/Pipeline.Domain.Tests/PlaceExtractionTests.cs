namespace Pipeline.Domain.Tests;

public class PlaceExtractionTests
{
    [Theory]
    [InlineData("The activity originated in Iran and targeted people in Israel.", "IR", "IL")]
    [InlineData("The network was linked to individuals in Egypt and focused on Libya.", "EG", "LY")]
    [InlineData("These accounts were based in Russia and aimed at audiences in Germany.", "RU", "DE")]
    [InlineData("Twitter attributed the accounts to Saudi Arabia; they targeted Qatar.", "SA", "QA")]
    [InlineData("The campaign was operated from Pakistan and directed at India.", "PK", "IN")]
    [InlineData("The operation appears to originate from Iran and targeted audiences in Bahrain.", "IR", "BH")]
    [InlineData("The accounts seem to originate in Vietnam and targeted Cambodia.", "VN", "KH")]
    [InlineData("X said it had suspended 936 accounts from China that sought to sow discord in Hong Kong.", "CN", "HK")]
    [InlineData("The network was based in Iran and tried to stoke division in Bahrain.", "IR", "BH")]
    public void Cues_set_origin_and_target(string sentence, string origin, string target)
    {
        var report = Support.ExtractTakedown(sentence);
        Assert.Equal([origin], report.OriginCountries.Values());
        Assert.Equal([target], report.TargetCountries.Values());
    }

    [Fact]
    public void A_cue_governs_the_whole_list_after_it()
    {
        var report = Support.ExtractTakedown("The network targeted Ukraine, Moldova, the Baltic States and, to a lesser extent, the United States.");
        Assert.Equal(["MD", "UA", "US"], report.TargetCountries.Values().Sorted());
        Assert.Equal(["Baltics"], report.TargetRegions.Values());
        Assert.Empty(report.OriginCountries);
    }

    [Theory]
    [InlineData("The pages were tied to Iranian state media.", "IR")]
    [InlineData("Investigators found a Russian network behind the site.", "RU")]
    [InlineData("Chinese law enforcement officers ran the effort.", "CN")]
    [InlineData("The Iran-linked accounts reposted each other.", "IR")]
    [InlineData("Russia's military intelligence ran the personas.", "RU")]
    public void Demonyms_and_suffixes_make_an_origin(string sentence, string origin) =>
        Assert.Equal([origin], Support.ExtractTakedown(sentence).OriginCountries.Values());

    [Fact]
    public void Regions_are_target_regions_not_countries()
    {
        var report = Support.ExtractTakedown("The operation targeted audiences in the Sahel, Central Asia and Latin America.");
        Assert.Equal(["Central Asia", "Latin America", "Sahel"], report.TargetRegions.Values().Sorted());
        Assert.Empty(report.TargetCountries);
    }

    [Fact]
    public void Latin_American_audiences_are_not_american()
    {
        var report = Support.ExtractTakedown("The posts targeted Latin American audiences and Israeli audiences.");
        Assert.Equal(["IL"], report.TargetCountries.Values());
        Assert.Equal(["Latin America"], report.TargetRegions.Values());
    }

    [Theory]
    [InlineData("The personas posted in fluent Russian to Russian-speaking audiences in Kazakhstan.")]
    [InlineData("Facebook, a U.S.-based company, said it removed the accounts.")]
    [InlineData("The accounts posted about Iran and criticized Saudi Arabia.")]
    public void Languages_topics_and_the_platforms_home_are_not_origins(string sentence) =>
        Assert.Empty(Support.ExtractTakedown(sentence).OriginCountries);

    [Fact]
    public void A_persona_based_in_a_country_does_not_make_it_the_origin()
    {
        var report = Support.ExtractTakedown("The operation originated in Russia. Its personas presented themselves as editors based in the US.");
        Assert.Equal(["RU"], report.OriginCountries.Values());
        Assert.Equal(["US"], report.TargetCountries.Values());
    }

    [Fact]
    public void The_home_country_counts_when_a_cue_states_it()
    {
        var report = Support.ExtractTakedown("The network originated in the United States and targeted Venezuela and Bolivia.");
        Assert.Equal(["US"], report.OriginCountries.Values());
        Assert.Equal(["BO", "VE"], report.TargetCountries.Values().Sorted());
    }

    [Fact]
    public void Domestic_audiences_make_the_origin_a_target()
    {
        var report = Support.ExtractTakedown("The network originated in Thailand and targeted domestic audiences.");
        Assert.Equal(["TH"], report.TargetCountries.Values());
    }

    [Fact]
    public void A_separate_network_brings_no_places()
    {
        var report = Support.ExtractTakedown("This network originated in Iran. Separately, we removed a network that originated in Russia.");
        Assert.Equal(["IR"], report.OriginCountries.Values());
    }

    [Theory]
    [InlineData("This network originated in Iran. We also removed two other, unrelated networks this month, one run from Nigeria and one from Peru.")]
    [InlineData("This network originated in Iran. The company also described a separate and much smaller Nigeria-based operation.")]
    [InlineData("This network originated in Iran. The other three operations came from Nigeria, Peru and Chile.")]
    [InlineData("This network originated in Iran. The company said the other, which it tied to Nigeria, was smaller.")]
    public void Sentences_about_other_networks_bring_no_places(string text) =>
        Assert.Equal(["IR"], Support.ExtractTakedown(text).OriginCountries.Values());

    [Fact]
    public void Other_is_a_network_apart_only_before_a_network_noun()
    {
        var report = Support.ExtractTakedown("The network originated in Iran and posted in different languages to audiences in Iraq and other countries.");
        Assert.Equal(["IR"], report.OriginCountries.Values());
        Assert.Equal(["IQ"], report.TargetCountries.Values());
    }

    [Fact]
    public void A_later_block_with_another_origin_is_another_network_even_when_the_first_gave_only_a_name()
    {
        var report = Support.Extract(
            "Secondary Infektion: what we removed\n\nWe removed 21 Facebook accounts that originated in Russia and targeted Ukraine.\n\n"
            + "In the same week we removed 40 Facebook accounts run from Nigeria that targeted Ghana.");
        Assert.Equal(["RU"], report.OriginCountries.Values());
        Assert.Equal(["UA"], report.TargetCountries.Values());
        Assert.Equal(["facebook.accounts=21"], report.Figures());
    }

    [Theory]
    [InlineData("Russian, Chinese, Iranian and Israeli groups used the tool, the company said.", new string[0])]
    [InlineData("Russian and Chinese groups used the tool, the company said.", new[] { "CN", "RU" })]
    public void Three_or_more_origins_in_one_list_are_a_round_up(string sentence, string[] origins) =>
        Assert.Equal(origins, Support.ExtractTakedown(sentence).OriginCountries.Values().Sorted());

    [Fact]
    public void Aliases_of_countries_are_recognised()
    {
        var report = Support.ExtractTakedown("The accounts were linked to the UAE and targeted Britain and Burma.");
        Assert.Equal(["AE"], report.OriginCountries.Values());
        Assert.Equal(["GB", "MM"], report.TargetCountries.Values().Sorted());
    }

    [Theory]
    [InlineData("We removed 40 accounts run by a U.S. PR firm for clients abroad.", "US")]
    [InlineData("The pages were managed by an Israeli marketing company on behalf of a party.", "IL")]
    public void A_country_before_an_operator_noun_is_the_origin_even_for_the_home_country(string sentence, string origin) =>
        Assert.Equal([origin], Support.ExtractTakedown(sentence).OriginCountries.Values());

    [Fact]
    public void A_home_country_before_an_ordinary_noun_is_not_an_origin()
    {
        Assert.Empty(Support.ExtractTakedown("The U.S. company removed 40 accounts that posted about trade.").OriginCountries);
    }

    [Theory]
    [InlineData("Today we took down a network of 49 Facebook accounts. The activity originated in Ghana and Nigeria and focused mostly on the United States.", "GH,NG", "US")]
    [InlineData("This activity originated in Iran and focused mostly on the United States.", "IR", "US")]
    [InlineData("The accounts were run from Egypt and aimed mainly at Sudan and Libya.", "EG", "LY,SD")]
    [InlineData("The operators were based primarily in Nigeria and largely targeted Ghana.", "NG", "GH")]
    public void An_adverb_inside_a_cue_still_makes_it_a_cue(string text, string origins, string targets)
    {
        var report = Support.ExtractTakedown(text);
        Assert.Equal(origins.Split(','), report.OriginCountries.Values().Sorted());
        Assert.Equal(targets.Split(','), report.TargetCountries.Values().Sorted());
    }

    [Theory]
    [InlineData("The operation originated in Iran and Iraq and posted heavily about Israel.", "IQ,IR")]
    [InlineData("The accounts were based in Ghana and amplified content about Kenya and Uganda.", "GH")]
    public void An_origin_list_ends_at_a_new_verb(string text, string origins)
    {
        var report = Support.ExtractTakedown(text);
        Assert.Equal(origins.Split(','), report.OriginCountries.Values().Sorted());
        Assert.Empty(report.TargetCountries);
    }

    [Theory]
    [InlineData("YouTube terminated 1,100 channels tied to a Chinese spam network, Google said.", "CN")]
    [InlineData("The company removed accounts run by an Iranian troll farm.", "IR")]
    [InlineData("Investigators traced the pages to a Russian state-backed influence operation.", "RU")]
    [InlineData("Facebook said it had banned Archimedes Group, an Israeli political consulting firm, and removed its accounts.", "IL")]
    [InlineData("Meta removed 30 accounts run by a Nigerian digital marketing agency.", "NG")]
    public void A_demonym_before_a_modified_network_noun_is_an_origin(string text, string origin) =>
        Assert.Equal([origin], Support.ExtractTakedown(text).OriginCountries.Values());

    [Theory]
    [InlineData("The network, run from Iran, aimed its content at Israel and Bahrain.", "IR", "BH,IL")]
    [InlineData("Operators based in Russia focused their efforts on Moldova.", "RU", "MD")]
    [InlineData("The accounts originated in China and directed their posts at Taiwan.", "CN", "TW")]
    public void A_cue_with_its_object_inside_is_still_a_target_cue(string text, string origins, string targets)
    {
        var report = Support.ExtractTakedown(text);
        Assert.Equal(origins.Split(','), report.OriginCountries.Values().Sorted());
        Assert.Equal(targets.Split(','), report.TargetCountries.Values().Sorted());
    }

    [Theory]
    [InlineData("Meta said the network, which it traced to a marketing firm in Tel Aviv, created 510 Facebook accounts.", "IL")]
    [InlineData("Meta removed 20 accounts run from Moscow.", "RU")]
    [InlineData("The operators were based in St. Petersburg and Minsk.", "BY,RU")]
    [InlineData("Twitter removed 100 accounts operated from Dubai and Cairo.", "AE,EG")]
    public void A_capital_or_hub_city_after_an_origin_cue_names_its_country(string text, string origins) =>
        Assert.Equal(origins.Split(','), Support.ExtractTakedown(text).OriginCountries.Values().Sorted());

    [Fact]
    public void A_city_after_a_target_cue_names_a_target_country()
    {
        var report = Support.ExtractTakedown("The accounts were run from Nigeria and targeted readers in Accra.");
        Assert.Equal(["NG"], report.OriginCountries.Values());
        Assert.Equal(["GH"], report.TargetCountries.Values());
    }

    [Theory]
    [InlineData("Facebook took down a troll farm in Albania that targeted Iran.", "AL", "IR")]
    [InlineData("The accounts were run by a PR firm in Nigeria that targeted Ghana.", "NG", "GH")]
    [InlineData("Meta removed pages managed by a marketing company in Egypt and aimed at Sudan.", "EG", "SD")]
    public void A_place_after_a_firm_or_troll_farm_in_is_where_it_sits(string text, string origin, string target)
    {
        var report = Support.ExtractTakedown(text);
        Assert.Equal([origin], report.OriginCountries.Values());
        Assert.Equal([target], report.TargetCountries.Values());
    }

    [Theory]
    [InlineData("The accounts behaved as if they were operated by teams working from a shared location, with bursts of activity in the mid-morning, Beijing time.")]
    [InlineData("The posts targeted people at 9 am Moscow time.")]
    public void A_city_naming_a_time_zone_is_no_place(string text)
    {
        var report = Support.ExtractTakedown(text);
        Assert.Empty(report.OriginCountries);
        Assert.Empty(report.TargetCountries);
    }

    [Theory]
    [InlineData("| Network origin | Detection source | Accounts in network | Followers of network |\n|---|---|---|---|\n| Russia | Internal | 1,200 | 520,000 |", "RU", "")]
    [InlineData("| Origin | Targeted country | Accounts |\n|---|---|---|\n| Azerbaijan | Armenia | 12 |", "AZ", "AM")]
    public void A_table_column_headed_origin_or_target_gives_each_rows_places(string table, string origin, string targets)
    {
        var report = Support.Extract("TikTok covert influence operations, Q1 2024\n\n" + table);
        Assert.True(report.DescribesTakedown);
        Assert.Equal([origin], report.OriginCountries.Values());
        Assert.Equal(targets.Split(',', StringSplitOptions.RemoveEmptyEntries), report.TargetCountries.Values());
    }

    [Fact]
    public void An_influence_campaign_in_a_country_is_not_run_from_it()
    {
        var report = Support.ExtractTakedown("Researchers described an influence campaign in Moldova ahead of the vote.");
        Assert.Empty(report.OriginCountries);
    }
}
