using System.Globalization;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// Reads a stated number: digits with separators ("7,704", "1.2 million", "12k") or words ("two",
/// "twenty-three", "one hundred and fifty", "three thousand"). Vague quantities ("dozens", "hundreds of")
/// are not numbers.
/// </summary>
internal static class NumberReader
{
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Units = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13,
        ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18,
        ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> Multipliers = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
    {
        ["hundred"] = 100, ["thousand"] = 1_000, ["million"] = 1_000_000, ["billion"] = 1_000_000_000,
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The first letters of <see cref="Units"/> and <see cref="Multipliers"/> (lower case). A word starting with another
    /// ASCII character is no number name; one starting past ASCII may still equal one ignoring case ("ſix").
    /// </summary>
    private static readonly string NumberNameInitials = new(
        Units.Dictionary.Keys.Concat(Multipliers.Dictionary.Keys).Select(k => char.ToLowerInvariant(k[0])).Distinct().ToArray());

    /// <summary>Reads the number phrase that ends at <paramref name="end"/> (spaces skipped), not before <paramref name="limit"/>.</summary>
    public static bool TryReadBefore(string text, int end, int limit, out long value, out int start)
    {
        value = 0;
        start = end;
        var first = -1;
        var pos = end;
        while (pos > limit)
        {
            var (s, e) = TextScan.WordBefore(text, pos, limit);
            if (s == e)
                break;
            var word = text.AsSpan(s, e - s);
            if (IsNumberWord(word))
            {
                first = s;
            }
            else if (first >= 0 && word.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                // part of "one hundred and fifty" only if a number word comes before it; otherwise left out
            }
            else if (first >= 0 && word.Equals("a", StringComparison.OrdinalIgnoreCase) && IsMultiplierAt(text, first, end))
            {
                first = s; // "a thousand"
                break;
            }
            else
            {
                break;
            }
            if (s > limit && !char.IsWhiteSpace(text[s - 1]))
                break; // only spaces separate the words of one number
            pos = s;
        }
        if (first < 0)
            return false;
        start = first;
        return TryParse(text, first, TextScan.SkipSpacesBack(text, end, limit), out value);
    }

    private static bool IsMultiplierAt(string text, int start, int limit)
    {
        var (s, e) = TextScan.WordAfter(text, start, limit);
        return Multipliers.ContainsKey(text.AsSpan(s, e - s));
    }

    /// <summary>Reads the number phrase that starts at <paramref name="start"/> (spaces skipped), up to <paramref name="limit"/>.</summary>
    public static bool TryReadAfter(string text, int start, int limit, out long value, out int end)
    {
        value = 0;
        end = start;
        var pos = TextScan.SkipSpaces(text, start, limit);
        var first = pos;
        var last = -1;
        while (pos < limit)
        {
            var (s, e) = TextScan.WordAfter(text, pos, limit);
            if (s == e)
                break;
            var word = text.AsSpan(s, e - s);
            if (IsNumberWord(word))
                last = e;
            else if (!(last >= 0 && word.Equals("and", StringComparison.OrdinalIgnoreCase)) && !(last < 0 && word.Equals("a", StringComparison.OrdinalIgnoreCase)))
                break;
            pos = e;
            if (pos < limit && !char.IsWhiteSpace(text[pos]))
                break;
        }
        if (last < 0)
            return false;
        end = last;
        return TryParse(text, first, last, out value);
    }

    private static bool IsNumberWord(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
            return false;
        if (char.IsDigit(word[0]))
            return IsDigits(word);
        if (word[0] < 128 && !NumberNameInitials.Contains((char)(word[0] | 0x20)))
            return false; // most words: no number name starts with their letter, so no lookup is needed
        if (Units.ContainsKey(word) || Multipliers.ContainsKey(word))
            return true;
        var dash = word.IndexOf('-');
        return dash > 0 && Units.ContainsKey(word[..dash]) && Units.ContainsKey(word[(dash + 1)..]);
    }

    /// <summary>"7,704", "1.2", "12k", "3M": digits with separators and an optional k/m suffix.</summary>
    private static bool IsDigits(ReadOnlySpan<char> word)
    {
        var body = word[^1] is 'k' or 'K' or 'm' or 'M' ? word[..^1] : word;
        foreach (var c in body)
        {
            if (!char.IsDigit(c) && c is not ',' and not '.')
                return false;
        }
        return body.Length > 0 && char.IsDigit(body[^1]);
    }

    private static bool TryParse(string text, int start, int end, out long value)
    {
        value = 0;
        double total = 0, current = 0;
        var fractional = false;
        var pos = start;
        while (pos < end)
        {
            var (s, e) = TextScan.WordAfter(text, pos, end);
            if (s == e)
                break;
            pos = e;
            var word = text.AsSpan(s, e - s);
            if (char.IsDigit(word[0]))
            {
                if (!TryDigits(word, out var v, out var isFraction))
                    return false;
                current += v;
                fractional |= isFraction;
            }
            else if (Units.TryGetValue(word, out var unit))
            {
                current += unit;
            }
            else if (Multipliers.TryGetValue(word, out var mult))
            {
                if (mult == 100)
                {
                    current = (current == 0 ? 1 : current) * 100;
                }
                else
                {
                    total += (current == 0 ? 1 : current) * mult;
                    current = 0;
                }
                fractional = false;
            }
            else if (word.IndexOf('-') is > 0 and var dash)
            {
                current += Units.TryGetValue(word[..dash], out var tens) && Units.TryGetValue(word[(dash + 1)..], out var ones)
                    ? tens + ones
                    : 0;
            }
        }
        total += current;
        if (fractional || total < 1 || total > 1e12)
            return false; // "1.5" alone is not a count of assets
        value = (long)Math.Round(total);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> word, out double value, out bool isFraction)
    {
        var scale = word[^1] switch { 'k' or 'K' => 1_000d, 'm' or 'M' => 1_000_000d, _ => 1d };
        if (scale > 1)
            word = word[..^1];
        Span<char> digits = stackalloc char[word.Length];
        var n = 0;
        var dot = -1;
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (c == ',')
                continue; // thousands separator
            if (c == '.')
            {
                if (dot >= 0)
                    return Fail(out value, out isFraction); // "7.704.000": not an English number
                dot = n;
            }
            digits[n++] = c;
        }
        if (dot < 0 && n is > 0 and <= 15 && TryWholeNumber(digits[..n], out var whole))
            value = whole; // the common case, exact in a double: no general parse needed
        else if (!double.TryParse(digits[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            return Fail(out value, out isFraction);
        value *= scale;
        isFraction = value != Math.Floor(value);
        return true;
    }

    /// <summary>ASCII digits only (others are left to <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out double)"/>).</summary>
    private static bool TryWholeNumber(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static bool Fail(out double value, out bool isFraction)
    {
        value = 0;
        isFraction = false;
        return false;
    }
}
