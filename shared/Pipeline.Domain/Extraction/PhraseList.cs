namespace Pipeline.Domain.Extraction;

/// <summary>
/// A small set of cue phrases asked about at one position: does one start here, end here, or occur in
/// this range? Phrases are indexed by their first and last words, so a question costs one dictionary
/// probe per word instead of one comparison per phrase. Case-insensitive, whole words.
/// </summary>
internal sealed class PhraseList
{
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _byFirstWord;
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _byLastWord;
    /// <summary>Phrases that start (or end) with punctuation or a space: "-based", " language", "approx.".</summary>
    private readonly string[] _openStart;
    private readonly string[] _openEnd;

    public PhraseList(IEnumerable<string> phrases)
    {
        var all = phrases.Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(p => p.Length).ToArray();
        _openStart = all.Where(p => !IsWordChar(p[0])).ToArray();
        _openEnd = all.Where(p => !IsWordChar(p[^1])).ToArray();
        _byFirstWord = Index(all.Where(p => IsWordChar(p[0])), FirstWord);
        _byLastWord = Index(all.Where(p => IsWordChar(p[^1])), LastWord);
    }

    /// <summary>A phrase starting exactly at <paramref name="pos"/> and ending by <paramref name="limit"/>.</summary>
    public bool StartsAt(string text, int pos, int limit, out int end)
    {
        end = pos;
        if (pos >= limit)
            return false;
        var span = text.AsSpan(pos, limit - pos);
        foreach (var p in _openStart)
        {
            if (Matches(span, p))
            {
                end = pos + p.Length;
                return true;
            }
        }
        var wordEnd = 0;
        while (wordEnd < span.Length && IsWordChar(span[wordEnd]))
            wordEnd++;
        if (wordEnd == 0 || !_byFirstWord.TryGetValue(span[..wordEnd], out var candidates))
            return false;
        foreach (var p in candidates)
        {
            if (Matches(span, p))
            {
                end = pos + p.Length;
                return true;
            }
        }
        return false;
    }

    /// <summary>A phrase ending at <paramref name="pos"/> (spaces before it skipped), starting no earlier than <paramref name="limit"/>.</summary>
    public bool EndsAt(string text, int pos, int limit, out int start)
    {
        start = pos;
        var end = TextScan.SkipSpacesBack(text, pos, limit);
        var span = text.AsSpan(limit, end - limit);
        foreach (var p in _openEnd)
        {
            if (EndMatches(span, p))
            {
                start = end - p.Length;
                return true;
            }
        }
        var wordStart = span.Length;
        while (wordStart > 0 && IsWordChar(span[wordStart - 1]))
            wordStart--;
        if (wordStart == span.Length || !_byLastWord.TryGetValue(span[wordStart..], out var candidates))
            return false;
        foreach (var p in candidates)
        {
            if (EndMatches(span, p))
            {
                start = end - p.Length;
                return true;
            }
        }
        return false;
    }

    /// <summary>Some phrase lies wholly inside [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public bool OccursIn(string text, int start, int end) => NextIn(text, start, end, out _) >= 0;

    /// <summary>Where the first phrase inside [<paramref name="start"/>, <paramref name="end"/>) starts, or -1.</summary>
    public int NextIn(string text, int start, int end, out int matchEnd)
    {
        matchEnd = start;
        for (var i = start; i < end; i++)
        {
            var atWordStart = IsWordChar(text[i]) && (i == 0 || !IsWordChar(text[i - 1]));
            if ((atWordStart || _openStart.Length > 0) && StartsAt(text, i, end, out matchEnd))
                return i;
            if (atWordStart)
            {
                while (i + 1 < end && IsWordChar(text[i + 1]))
                    i++;
            }
        }
        return -1;
    }

    private static bool IsWordChar(char c) => PhraseMatcher.IsWordChar(c);

    private static bool Matches(ReadOnlySpan<char> span, string p) =>
        span.StartsWith(p, StringComparison.OrdinalIgnoreCase)
        && (p.Length == span.Length || !IsWordChar(p[^1]) || !IsWordChar(span[p.Length]));

    private static bool EndMatches(ReadOnlySpan<char> span, string p) =>
        span.EndsWith(p, StringComparison.OrdinalIgnoreCase)
        && (p.Length == span.Length || !IsWordChar(p[0]) || !IsWordChar(span[^(p.Length + 1)]));

    private static string FirstWord(string p)
    {
        var n = 0;
        while (n < p.Length && IsWordChar(p[n]))
            n++;
        return p[..n];
    }

    private static string LastWord(string p)
    {
        var n = p.Length;
        while (n > 0 && IsWordChar(p[n - 1]))
            n--;
        return p[n..];
    }

    private static Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> Index(IEnumerable<string> phrases, Func<string, string> key) =>
        phrases.GroupBy(key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
}
