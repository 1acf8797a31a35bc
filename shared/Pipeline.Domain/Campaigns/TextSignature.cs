using System.Buffers;

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
        // Words are hashed straight from a lower-cased buffer, not split into strings: every report read back
        // from the store is signed again. A repeated word (or two words of one hash) leaves the minima as they
        // are, so deduplicating hashes instead of strings signs exactly the same.
        var hashes = ArrayPool<ulong>.Shared.Rent(64);
        var count = 0;
        Span<char> stack = stackalloc char[512];
        foreach (var sentence in sentences)
        {
            char[]? rented = null;
            var lower = sentence.Length <= stack.Length ? stack[..sentence.Length] : (rented = ArrayPool<char>.Shared.Rent(sentence.Length)).AsSpan(0, sentence.Length);
            sentence.AsSpan().ToLowerInvariant(lower);
            for (var rest = (ReadOnlySpan<char>)lower; !rest.IsEmpty;)
            {
                var end = rest.IndexOfAny(Separators);
                var word = end < 0 ? rest : rest[..end];
                rest = end < 0 ? [] : rest[(end + 1)..];
                if (word.Length >= MinWordLength && AllLetters(word) && !StopWordSpans.Contains(word))
                {
                    if (count == hashes.Length) hashes = Grow(hashes);
                    hashes[count++] = Fnv1a(word);
                }
            }
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
        if (count == 0)
        {
            ArrayPool<ulong>.Shared.Return(hashes);
            return new TextSignature(null);
        }
        var words = hashes.AsSpan(0, count);
        words.Sort();
        var minima = new ulong[Size];
        Array.Fill(minima, ulong.MaxValue);
        for (var w = 0; w < words.Length; w++)
        {
            if (w > 0 && words[w] == words[w - 1]) continue;
            var h = words[w];
            for (var i = 0; i < Size; i++)
            {
                var v = Mix(h ^ Seeds[i]);
                if (v < minima[i]) minima[i] = v;
            }
        }
        ArrayPool<ulong>.Shared.Return(hashes);
        return new TextSignature(minima);
    }

    private static ulong[] Grow(ulong[] hashes)
    {
        var larger = ArrayPool<ulong>.Shared.Rent(hashes.Length * 2);
        hashes.CopyTo(larger, 0);
        ArrayPool<ulong>.Shared.Return(hashes);
        return larger;
    }

    /// <summary>Estimated Jaccard similarity of the two word sets; 0 when either has no text.</summary>
    public double Similarity(TextSignature other)
    {
        if (_minima is null || other._minima is null) return 0;
        var same = 0;
        for (var i = 0; i < Size; i++) if (_minima[i] == other._minima[i]) same++;
        return (double)same / Size;
    }

    private static readonly SearchValues<char> Separators = SearchValues.Create(" \t\r\n.,;:!?\"'()[]{}“”‘’—–-/");

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordSpans = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool AllLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word) if (!char.IsLetter(c)) return false;
        return true;
    }

    private static readonly ulong[] Seeds = Enumerable.Range(1, Size).Select(i => Mix((ulong)i * 0x9E3779B97F4A7C15UL)).ToArray();

    private static ulong Fnv1a(ReadOnlySpan<char> s)
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
