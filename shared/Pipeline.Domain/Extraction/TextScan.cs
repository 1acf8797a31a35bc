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
}
