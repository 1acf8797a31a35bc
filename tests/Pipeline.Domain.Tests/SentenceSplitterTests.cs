using Pipeline.Domain.Extraction;

namespace Pipeline.Domain.Tests;

public class SentenceSplitterTests
{
    private static string[] Split(string text) =>
        SentenceSplitter.Split(text).Select(s => s.Slice(text)).ToArray();

    [Fact]
    public void Splits_at_full_stops_before_a_capital()
    {
        Assert.Equal(["The network was small.", "It posted little."], Split("The network was small. It posted little."));
    }

    [Theory]
    [InlineData("Accounts posed as U.S. voters and local activists.")]
    [InlineData("The company acted on Aug. 21 after a tip.")]
    [InlineData("Mr. Gleicher said the pages were removed.")]
    [InlineData("The spend was 3.5 times higher than before.")]
    [InlineData("A site run by Joseph R. Biden supporters was not involved.")]
    public void Abbreviations_and_decimals_do_not_end_a_sentence(string sentence) =>
        Assert.Equal([sentence], Split(sentence));

    [Fact]
    public void An_abbreviation_can_still_close_a_sentence()
    {
        Assert.Equal(["Most followers were in the U.S.", "The rest were bots."], Split("Most followers were in the U.S. The rest were bots."));
    }

    [Fact]
    public void Headings_labels_and_list_items_stand_alone()
    {
        var text = "Who is behind it\nThe operators hid their location.\n- Presence: 12 accounts\n- Followers: about 300";
        Assert.Equal(["Who is behind it", "The operators hid their location.", "- Presence: 12 accounts", "- Followers: about 300"], Split(text));
    }

    [Fact]
    public void A_line_wrapped_mid_sentence_is_joined()
    {
        var text = "The operation ran a large set of accounts across several services and\nthen deleted them.";
        Assert.Single(Split(text));
    }
}
