using Pipeline.Domain.Campaigns;

namespace Pipeline.Dedup.Tests;

/// <summary>
/// The span-based <see cref="TextSignature.Of"/> signs exactly as the string-splitting version it replaced
/// (kept here as the reference): every similarity between random evidence texts is the same to the bit,
/// including casing, accents, curly punctuation, digits, stop words and sentences longer than its buffer.
/// </summary>
public class TextSignatureEquivalenceTests
{
    private const int Size = 64;
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "that", "this", "with", "from", "have", "were", "their", "they", "which", "these", "those", "been",
        "also", "into", "about", "more", "than", "other", "some", "said", "says", "according",
    };
    private static readonly char[] Separators = " \t\r\n.,;:!?\"'()[]{}“”‘’—–-/".ToCharArray();
    private static readonly ulong[] Seeds = Enumerable.Range(1, Size).Select(i => Mix((ulong)i * 0x9E3779B97F4A7C15UL)).ToArray();

    private static readonly string[] Words =
    [
        "Network", "ACCOUNTS", "posted", "about", "Politik", "élections", "Ukraine", "台湾", "fake", "personas", "İstanbul",
        "web-sites", "news", "amplify", "co-ordinated", "THEIR", "protests", "Hong", "kong", "covid19", "Straße", "naïve",
        "ﬁnance", "“quoted”", "it’s", "(brackets)", "semi;colon", "tab\there", "new\nline", "—dash—", "Σίγμα", "x",
    ];

    [Fact]
    public void Similarities_match_the_reference_signature_exactly()
    {
        var rng = new Random(42);
        var texts = Enumerable.Range(0, 120).Select(i =>
            Enumerable.Range(0, rng.Next(0, 4)).Select(_ =>
                string.Join(rng.Next(3) == 0 ? ", " : " ", Enumerable.Range(0, rng.Next(1, i % 10 == 0 ? 140 : 14)).Select(_ => Words[rng.Next(Words.Length)])))
            .ToList()).ToList();
        Assert.Contains(texts, t => t.Any(s => s.Length > 512));

        var signed = texts.Select(TextSignature.Of).ToList();
        var reference = texts.Select(Reference).ToList();
        for (var i = 0; i < texts.Count; i++)
            for (var j = 0; j < texts.Count; j++)
                Assert.Equal(ReferenceSimilarity(reference[i], reference[j]), signed[i].Similarity(signed[j]));
    }

    /// <summary>The signature as first written: lower-cased strings split, filtered and deduplicated.</summary>
    private static ulong[]? Reference(IEnumerable<string> sentences)
    {
        var words = sentences
            .SelectMany(s => s.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 4 && w.All(char.IsLetter) && !StopWords.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .Select(Fnv1a)
            .ToList();
        if (words.Count == 0) return null;
        var minima = new ulong[Size];
        Array.Fill(minima, ulong.MaxValue);
        foreach (var h in words)
            for (var i = 0; i < Size; i++)
                minima[i] = Math.Min(minima[i], Mix(h ^ Seeds[i]));
        return minima;
    }

    private static double ReferenceSimilarity(ulong[]? a, ulong[]? b) =>
        a is null || b is null ? 0 : (double)a.Zip(b).Count(p => p.First == p.Second) / Size;

    private static ulong Fnv1a(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s) { h ^= c; h *= 1099511628211UL; }
        return h;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
