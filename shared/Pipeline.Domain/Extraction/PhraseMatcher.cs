using System.Numerics;
using System.Runtime.InteropServices;

namespace Pipeline.Domain.Extraction;

/// <summary>What a phrase stands for: a mention kind and the id of its entry.</summary>
internal readonly record struct PhrasePayload(MentionKind Kind, int Id);

/// <summary>A phrase to find, what it stands for, and whether only its written case counts.</summary>
internal readonly record struct PhraseSpec(string Phrase, PhrasePayload Payload, bool ExactCase);

/// <summary>
/// Finds every knowledge-base and lexicon phrase in one pass. Phrases start at word starts, so the scan
/// hashes each word of the text (case-folded, no allocation) and probes two tables: one-word phrases by
/// that word, longer phrases by it and the word before. Only on a hit are the few phrases with that key
/// compared, so the cost per character stays flat however many names the knowledge base holds.
/// Whole words only; mentions of one group never nest (see <see cref="Mention.Group"/>).
/// </summary>
internal sealed class PhraseMatcher
{
    private readonly FirstWordTable _single;
    private readonly FirstWordTable _pairs;
    private readonly BitFilter _singleFilter;
    private readonly BitFilter _pairFilter;
    private readonly BitFilter _pairFirstFilter;
    private readonly Candidate[][] _candidates;
    private readonly (char Letter, PhrasePayload Payload)[] _letters;

    /// <summary>Phrases of two or more characters; one-letter names ("X") match case-sensitively as whole words.</summary>
    public PhraseMatcher(IEnumerable<PhraseSpec> phrases)
    {
        var specs = phrases.ToArray();
        var bad = specs.FirstOrDefault(p => p.Phrase.Length == 0 || !IsWordChar(p.Phrase[0]));
        if (bad.Phrase is not null)
            throw new InvalidDataException($"Knowledge phrase \"{bad.Phrase}\" must start with a letter or digit.");
        _letters = specs.Where(p => p.Phrase.Length == 1).Select(p => (p.Phrase[0], p.Payload)).ToArray();

        var groups = specs
            .Where(p => p.Phrase.Length >= 2)
            .GroupBy(p => (p.Phrase, p.ExactCase))
            .Select(g => new Candidate(g.Key.Phrase, g.Key.ExactCase, g.Select(s => s.Payload).Distinct().ToArray()))
            .GroupBy(c => KeyOf(c.Phrase))
            .ToArray();
        _candidates = groups.Select(g => g.OrderByDescending(c => c.Phrase.Length).ToArray()).ToArray();
        _single = new FirstWordTable(groups.Select((g, i) => (g.Key, i)).Where(x => !x.Key.Pair).Select(x => (x.Key.Hash, x.i)));
        _pairs = new FirstWordTable(groups.Select((g, i) => (g.Key, i)).Where(x => x.Key.Pair).Select(x => (x.Key.Hash, x.i)));
        _singleFilter = new BitFilter(groups.Where(g => !g.Key.Pair).Select(g => g.Key.Hash));
        _pairFilter = new BitFilter(groups.Where(g => g.Key.Pair).Select(g => g.Key.Hash));
        _pairFirstFilter = new BitFilter(specs.Where(p => p.Phrase.Length >= 2 && KeyOf(p.Phrase).Pair).Select(p => FirstWordHash(p.Phrase)));
    }

    public List<Mention> Scan(string text)
    {
        var found = new List<Mention>(Math.Max(16, text.Length / 40));
        ScanWords(text, found);
        foreach (var (letter, payload) in _letters)
            ScanLetter(text, letter, payload, found);
        SortNearlySorted(CollectionsMarshal.AsSpan(found));
        DropNested(found);
        return found;
    }

    public static bool IsWordChar(char c) => c < 128 ? Fold[c] != 0 : char.IsLetterOrDigit(c);

    /// <summary>ASCII letters and digits case-folded; 0 for everything else.</summary>
    private static ReadOnlySpan<byte> Fold => FoldTable;

    private static readonly byte[] FoldTable = Enumerable.Range(0, 128)
        .Select(c => char.IsAsciiLetterOrDigit((char)c) ? (byte)char.ToLowerInvariant((char)c) : (byte)0)
        .ToArray();

