using Pipeline.Domain.Extraction;

namespace Pipeline.Domain.Tests;

public class NumberReaderTests
{
    [Theory]
    [InlineData("7,704", 7704)]
    [InlineData("13", 13)]
    [InlineData("1.2 million", 1_200_000)]
    [InlineData("12k", 12_000)]
    [InlineData("two", 2)]
    [InlineData("twenty", 20)]
    [InlineData("twenty-three", 23)]
    [InlineData("one hundred and fifty", 150)]
    [InlineData("three thousand", 3000)]
    [InlineData("a thousand", 1000)]
    [InlineData("four million", 4_000_000)]
    public void Reads_numbers_written_in_digits_or_words(string written, long expected)
    {
        var text = $"removed {written} accounts";
        var end = text.IndexOf(" accounts", StringComparison.Ordinal);
        Assert.True(NumberReader.TryReadBefore(text, end, 0, out var value, out var start));
        Assert.Equal(expected, value);
        Assert.Equal("removed ".Length, start);
    }

    [Theory]
    [InlineData("dozens of")]
    [InlineData("hundreds of")]
    [InlineData("thousands of")]
    [InlineData("several")]
    [InlineData("1.5")]
    public void Vague_quantities_are_not_numbers(string written)
    {
        var text = $"removed {written} accounts";
        Assert.False(NumberReader.TryReadBefore(text, text.IndexOf(" accounts", StringComparison.Ordinal), 0, out _, out _));
    }
}
