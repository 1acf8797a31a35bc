namespace Pipeline.Domain.Extraction;

/// <summary>
/// Reads a proper name at a position: a quoted name ("“Secondary Infektion”") or a run of capitalised
/// words joined by short connectors ("Liberty Front Press", "Institute for Strategic Dialogue").
/// </summary>
internal static class NameParser
{
    private const int MaxWords = 6;
    private const int MaxQuoted = 60;

    private static readonly PhraseList Articles = new(["the"]);
    private static readonly string[] Connectors = ["of", "for", "and", "the", "de", "la", "del", "al", "on", "&"];

    /// <summary>Words that open sentences or name things generically: never a name on their own.</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "The", "This", "That", "These", "Those", "It", "Its", "We", "Our", "They", "Their", "A", "An", "In", "On", "And",
        "But", "Or", "He", "She", "His", "Her", "Facebook", "Twitter", "Google", "Meta", "YouTube", "Reddit", "TikTok",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Page", "Pages", "Group", "Groups",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool TryRead(string text, int pos, int limit, out int start, out int end)
    {
        start = end = pos;
        pos = SkipDecoration(text, pos, limit);
        if (Articles.StartsAt(text, pos, limit, out var afterThe))
            pos = SkipDecoration(text, afterThe, limit);
        if (pos >= limit)
            return false;
        return text[pos] is '"' or '“' or '‘' or '\'' or '«'
            ? TryQuoted(text, pos, limit, out start, out end)
            : TryCapitalised(text, pos, limit, out start, out end);
    }

    private static int SkipDecoration(string text, int pos, int limit)
    {
        while (pos < limit && (char.IsWhiteSpace(text[pos]) || text[pos] is '*' or '_' or '`'))
            pos++;
        return pos;
    }

    private static bool TryQuoted(string text, int open, int limit, out int start, out int end)
    {
        start = end = open;
        var close = text[open] switch { '“' => '”', '‘' => '’', '«' => '»', var q => q };
        var stop = Math.Min(limit, open + 1 + MaxQuoted);
        var i = open + 1;
        while (i < stop && text[i] != close && text[i] != '\n' && !(close != '"' && text[i] == '"'))
            i++;
        if (i >= stop || text[i] != close)
            return false;
        start = open + 1;
        end = i;
        while (end > start && text[end - 1] is '.' or ',' or ';' or ':' or ' ')
            end--;
        return end > start && (char.IsUpper(text[start]) || char.IsDigit(text[start])) && WordCount(text, start, end) <= MaxWords;
    }

    private static bool TryCapitalised(string text, int pos, int limit, out int start, out int end)
    {
        start = end = pos;
        var words = 0;
        var lastNameEnd = -1;
        while (pos < limit && words < MaxWords)
        {
            var (ws, we) = TextScan.WordAfter(text, pos, limit);
            if (ws == we)
                break;
            var word = text.AsSpan(ws, we - ws);
            if (char.IsUpper(word[0]) || (char.IsDigit(word[0]) && words > 0))
            {
                if (words == 0 && NotNames.Contains(word))
                    return false;
                lastNameEnd = we;
            }
            else if (!(lastNameEnd >= 0 && IsConnector(word)))
            {
                break;
            }
            words++;
            pos = we;
            if (pos < limit && text[pos] is not (' ' or '\u00A0'))
                break; // punctuation ends the name
        }
        if (lastNameEnd < 0)
            return false;
        end = lastNameEnd;
        if (end - start > 2 && text[end - 2] is '\'' or '’' && text[end - 1] == 's')
            end -= 2; // "PeaceData's"
        return true;
    }

    private static bool IsConnector(ReadOnlySpan<char> word)
    {
        foreach (var c in Connectors)
        {
            if (word.Equals(c, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static int WordCount(string text, int start, int end)
    {
        var n = 1;
        for (var i = start; i < end; i++)
        {
            if (text[i] == ' ')
                n++;
        }
        return n;
    }
}