    private void ScanWords(string text, List<Mention> into)
    {
        var span = text.AsSpan();
        var fold = Fold;
        var i = 0;
        var previousStart = -1;
        var previousHash = 0UL;
        var previousMayPair = false;
        while (i < span.Length)
        {
            var c = span[i];
            uint f = c < 128 ? fold[c] : char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : 0u;
            if (f == 0)
            {
                i++;
                continue;
            }
            var start = i;
            var hash = HashSeed;
            while (true)
            {
                hash = BitOperations.RotateLeft(hash, 7) ^ f; // cheap per character; mixed once per word
                if (++i >= span.Length)
                    break;
                c = span[i];
                f = c < 128 ? fold[c] : char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : 0u;
                if (f == 0)
                    break;
            }
            hash = Finish(hash);
            // Bit filters in L1 reject most words before the tables are touched.
            if (_singleFilter.MayHave(hash) && _single.Find(hash) is var slot and >= 0)
                EmitWord(span, start, i - start, _candidates[slot], into);
            if (previousMayPair && Pair(previousHash, hash) is var pair && _pairFilter.MayHave(pair) && _pairs.Find(pair) is var pairSlot and >= 0)
                Emit(span, previousStart, _candidates[pairSlot], into);
            previousMayPair = _pairFirstFilter.MayHave(hash);
            previousStart = start;
            previousHash = hash;
        }
    }

    private const ulong HashSeed = 14695981039346656037UL;

    private static ulong Step(ulong hash, char c)
    {
        uint folded = c < 128 ? FoldTable[c] : char.ToLowerInvariant(c);
        return BitOperations.RotateLeft(hash, 7) ^ folded;
    }

    /// <summary>Spreads a word's bits once it is complete, for the tables and filters.</summary>
    private static ulong Finish(ulong hash)
    {
        hash *= 0x9E3779B97F4A7C15UL;
        return hash ^ (hash >> 29);
    }

    private static ulong Pair(ulong first, ulong second) => (first * 31) ^ (second + 0x9E3779B97F4A7C15UL);

    private static ulong FirstWordHash(string phrase)
    {
        var hash = HashSeed;
        for (var i = 0; i < phrase.Length && IsWordChar(phrase[i]); i++)
            hash = Step(hash, phrase[i]);
        return Finish(hash);
    }

    /// <summary>A phrase's key: its first word's hash, or for a longer phrase the hash of its first two words.</summary>
    private static (ulong Hash, bool Pair) KeyOf(string phrase)
    {
        var i = 0;
        var first = HashSeed;
        while (i < phrase.Length && IsWordChar(phrase[i]))
            first = Step(first, phrase[i++]);
        first = Finish(first);
        while (i < phrase.Length && !IsWordChar(phrase[i]))
            i++;
        if (i == phrase.Length)
            return (first, false);
        var second = HashSeed;
        while (i < phrase.Length && IsWordChar(phrase[i]))
            second = Step(second, phrase[i++]);
        return (Pair(first, Finish(second)), true);
    }

    /// <summary>
    /// Candidates keyed by this one word. A one-word phrase of the word's length whose 64-bit key matched is
    /// that word (only its case may differ), so only exact-case phrases need a comparison.
    /// </summary>
    private static void EmitWord(ReadOnlySpan<char> text, int at, int length, Candidate[] bucket, List<Mention> into)
    {
        foreach (var c in bucket)
        {
            if (c.WholeWord)
            {
                if (c.Phrase.Length != length || (c.ExactCase && !text.Slice(at, length).SequenceEqual(c.Phrase)))
                    continue;
                foreach (var p in c.Payloads)
                    into.Add(new Mention(at, length, p.Kind, p.Id));
            }
            else
            {
                EmitPhrase(text, at, c, into);
            }
        }
    }

    /// <summary>Adds every candidate that matches at <paramref name="at"/> as a whole phrase; nesting is resolved later.</summary>
    private static void Emit(ReadOnlySpan<char> text, int at, Candidate[] bucket, List<Mention> into)
    {
        foreach (var c in bucket)
            EmitPhrase(text, at, c, into);
    }

