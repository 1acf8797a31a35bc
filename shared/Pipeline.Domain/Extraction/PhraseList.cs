namespace Pipeline.Domain.Extraction;

/// <summary>
/// A small set of cue phrases asked about at one position: does one start here, end here, or occur in
/// this range? Phrases are indexed by their first and last words, so a question costs one dictionary
/// probe per word instead of one comparison per phrase. Case-insensitive, whole words.
/// </summary>
internal sealed class PhraseList
{
    private readonly WordBuckets _byFirstWord;
    private readonly WordBuckets _byLastWord;
    /// <summary>Phrases that start (or end) with punctuation or a space: "-based", " language", "approx.".</summary>
    private readonly string[] _openStart;
    private readonly string[] _openEnd;
    /// <summary>ASCII characters (both cases) that start, or end, a phrase of the word indexes: others need no lookup.</summary>
    private readonly AsciiSet _firstChars;
    private readonly AsciiSet _lastChars;

    public PhraseList(IEnumerable<string> phrases)
    {
        var all = phrases.Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(p => p.Length).ToArray();
        _openStart = all.Where(p => !IsWordChar(p[0])).ToArray();
        _openEnd = all.Where(p => !IsWordChar(p[^1])).ToArray();
        _byFirstWord = new WordBuckets(all.Where(p => IsWordChar(p[0])), FirstWord);
        _byLastWord = new WordBuckets(all.Where(p => IsWordChar(p[^1])), LastWord);
        _firstChars = new AsciiSet(all.Where(p => IsWordChar(p[0])).Select(p => p[0]));
        _lastChars = new AsciiSet(all.Where(p => IsWordChar(p[^1])).Select(p => p[^1]));
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
        if (!_firstChars.MayContain(span[0]))
            return false;
        var wordEnd = 0;
        while (wordEnd < span.Length && IsWordChar(span[wordEnd]))
            wordEnd++;
        if (wordEnd == 0 || _byFirstWord.Find(span[..wordEnd]) is not { } candidates)
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
        if (span.IsEmpty || !_lastChars.MayContain(span[^1]))
            return false;
        var wordStart = span.Length;
        while (wordStart > 0 && IsWordChar(span[wordStart - 1]))
            wordStart--;
        if (wordStart == span.Length || _byLastWord.Find(span[wordStart..]) is not { } candidates)
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
        if (_openStart.Length > 0)
            return NextInAnywhere(text, start, end, out matchEnd);
        var i = start;
        if (i > 0)
        {
            while (i < end && IsWordChar(text[i]) && IsWordChar(text[i - 1]))
                i++; // the rest of a word begun before the range starts no phrase
        }
        while (i < end)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }
            var wordStart = i;
            while (++i < end && IsWordChar(text[i]))
            {
            }
            // Most words start no phrase, as their first letter or shape tells without the full lookup.
            if (_firstChars.MayContain(text[wordStart]) && _byFirstWord.MayBeKey(text.AsSpan(wordStart, i - wordStart))
                && StartsAt(text, wordStart, end, out matchEnd))
                return wordStart;
        }
        matchEnd = start;
        return -1;
    }

    /// <summary><see cref="NextIn"/> for lists with phrases that start with punctuation: every position is tried.</summary>
    private int NextInAnywhere(string text, int start, int end, out int matchEnd)
    {
        matchEnd = start;
        for (var i = start; i < end; i++)
        {
            var atWordStart = IsWordChar(text[i]) && (i == 0 || !IsWordChar(text[i - 1]));
            if (StartsAt(text, i, end, out matchEnd))
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

    // The first and last characters are compared before the whole phrase: most candidates fail there.
    private static bool Matches(ReadOnlySpan<char> span, string p) =>
        p.Length <= span.Length && MaySame(span[0], p[0]) && MaySame(span[p.Length - 1], p[^1])
        && EqualsIgnoreCase(span[..p.Length], p)
        && (p.Length == span.Length || !IsWordChar(p[^1]) || !IsWordChar(span[p.Length]));

    private static bool EndMatches(ReadOnlySpan<char> span, string p) =>
        p.Length <= span.Length && MaySame(span[^1], p[^1]) && MaySame(span[^p.Length], p[0])
        && EqualsIgnoreCase(span[^p.Length..], p)
        && (p.Length == span.Length || !IsWordChar(p[0]) || !IsWordChar(span[^(p.Length + 1)]));

    /// <summary>
    /// Ordinal case-insensitive equality of two spans of one length, inline for ASCII (nearly every cue is a short
    /// ASCII phrase, where the library call costs more than the comparison); other characters go to the library.
    /// </summary>
    internal static bool EqualsIgnoreCase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x == y)
                continue;
            if ((x | y) >= 128)
                return a[i..].Equals(b[i..], StringComparison.OrdinalIgnoreCase);
            if ((x ^ y) != 0x20 || !char.IsAsciiLetter(x))
                return false;
        }
        return true;
    }

    /// <summary>False only when two ASCII characters differ ignoring case; others are left to the full comparison.</summary>
    internal static bool MaySame(char a, char b) => (a | b) >= 128 || a == b || (char.IsAsciiLetter(a) && (a | 0x20) == (b | 0x20));

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

    /// <summary>A set of ASCII characters; any other character may be in it (case folding is left to the full comparison).</summary>
    private readonly struct AsciiSet
    {
        private readonly ulong _low;
        private readonly ulong _high;

        public AsciiSet(IEnumerable<char> chars)
        {
            foreach (var c in chars.SelectMany(c => new[] { char.ToLowerInvariant(c), char.ToUpperInvariant(c) }))
            {
                if (c >= 128)
                {
                    // a non-ASCII first letter may equal an ASCII one ignoring case: let every character through
                    _low = _high = ulong.MaxValue;
                    return;
                }
                if (c < 64)
                    _low |= 1UL << c;
                else
                    _high |= 1UL << (c - 64);
            }
        }

        public bool MayContain(char c) => c >= 128 || ((c < 64 ? _low >> c : _high >> (c - 64)) & 1) != 0;
    }
}
