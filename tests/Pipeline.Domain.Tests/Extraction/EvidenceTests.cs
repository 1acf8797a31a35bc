using System.Text.Json;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Tests.Extraction;

/// <summary>Evidence whose quote is cut from the text on first read behaves as evidence given its quote.</summary>
public class EvidenceTests
{
    private const string Text = "Meta removed 12 accounts. They originated in Iran.";
    private static readonly TextSpan Second = new(26, 24);

    [Fact]
    public void A_quote_cut_on_first_read_is_the_sentence()
    {
        var lazy = Evidence.Of(Second, Text);
        Assert.Equal("They originated in Iran.", lazy.Quote);
        Assert.Same(lazy.Quote, lazy.Quote); // cut once
    }

    [Fact]
    public void Equality_hashing_and_printing_are_on_the_sentence_and_the_quote()
    {
        var lazy = Evidence.Of(Second, Text);
        var given = new Evidence(Second, "They originated in Iran.");
        Assert.Equal(given, lazy);
        Assert.Equal(lazy, given);
        Assert.True(lazy == given);
        Assert.Equal(given.GetHashCode(), Evidence.Of(Second, Text).GetHashCode());
        Assert.Equal(given.ToString(), Evidence.Of(Second, Text).ToString());
        Assert.NotEqual(given, new Evidence(Second, "They originated in Iraq."));
        Assert.NotEqual(given, new Evidence(new TextSpan(0, 24), "They originated in Iran."));
        Assert.NotEqual(given, Evidence.Of(new TextSpan(0, 25), Text));
    }

    [Fact]
    public void A_copy_keeps_the_quote_and_a_new_quote_replaces_it()
    {
        var moved = Evidence.Of(Second, Text) with { Sentence = new TextSpan(0, 25) };
        Assert.Equal("They originated in Iran.", moved.Quote);
        var requoted = Evidence.Of(Second, Text) with { Quote = "other" };
        Assert.Equal(("other", Second), (requoted.Quote, requoted.Sentence));
        var (sentence, quote) = Evidence.Of(Second, Text);
        Assert.Equal((Second, "They originated in Iran."), (sentence, quote));
    }

    [Fact]
    public void The_text_is_let_go_once_the_quote_is_cut()
    {
        var (evidence, text) = EvidenceOfNewText();
        Assert.Equal("They originated in Iran.", evidence.Quote);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(text.TryGetTarget(out _));
        Assert.Equal("They originated in Iran.", evidence.Quote);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (Evidence, WeakReference<string>) EvidenceOfNewText()
    {
        var text = string.Concat(Text.AsSpan(0, 26), Text.AsSpan(26)); // a string of its own, not the interned literal
        return (Evidence.Of(Second, text), new WeakReference<string>(text));
    }

    [Fact]
    public void Json_round_trip_is_unchanged()
    {
        var json = JsonSerializer.Serialize(Evidence.Of(Second, Text));
        Assert.Equal(JsonSerializer.Serialize(new Evidence(Second, "They originated in Iran.")), json);
        Assert.Equal(new Evidence(Second, "They originated in Iran."), JsonSerializer.Deserialize<Evidence>(json));
    }
}
