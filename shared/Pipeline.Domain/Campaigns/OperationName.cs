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

    /// <summary>Words distinctive enough to anchor a partial match; indexed, so partial matches are found.</summary>
    public IEnumerable<string> Anchors => Tokens.Where(t => t.Length >= 4 && !Generic.Contains(t));

    /// <summary>
    /// Same operation name: equal keys, or one name is a run of the other's words and distinctive on
    /// its own ("Spamouflage" / "Spamouflage Dragon"). Symmetric.
    /// </summary>
    public static bool Links(OperationName a, OperationName b)
    {
        if (a.Key == b.Key) return true;
        var (shorter, longer) = a.Tokens.Count <= b.Tokens.Count ? (a, b) : (b, a);
        if (shorter.Tokens.Count == longer.Tokens.Count) return false;
        if (shorter.Key.Length < MinPartialKeyLength || !shorter.Anchors.Any()) return false;
        for (var start = 0; start + shorter.Tokens.Count <= longer.Tokens.Count; start++)
        {
            if (shorter.Tokens.Select((t, i) => t == longer.Tokens[start + i]).All(x => x)) return true;
        }
        return false;
    }

    private static List<string> Tokenise(string raw)
    {
        var folded = raw.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
