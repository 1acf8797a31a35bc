using Pipeline.Domain.Campaigns;

namespace Pipeline.Dedup.Tests;

public class OperationNameTests
{
    [Theory]
    [InlineData("Operation Secondary Infektion", "secondaryinfektion")]
    [InlineData("the Secondary-Infektion network", "secondaryinfektion")]
    [InlineData("DRAGONBRIDGE", "dragonbridge")]
    [InlineData("Dragon Bridge", "dragonbridge")]
    [InlineData("Doppelgänger", "doppelganger")]
    [InlineData("Storm-1516", "storm1516")]
    [InlineData("Spamouflage influence operation", "spamouflage")]
    public void Normalises_case_punctuation_accents_and_affixes(string raw, string key) =>
        Assert.Equal(key, OperationName.Parse(raw)!.Key);

    [Theory]
    [InlineData("Operation")]
    [InlineData("  -- ")]
    public void A_name_of_only_affixes_is_no_name(string raw) => Assert.Null(OperationName.Parse(raw));

    [Theory]
    [InlineData("Spamouflage", "Spamouflage Dragon", true)]
    [InlineData("Spamouflage Dragon", "Spamouflage", true)]
    [InlineData("Operation Overload", "overload", true)]
    [InlineData("Storm-1516", "Storm-1679", false)]
    [InlineData("Dragon", "Spamouflage Dragon", false)]
    [InlineData("Doppelganger", "Endless Mayfly", false)]
    public void Links_equal_names_and_distinctive_word_runs(string a, string b, bool linked) =>
        Assert.Equal(linked, OperationName.Links(OperationName.Parse(a)!, OperationName.Parse(b)!));
}
