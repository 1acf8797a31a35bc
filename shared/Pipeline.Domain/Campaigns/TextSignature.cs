namespace Pipeline.Domain.Campaigns;

/// <summary>
/// A MinHash signature of a report's evidence sentences (content words), so the textual similarity
/// of two reports is estimated in constant time and stored compactly. Stable hashes (FNV-1a), never
/// <see cref="string.GetHashCode()"/>, so a signature is the same in every process.
/// </summary>
public sealed class TextSignature
{
    private const int Size = 64; // ±0.06 error on a Jaccard estimate: enough for a minor signal
    private const int MinWordLength = 4;
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "that", "this", "with", "from", "have", "were", "their", "they", "which", "these", "those", "been",
        "also", "into", "about", "more", "than", "other", "some", "said", "says", "according",
    };

    private readonly ulong[]? _minima;

    private TextSignature(ulong[]? minima) => _minima = minima;

    public static TextSignature Of(IEnumerable<string> sentences)
    {
        var words = sentences
            .SelectMany(s => s.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= MinWordLength && w.All(char.IsLetter) && !StopWords.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .Select(Fnv1a)
            .ToList();
        if (words.Count == 0) return new TextSignature(null);
        var minima = new ulong[Size];
        Array.Fill(minima, ulong.MaxValue);
        foreach (var h in words)
        {
            for (var i = 0; i < Size; i++)
            {
                var v = Mix(h ^ Seeds[i]);
                if (v < minima[i]) minima[i] = v;
            }
        }
        return new TextSignature(minima);
    }

    /// <summary>Estimated Jaccard similarity of the two word sets; 0 when either has no text.</summary>
    public double Similarity(TextSignature other)
    {
        if (_minima is null || other._minima is null) return 0;
        var same = 0;
        for (var i = 0; i < Size; i++) if (_minima[i] == other._minima[i]) same++;
        return (double)same / Size;
    }

    private static readonly char[] Separators = " \t\r\n.,;:!?\"'()[]{}“”‘’—–-/".ToCharArray();

    private static readonly ulong[] Seeds = Enumerable.Range(1, Size).Select(i => Mix((ulong)i * 0x9E3779B97F4A7C15UL)).ToArray();

    private static ulong Fnv1a(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s) { h ^= c; h *= 1099511628211UL; }
        return h;
    }

    // SplitMix64 finaliser: turns one hash into independent-looking permutations per seed.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
