namespace Pipeline.Domain.Tests;

public class NameExtractionTests
{
    [Theory]
    [InlineData("The activity matched what researchers know as Secondary Infektion.", "Secondary Infektion")]
    [InlineData("Google has been tracking DRAGONBRIDGE for two years.", "DRAGONBRIDGE")]
    [InlineData("The accounts promoted articles from Reliable Recent News.", "Reliable Recent News")]
    [InlineData("Researchers dubbed the campaign “Naval Gazing” after its focus on maritime disputes.", "Naval Gazing")]
    [InlineData("We are calling this network Hidden Harbor, which we call a low-reach effort.", "Hidden Harbor")]
    [InlineData("The operators ran a website called Global Daily Wire from abroad.", "Global Daily Wire")]
    [InlineData("The activity was run under the name Coastal Voices Collective.", "Coastal Voices Collective")]
    [InlineData("The network, known as Quiet Lantern, posted in French.", "Quiet Lantern")]
    [InlineData("Analysts have tracked the “Silver Reed” network since March.", "Silver Reed")]
    public void Reads_known_and_introduced_operation_names(string sentence, string name) =>
        Assert.Contains(name, Support.ExtractTakedown(sentence).OperationNames.Values());

    [Theory]
    [InlineData("Officials said a persona named Wilson Edwards was fabricated.")]
    [InlineData("The company called on other platforms to share indicators.")]
    public void Names_of_people_and_plain_verbs_are_not_operations(string sentence) =>
        Assert.Empty(Support.ExtractTakedown(sentence).OperationNames);

    [Fact]
    public void Also_known_as_pairs_the_two_names()
    {
        var report = Support.ExtractTakedown("We terminated channels linked to DRAGONBRIDGE, also known as Spamouflage Dragon.");
        var pair = Assert.Single(report.Aliases);
        Assert.Equal(("DRAGONBRIDGE", "Spamouflage Dragon"), (pair.Name, pair.Alias));
        Assert.Equal(["DRAGONBRIDGE", "Spamouflage Dragon"], report.OperationNames.Values());
    }

    [Fact]
    public void What_others_call_pairs_with_the_reports_own_name()
    {
        var report = Support.ExtractTakedown("We have tracked Taizi Flood for a year. It is the network what others call Spamouflage.");
        var pair = Assert.Single(report.Aliases);
        Assert.Equal(("Taizi Flood", "Spamouflage"), (pair.Name, pair.Alias));
    }

    [Theory]
    [InlineData("The network was run by Russia's Internet Research Agency.", "Internet Research Agency")]
    [InlineData("We found links to individuals associated with the IRA.", "Internet Research Agency")]
    [InlineData("The investigation found links to Iranian state media.", "Iranian state media")]
    [InlineData("Our review found links to individuals associated with Chinese law enforcement.", "Chinese law enforcement")]
    [InlineData("Meta tied the activity to STOIC, a political marketing firm in Tel Aviv.", "STOIC")]
    public void Reads_attributed_actors(string sentence, string actor) =>
        Assert.Contains(actor, Support.ExtractTakedown(sentence).Actors.Values());

    [Fact]
    public void A_demonym_institution_is_an_actor_only_where_the_network_is_attributed_to_it()
    {
        Assert.Equal(["Egyptian military"], Support.ExtractTakedown("The pages were linked to the Egyptian military.").Actors.Values());
        Assert.Empty(Support.ExtractTakedown("The posts praised the Egyptian military.").Actors);
    }

    [Fact]
    public void A_firm_called_by_name_is_an_actor_not_an_operation()
    {
        var report = Support.ExtractTakedown("We linked the network to a marketing firm called Brightline Media in Cairo.");
        Assert.Equal(["Brightline Media"], report.Actors.Values());
        Assert.Empty(report.OperationNames);
    }

    [Theory]
    [InlineData("We began this investigation based on a tip from the FBI.", "FBI")]
    [InlineData("We acted on information shared with us by Graphika.", "Graphika")]
    [InlineData("The network was first reported by the Atlantic Council's Digital Forensic Research Lab.", "DFRLab")]
    [InlineData("Researchers at Northfield University flagged the accounts.", "Northfield University")]
    [InlineData("We worked in partnership with Harbor Analytics on this case.", "Harbor Analytics")]
    [InlineData("We received leads from Mandiant.", "Mandiant")]
    public void Reads_partners(string sentence, string partner) =>
        Assert.Contains(partner, Support.ExtractTakedown(sentence).Partners.Values());

    [Fact]
    public void A_name_given_only_for_an_earlier_takedown_is_a_passing_mention()
    {
        var report = Support.ExtractTakedown(
            "Meta said it removed 900 accounts run from Vietnam that posed as local voters. "
            + "The announcement came weeks after the company took down pages belonging to Endless Mayfly, a network it linked to Iranian state media.");
        Assert.Empty(report.OperationNames);
        Assert.Empty(report.Actors);
    }

    [Fact]
    public void A_name_also_given_for_the_present_takedown_is_kept()
    {
        var report = Support.ExtractTakedown(
            "Meta removed 300 more accounts belonging to Secondary Infektion this week. "
            + "The move comes months after the company first took down pages belonging to Secondary Infektion.");
        Assert.Equal(["Secondary Infektion"], report.OperationNames.Values());
    }

    [Fact]
    public void A_name_in_a_sentence_that_denies_a_link_is_not_the_reports_operation()
    {
        var report = Support.ExtractTakedown(
            "We removed 120 accounts that originated in Peru. This network is not the same as the one we removed in March, which ran a website called Andes Ledger.");
        Assert.Empty(report.OperationNames);
    }
}
