namespace Pipeline.Domain.Extraction;

/// <summary>Allocation-free helpers for looking at words around a position in the text.</summary>
internal static class TextScan
{
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    public static int SkipSpaces(string text, int pos, int limit)
    {
        while (pos < limit && char.IsWhiteSpace(text[pos]))
            pos++;
        return pos;
    }

    public static int SkipSpacesBack(string text, int pos, int limit)
    {
        while (pos > limit && char.IsWhiteSpace(text[pos - 1]))
            pos--;
        return pos;
    }

    /// <summary>
    /// The word ending at <paramref name="end"/> (after skipping spaces back): letters, digits, inner
    /// hyphens and apostrophes, and separators between digits ("7,704", "1.2").
    /// </summary>
    public static (int Start, int End) WordBefore(string text, int end, int limit)
    {
        end = SkipSpacesBack(text, end, limit);
        var s = end;
        while (s > limit)
        {
            var c = text[s - 1];
            if (IsWordChar(c))
            {
                s--;
                continue;
            }
            var inner = s - 2 >= limit && s < end;
            if (inner && c is ',' or '.' && char.IsDigit(text[s - 2]) && char.IsDigit(text[s]))
            {
                s--;
                continue;
            }
            if (inner && c is '-' or '\'' or '’' && IsWordChar(text[s - 2]) && IsWordChar(text[s]))
            {
                s--;
                continue;
            }
            break;
        }
        return (s, end);
    }

    /// <summary>The word starting at <paramref name="start"/> (after skipping spaces), same alphabet as <see cref="WordBefore"/>.</summary>
    public static (int Start, int End) WordAfter(string text, int start, int limit)
    {
        start = SkipSpaces(text, start, limit);
        var e = start;
        while (e < limit)
        {
            var c = text[e];
            if (IsWordChar(c))
            {
                e++;
                continue;
            }
            var inner = e > start && e + 1 < limit;
            if (inner && c is ',' or '.' && char.IsDigit(text[e - 1]) && char.IsDigit(text[e + 1]))
            {
                e++;
                continue;
            }
            if (inner && c is '-' or '\'' or '’' && IsWordChar(text[e - 1]) && IsWordChar(text[e + 1]))
            {
                e++;
                continue;
            }
            break;
        }
        return (start, e);
    }

    /// <summary>True when a whole word or phrase from <paramref name="phrases"/> starts at <paramref name="pos"/>.</summary>
    public static bool StartsWithAny(string text, int pos, int limit, IReadOnlyList<string> phrases, out int end)
    {
        var span = text.AsSpan(pos, limit - pos);
        foreach (var p in phrases)
        {
            if (span.StartsWith(p, StringComparison.OrdinalIgnoreCase)
                && (p.Length == span.Length || !IsWordChar(p[^1]) || !IsWordChar(span[p.Length])))
            {
                end = pos + p.Length;
                return true;
            }
        }
        end = pos;
        return false;
    }

    /// <summary>True when the text just before <paramref name="pos"/> ends with a whole phrase from <paramref name="phrases"/>.</summary>
    public static bool EndsWithAny(string text, int pos, int limit, IReadOnlyList<string> phrases, out int start)
    {
        var end = SkipSpacesBack(text, pos, limit);
        var span = text.AsSpan(limit, end - limit);
        foreach (var p in phrases)
        {
            if (span.EndsWith(p, StringComparison.OrdinalIgnoreCase)
                && (p.Length == span.Length || !IsWordChar(p[0]) || !IsWordChar(span[^(p.Length + 1)])))
            {
                start = end - p.Length;
                return true;
            }
        }
        start = pos;
        return false;
    }

    /// <summary>True when some whole word of <paramref name="words"/> occurs in the range.</summary>
    public static bool ContainsWord(string text, int start, int end, IReadOnlyList<string> words)
    {
        var span = text.AsSpan(start, end - start);
        foreach (var w in words)
        {
            var from = 0;
            while (from < span.Length)
            {
                var i = span[from..].IndexOf(w, StringComparison.OrdinalIgnoreCase);
                if (i < 0)
                    break;
                var at = from + i;
                var before = at == 0 || !IsWordChar(span[at - 1]);
                var after = at + w.Length >= span.Length || !IsWordChar(span[at + w.Length]);
                if (before && after)
                    return true;
                from = at + 1;
            }
        }
        return false;
    }
}
