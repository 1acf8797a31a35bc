using System.Globalization;
using System.Text;

namespace Pipeline.Domain.Campaigns;

/// <summary>
/// An operation name reduced for comparison: case, accents, punctuation and the "Operation …" /
/// "… network" affixes removed, so "Operation Secondary Infektion", "secondary-infektion" and
/// "the Secondary Infektion network" compare equal. <see cref="Key"/> also drops spaces, so
/// "Dragon Bridge" equals "DRAGONBRIDGE".
/// </summary>
public sealed record OperationName(string Display, string Key, IReadOnlyList<string> Tokens)
{
    // Words that dress a name up without identifying it.
    private static readonly HashSet<string> Leading = new(StringComparer.Ordinal) { "the", "operation", "op" };
    private static readonly HashSet<string> Trailing = new(StringComparer.Ordinal)
    {
        "network", "networks", "operation", "operations", "campaign", "campaigns", "io", "influence",
    };
    // Tokens too common in names to index or to anchor a partial match on.
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "the", "of", "and", "operation", "network", "campaign", "group", "team", "storm", "dragon",
    };

    /// <summary>Shortest key that can anchor a partial ("Spamouflage" in "Spamouflage Dragon") match.</summary>
    private const int MinPartialKeyLength = 5;

    public static OperationName? Parse(string raw)
    {
        var tokens = Tokenise(raw);
        while (tokens.Count > 0 && Leading.Contains(tokens[0])) tokens.RemoveAt(0);
        while (tokens.Count > 0 && Trailing.Contains(tokens[^1])) tokens.RemoveAt(tokens.Count - 1);
        if (tokens.Count == 0) return null;
        return new OperationName(raw.Trim(), string.Concat(tokens), tokens);
    }

    /// <summary>Space-separated normal form, for reasons and display ("secondary infektion").</summary>
    public string Normalised => string.Join(' ', Tokens);

    /// <summary>Distinctive enough to link on its own as a run of a longer name's words ("Spamouflage" in "Spamouflage Dragon").</summary>
    public bool CanLinkAsPart => Key.Length >= MinPartialKeyLength && HasAnchor(Tokens, 0, Tokens.Count);

    /// <summary>
    /// Keys of the runs of this name's words, shorter than the whole, that could link as a name of their own
    /// (<see cref="CanLinkAsPart"/>): "liberty front press" gives "libertyfront", "frontpress", "liberty", "front"
    /// and "press". A shorter name can link this one only when its key is one of these.
    /// </summary>
    public IEnumerable<string> PartKeys()
    {
        for (var length = Tokens.Count - 1; length >= 1; length--)
            for (var start = 0; start + length <= Tokens.Count; start++)
            {
                if (!HasAnchor(Tokens, start, length)) continue;
                var key = string.Concat(Tokens.Skip(start).Take(length));
                if (key.Length >= MinPartialKeyLength) yield return key;
            }
    }

    /// <summary>
    /// Same operation name: equal keys, or one name is a run of the other's words and distinctive on
    /// its own ("Spamouflage" / "Spamouflage Dragon"). Symmetric.
    /// </summary>
    public static bool Links(OperationName a, OperationName b)
    {
        if (a.Key == b.Key) return true;
        var (shorter, longer) = a.Tokens.Count <= b.Tokens.Count ? (a, b) : (b, a);
        if (shorter.Tokens.Count == longer.Tokens.Count) return false;
        if (!shorter.CanLinkAsPart) return false;
        // Loops, not LINQ: every candidate member's names are compared with every name of the report.
        var (s, l) = (shorter.Tokens, longer.Tokens);
        for (var start = 0; start + s.Count <= l.Count; start++)
        {
            var run = true;
            for (var i = 0; i < s.Count && run; i++) run = s[i] == l[start + i];
            if (run) return true;
        }
        return false;
    }

    private static bool HasAnchor(IReadOnlyList<string> tokens, int start, int length)
    {
        for (var i = start; i < start + length; i++)
            if (tokens[i].Length >= 4 && !Generic.Contains(tokens[i])) return true;
        return false;
    }

    /// <summary>Runs of letters and digits, lower-cased, accents dropped (a mark is skipped, not a break).</summary>
    private static List<string> Tokenise(string raw)
    {
        var folded = raw.Normalize(NormalizationForm.FormD);
        var tokens = new List<string>(4);
        // Built in place rather than through a StringBuilder and Split: every report read back is parsed again.
        var buffer = folded.Length <= 256 ? stackalloc char[folded.Length] : new char[folded.Length];
        var length = 0;
        foreach (var c in folded)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c)) { buffer[length++] = char.ToLowerInvariant(c); continue; }
            if (length > 0) tokens.Add(new string(buffer[..length]));
            length = 0;
        }
        if (length > 0) tokens.Add(new string(buffer[..length]));
        return tokens;
    }
}