    private static void EmitPhrase(ReadOnlySpan<char> text, int at, Candidate c, List<Mention> into)
    {
        var end = at + c.Phrase.Length;
        if (end > text.Length
            || !text.Slice(at, c.Phrase.Length).Equals(c.Phrase, c.ExactCase ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
            return;
        if (IsWordChar(c.Phrase[^1]) && end < text.Length && IsWordChar(text[end]))
            return;
        foreach (var p in c.Payloads)
            into.Add(new Mention(at, c.Phrase.Length, p.Kind, p.Id));
    }

    /// <summary>
    /// Mentions arrive in text order except that a two-word phrase is found one word late, so an insertion
    /// sort (by start, longer first) costs next to nothing where a general sort would not.
    /// </summary>
    private static void SortNearlySorted(Span<Mention> mentions)
    {
        for (var i = 1; i < mentions.Length; i++)
        {
            var m = mentions[i];
            var j = i - 1;
            while (j >= 0 && (mentions[j].Start > m.Start || (mentions[j].Start == m.Start && mentions[j].Length < m.Length)))
            {
                mentions[j + 1] = mentions[j];
                j--;
            }
            mentions[j + 1] = m;
        }
    }

    /// <summary>Removes, in place, mentions nested inside a longer mention of the same group.</summary>
    private static void DropNested(List<Mention> sorted)
    {
        Span<int> maxEnd = stackalloc int[6];
        Span<int> lastStart = stackalloc int[6];
        maxEnd.Fill(-1);
        lastStart.Fill(-1);
        var span = CollectionsMarshal.AsSpan(sorted);
        var kept = 0;
        foreach (var m in span)
        {
            if (m.Kind != MentionKind.TacticTerm) // tactic terms only vote; "posing as local news" and "posing as" both count
            {
                var g = m.Group;
                var sameSpan = m.Start == lastStart[g] && m.End == maxEnd[g];
                if (m.End <= maxEnd[g] && !sameSpan)
                    continue;
                if (m.End > maxEnd[g])
                {
                    maxEnd[g] = m.End;
                    lastStart[g] = m.Start;
                }
            }
            span[kept++] = m;
        }
        sorted.RemoveRange(kept, sorted.Count - kept);
    }

    /// <summary>A lone capital letter as a word: "X suspended …" but not "X-ray", "U.S.", "Company X's".</summary>
    private static void ScanLetter(string text, char letter, PhrasePayload payload, List<Mention> into)
    {
        var pos = 0;
        while (pos < text.Length)
        {
            var i = text.AsSpan(pos).IndexOf(letter);
            if (i < 0)
                return;
            var at = pos + i;
            pos = at + 1;
            var before = at == 0 ? ' ' : text[at - 1];
            var after = at + 1 < text.Length ? text[at + 1] : ' ';
            var sentenceEnd = after == '.' && (at + 2 >= text.Length || char.IsWhiteSpace(text[at + 2]));
            if (IsWordChar(before) || before is '-' or '.' or '\'' or '’' || IsWordChar(after)
                || (after is '-' or '.' or '\'' or '’' && !sentenceEnd))
                continue;
            into.Add(new Mention(at, 1, payload.Kind, payload.Id));
        }
    }

    private sealed record Candidate(string Phrase, bool ExactCase, PhrasePayload[] Payloads)
    {
        /// <summary>One word, letters and digits only: "accounts", "Iran", "GAN".</summary>
        public bool WholeWord { get; } = Phrase.All(IsWordChar);
    }

    /// <summary>A 64K-bit set of hash bits (8 KB, fits in L1): "no" is certain, "maybe" goes to the table.</summary>
    private sealed class BitFilter
    {
        private readonly ulong[] _bits = new ulong[1024];

        public BitFilter(IEnumerable<ulong> hashes)
        {
            foreach (var h in hashes)
            {
                var bit = Bit(h);
                _bits[bit >> 6] |= 1UL << (bit & 63);
            }
        }

        public bool MayHave(ulong hash)
        {
            var bit = Bit(hash);
            return (_bits[bit >> 6] & (1UL << (bit & 63))) != 0;
        }

        private static int Bit(ulong hash) => (int)((hash >> 20) & 0xFFFF);
    }

    /// <summary>Open-addressing map from a first-word hash to its candidate list; most words miss in one probe.</summary>
    private sealed class FirstWordTable
    {
        private readonly ulong[] _keys;
        private readonly int[] _values;
        private readonly int _mask;

        public FirstWordTable(IEnumerable<(ulong Hash, int Slot)> entries)
        {
            var list = entries.ToArray();
            var size = 16;
            while (size < list.Length * 4)
                size <<= 1;
            _keys = new ulong[size];
            _values = new int[size];
            _mask = size - 1;
            foreach (var (hash, slot) in list)
            {
                var i = (int)(hash & (ulong)_mask);
                while (_keys[i] != 0)
                    i = (i + 1) & _mask;
                _keys[i] = hash == 0 ? 1 : hash;
                _values[i] = slot;
            }
        }

        public int Find(ulong hash)
        {
            hash = hash == 0 ? 1 : hash;
            var i = (int)(hash & (ulong)_mask);
            while (true)
            {
                var k = _keys[i];
                if (k == hash)
                    return _values[i];
                if (k == 0)
                    return -1;
                i = (i + 1) & _mask;
            }
        }
    }
}
