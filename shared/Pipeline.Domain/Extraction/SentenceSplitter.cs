using System.Buffers;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// Splits plain text into sentences: at . ! ? followed by a capitalised start, at blank lines, and at
/// line breaks that end a heading, a labelled line or a list item. Abbreviations ("U.S.", "Aug. 21",
/// "Mr. Gleicher") and decimals do not end sentences; a line wrapped mid-sentence is joined.
/// </summary>
internal static class SentenceSplitter
{
    private static readonly SearchValues<char> Breaks = SearchValues.Create(".!?\n");

    /// <summary>Abbreviations that never end a sentence when a capitalised word or number follows.</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Titles = new HashSet<string>(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt", "Adm", "St",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "No", "vs", "approx", "est", "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "e.g", "i.e", "etc", "cf", "al", "Fig",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The longest of <see cref="Titles"/> ("approx"): a longer word is none, without a lookup.</summary>
    private const int MaxTitleLength = 6;

    /// <summary>After an abbreviation with inner dots ("U.S."), these words start a new sentence.</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SentenceStarters = new HashSet<string>(StringComparer.Ordinal)
    {
        "The", "This", "These", "That", "Those", "It", "Its", "We", "Our", "They", "Their", "He", "She", "In", "On",
        "At", "As", "A", "An", "But", "And", "However", "Some", "Many", "Most", "Separately", "According", "After",
        "Before", "While", "When", "Facebook", "Twitter", "Google", "Meta", "YouTube", "TikTok", "Reddit", "OpenAI",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    public static List<TextSpan> Split(string text)
    {
        var sentences = new List<TextSpan>();
        Split(text, sentences);
        return sentences;
    }

    /// <summary>Splits <paramref name="text"/> into <paramref name="sentences"/> (cleared first).</summary>
    public static void Split(string text, List<TextSpan> sentences)
    {
        sentences.Clear();
        var start = 0;
        var pos = 0;
        while (pos < text.Length)
        {
            var i = text.AsSpan(pos).IndexOfAny(Breaks);
            if (i < 0)
                break;
            var at = pos + i;
            pos = at + 1;
            var end = text[at] == '\n' ? LineBreakEnd(text, at, start) : PunctuationEnd(text, at);
            if (end < 0)
                continue;
            Add(text, start, end, sentences);
            start = end;
            pos = Math.Max(pos, end);
        }
        Add(text, start, text.Length, sentences);
    }

    private static void Add(string text, int start, int end, List<TextSpan> into)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
            start++;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
            end--;
        if (end > start)
            into.Add(new TextSpan(start, end - start));
    }

    /// <summary>End (exclusive) of a sentence closed by the punctuation at <paramref name="at"/>, or -1.</summary>
    private static int PunctuationEnd(string text, int at)
    {
        var end = at + 1;
        while (end < text.Length && text[end] is '.' or '!' or '?' or '"' or '\'' or '”' or '’' or ')')
            end++;
        if (end >= text.Length)
            return text.Length;
        if (!char.IsWhiteSpace(text[end]))
            return -1; // "3.5", "U.S.-based", "x.com"
        var next = end;
        while (next < text.Length && text[next] is ' ' or '\t' or '\u00A0')
            next++;
        if (next >= text.Length || text[next] == '\n')
            return end;
        var c = text[next];
        if (char.IsLower(c))
            return -1;
        if (text[at] != '.')
            return end;
        var word = WordBefore(text, at);
        if (word.Length == 1 && char.IsUpper(word[0]))
            return -1; // an initial: "Joseph R. Biden"
        if (word.Length <= MaxTitleLength && Titles.Contains(word))
            return -1;
        if (word.Contains('.'))
            return SentenceStarters.Contains(WordAt(text, next)) ? end : -1; // "U.S." mid-sentence vs at the end
        return end;
    }

    /// <summary>End of a sentence at a line break, or -1 when the line is wrapped mid-sentence.</summary>
    private static int LineBreakEnd(string text, int at, int sentenceStart)
    {
        var next = at + 1;
        while (next < text.Length && text[next] is ' ' or '\t' or '\r')
            next++;
        if (next >= text.Length || text[next] == '\n')
            return at; // blank line: paragraph end
        var lineStart = sentenceStart + text.AsSpan(sentenceStart, at - sentenceStart).LastIndexOf('\n') + 1;
        var line = text.AsSpan(lineStart, at - lineStart).TrimEnd();
        if (line.IsEmpty)
            return at;
        var nextChar = text[next];
        if (char.IsLower(nextChar))
            return -1;
        var last = line[^1];
        if (last is '.' or '!' or '?' or ':' or ';' or '"' or '”' or '|')
            return at;
        if (nextChar is '-' or '*' or '•' or '|' or '#' || char.IsDigit(nextChar))
            return at;
        // A short line without closing punctuation is a heading or a label; a long one was wrapped.
        return line.Length < 70 || last == ',' ? (last == ',' ? -1 : at) : -1;
    }

    private static ReadOnlySpan<char> WordBefore(string text, int dot)
    {
        var s = dot;
        while (s > 0 && (char.IsLetter(text[s - 1]) || (text[s - 1] == '.' && s - 2 >= 0 && char.IsLetter(text[s - 2]))))
            s--;
        return text.AsSpan(s, dot - s);
    }

    private static ReadOnlySpan<char> WordAt(string text, int start)
    {
        var e = start;
        while (e < text.Length && char.IsLetter(text[e]))
            e++;
        return text.AsSpan(start, e - start);
    }
}
