using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pipeline.Domain.Extraction;

/// <summary>What a phrase stands for: a mention kind and the id of its entry.</summary>
internal readonly record struct PhrasePayload(MentionKind Kind, int Id);

/// <summary>A phrase to find, what it stands for, and whether only its written case counts.</summary>
internal readonly record struct PhraseSpec(string Phrase, PhrasePayload Payload, bool ExactCase);

/// <summary>
/// Finds every knowledge-base and lexicon phrase in one pass. Phrases start at word starts, so the scan
/// hashes each word of the text (case-folded, no allocation, see <see cref="WordHash"/>) and probes two
/// tables: one-word phrases by that word, longer phrases by it and the word before. Only on a hit are the
/// few phrases with that key compared (<see cref="PhraseCandidates"/>), so the cost per character stays
/// flat however many names the knowledge base holds.
/// Whole words only; mentions of one group never nest (see <see cref="Mention.Group"/>).
/// </summary>
internal sealed class PhraseMatcher
{
    private readonly FirstWordTable _single;
    private readonly FirstWordTable _pairs;
    private readonly BitFilter _filter;
    private readonly PhraseCandidates _candidates;
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
            .Select(g => (g.Key.Phrase, g.Key.ExactCase, Payloads: g.Select(s => s.Payload).Distinct().ToArray()))
            .GroupBy(c => KeyOf(c.Phrase))
            .ToArray();
        _candidates = new PhraseCandidates(groups.Select(g => g.OrderByDescending(c => c.Phrase.Length).ToArray()).ToArray());
        _single = new FirstWordTable(groups.Select((g, i) => (g.Key, i, Direct: DirectOf(g.ToArray()))).Where(x => !x.Key.Pair).Select(x => (x.Key.Hash, x.i, x.Direct)));
        _pairs = new FirstWordTable(groups.Select((g, i) => (g.Key, i)).Where(x => x.Key.Pair).Select(x => (x.Key.Hash, x.i, default(Direct))));
        _filter = new BitFilter();
        foreach (var g in groups)
            _filter.Add(g.Key.Hash, g.Key.Pair ? PairRole : SingleRole);
        foreach (var p in specs.Where(p => p.Phrase.Length >= 2 && KeyOf(p.Phrase).Pair))
            _filter.Add(FirstWordHash(p.Phrase), PairFirstRole);
    }

    public List<Mention> Scan(string text)
    {
        var found = new List<Mention>();
        Scan(text, found);
        return found;
    }

    /// <summary>Finds every phrase of <paramref name="text"/> into <paramref name="found"/> (cleared first), in text order.</summary>
    public void Scan(string text, List<Mention> found)
    {
        found.Clear();
        ScanWords(text, found);
        foreach (var (letter, payload) in _letters)
            ScanLetter(text, letter, payload, found);
        SortNearlySorted(CollectionsMarshal.AsSpan(found));
        DropNested(found);
    }

    public static bool IsWordChar(char c) => WordHash.IsWordChar(c);

    private void ScanWords(string text, List<Mention> into)
    {
        var span = text.AsSpan();
        var size = (span.Length >> 6) + 1;
        var maxWords = (span.Length + 1) / 2 + 1;
        // Words that pass a filter are queued without a branch (most do not pass, unpredictably), then probed.
        var hits = HitBuffer(2 * maxWords + 2);
        var words = hits.AsSpan(0, maxWords + 1);
        var pairs = hits.AsSpan(maxWords + 1, maxWords + 1);
        int queuedWords, queuedPairs;
        if (size <= 512)
        {
            Span<ulong> bits = stackalloc ulong[size];
            WordHash.WordChars(span, bits);
            queuedWords = Queue(span, bits, words, pairs, out queuedPairs);
        }
        else
        {
            var bits = ArrayPool<ulong>.Shared.Rent(size);
            WordHash.WordChars(span, bits.AsSpan(0, size));
            queuedWords = Queue(span, bits.AsSpan(0, size), words, pairs, out queuedPairs);
            ArrayPool<ulong>.Shared.Return(bits);
        }
        Probe(span, words[..queuedWords], pairs[..queuedPairs], into);
    }

    [ThreadStatic]
    private static Hit[]? t_hits;

    /// <summary>
    /// The queue of hits, kept per thread from scan to scan (a shared pool costs more than a short report's whole
    /// scan); one huge report's buffer is not kept.
    /// </summary>
    private static Hit[] HitBuffer(int length)
    {
        if (t_hits is { } kept && kept.Length >= length)
            return kept;
        var hits = new Hit[Math.Max(length, 4096)];
        if (hits.Length <= 1 << 16)
            t_hits = hits;
        return hits;
    }

    /// <summary>
    /// Walks the words of the bitmap of <see cref="WordHash.WordChars"/> (a word starts where a bit follows a clear one
    /// and ends at the next clear bit), hashes each and queues those the filter lets through: words that may be one-word
    /// phrases, and pairs of words that may start longer ones. The hot loop of the scan: it works on references without
    /// bounds checks and leaves long and non-ASCII words to a call, so that its state fits in registers.
    /// </summary>
    /// <returns>The number of words queued; <paramref name="queuedPairs"/> the number of pairs.</returns>
    private int Queue(ReadOnlySpan<char> text, ReadOnlySpan<ulong> bits, Span<Hit> words, Span<Hit> pairs, out int queuedPairs)
    {
        var maxWords = (text.Length + 1) / 2 + 1;
        if (bits.Length * 64 <= text.Length || words.Length <= maxWords || pairs.Length <= maxWords)
            throw new ArgumentException("Every character needs a bit, and every word a queue slot.");
        ref var filter = ref _filter.First;
        ref var chars = ref MemoryMarshal.GetReference(text);
        ref var word = ref MemoryMarshal.GetReference(words);
        ref var pair = ref MemoryMarshal.GetReference(pairs);
        var lastShortEnd = text.Length - 8; // a short word ending by here can be read as two whole chunks
        int queuedWords = 0, queued = 0;
        var previousStart = -1;
        var previousHash = 0UL;
        var previousMayPair = 0;
        var pending = -1; // the start of a word that runs on into the next block
        var carry = 0UL;
        for (var w = 0; w < bits.Length; w++)
        {
            var b = bits[w];
            var before = (b << 1) | carry; // bit i: was position i - 1 in a word
            carry = b >> 63;
            var startBits = b & ~before;
            var endBits = ~b & before;
            var blockStart = w << 6;
            while (true)
            {
                // Starts and ends alternate: a word's end is the next end bit, here or in a later block.
                int start;
                if (pending >= 0)
                {
                    if (endBits == 0)
                        break;
                    start = pending;
                    pending = -1;
                }
                else
                {
                    if (startBits == 0)
                        break;
                    start = blockStart + BitOperations.TrailingZeroCount(startBits);
                    startBits &= startBits - 1;
                    if (endBits == 0)
                    {
                        pending = start;
                        break;
                    }
                }
                var end = blockStart + BitOperations.TrailingZeroCount(endBits);
                endBits &= endBits - 1;

                var length = end - start;
                ulong hash;
                if (length > 8 || end > lastShortEnd || (hash = WordHash.Short(ref Unsafe.Add(ref chars, start), length)) == 0)
                    hash = WordHash.OfOutOfLine(text, start, end);
                Unsafe.Add(ref word, queuedWords) = new Hit(start, length, hash);
                queuedWords += BitFilter.Bit(ref filter, hash, SingleRole);
                var both = Pair(previousHash, hash);
                Unsafe.Add(ref pair, queued) = new Hit(previousStart, 0, both);
                queued += previousMayPair & BitFilter.Bit(ref filter, both, PairRole);
                previousMayPair = BitFilter.Bit(ref filter, hash, PairFirstRole);
                previousStart = start;
                previousHash = hash;
            }
        }
        queuedPairs = queued;
        return queuedWords;
    }

    /// <summary>A word (or, for a pair, the first word's start) that passed the filter.</summary>
    private readonly record struct Hit(int Start, int Length, ulong Hash);

    /// <summary>
    /// Probes the queued words and pairs in text order, a pair before the word it starts with (its phrases are longer),
    /// so mentions arrive nearly in their sorted order.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Probe(ReadOnlySpan<char> text, ReadOnlySpan<Hit> words, ReadOnlySpan<Hit> pairs, List<Mention> into)
    {
        int w = 0, p = 0;
        while (w < words.Length || p < pairs.Length)
        {
            if (p == pairs.Length || (w < words.Length && words[w].Start < pairs[p].Start))
            {
                ProbeWord(text, words[w].Start, words[w].Length, words[w].Hash, into);
                w++;
            }
            else
            {
                ProbePair(text, pairs[p].Start, pairs[p].Hash, into);
                p++;
            }
        }
    }

    private void ProbeWord(ReadOnlySpan<char> text, int start, int length, ulong hash, List<Mention> into)
    {
        ref readonly var e = ref _single.Find(hash);
        if (e.Key == 0)
            return;
        if (e.Direct.Length == 0)
            _candidates.EmitWord(text, start, length, e.Value, into);
        else if (e.Direct.Length == length)
            into.Add(new Mention(start, length, e.Direct.Kind, e.Direct.Id)); // the one phrase of the key: the word itself
    }

    private void ProbePair(ReadOnlySpan<char> text, int start, ulong pair, List<Mention> into)
    {
        ref readonly var e = ref _pairs.Find(pair);
        if (e.Key != 0)
            _candidates.Emit(text, start, e.Value, into);
    }

    /// <summary>
    /// A key's bucket that is one case-insensitive word with one payload (most keys: "accounts", "Iran", "removed"):
    /// its mention is emitted from the table entry, without reading the bucket. Length 0 for any other bucket.
    /// </summary>
    private static Direct DirectOf((string Phrase, bool ExactCase, PhrasePayload[] Payloads)[] bucket) =>
        bucket is [var only] && !only.ExactCase && only.Payloads.Length == 1 && only.Phrase.All(IsWordChar) && only.Phrase.Length < 256
            ? new Direct((byte)only.Phrase.Length, only.Payloads[0].Kind, only.Payloads[0].Id)
            : default;

    /// <summary>The mention of a one-word bucket, kept in the table entry (see <see cref="DirectOf"/>).</summary>
    private readonly record struct Direct(byte Length, MentionKind Kind, int Id);

    private static ulong Pair(ulong first, ulong second) => (first * 31) ^ (second + 0x9E3779B97F4A7C15UL);

    private static int WordEnd(string phrase, int i)
    {
        while (i < phrase.Length && IsWordChar(phrase[i]))
            i++;
        return i;
    }

    private static ulong FirstWordHash(string phrase) => WordHash.Of(phrase.AsSpan(0, WordEnd(phrase, 0)));

    /// <summary>A phrase's key: its first word's hash, or for a longer phrase the hash of its first two words.</summary>
    private static (ulong Hash, bool Pair) KeyOf(string phrase)
    {
        var firstEnd = WordEnd(phrase, 0);
        var first = WordHash.Of(phrase.AsSpan(0, firstEnd));
        var i = firstEnd;
        while (i < phrase.Length && !IsWordChar(phrase[i]))
            i++;
        if (i == phrase.Length)
            return (first, false);
        return (Pair(first, WordHash.Of(phrase.AsSpan(i, WordEnd(phrase, i) - i))), true);
    }

    /// <summary>
    /// Mentions arrive in text order but for the few one-letter names, appended last, so an insertion sort (by
    /// start, longer first; stable) costs next to nothing where a general sort would not.
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
        Span<int> maxEnd = stackalloc int[7];
        Span<int> lastStart = stackalloc int[7];
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

    // The filter's three roles read different bits of a hash, so one 8 KB array serves them all.
    private const int SingleRole = 16;
    private const int PairRole = 32;
    private const int PairFirstRole = 48;

    /// <summary>A 64K-bit set of hash bits (8 KB, fits in L1): "no" is certain, "maybe" goes to the table.</summary>
    private sealed class BitFilter
    {
        private readonly ulong[] _bits = new ulong[1024];

        /// <summary>The first word of the set, for <see cref="Bit"/>.</summary>
        public ref ulong First => ref MemoryMarshal.GetArrayDataReference(_bits);

        public void Add(ulong hash, int role)
        {
            var bit = Index(hash, role);
            _bits[bit >> 6] |= 1UL << (bit & 63);
        }

        /// <summary>1 when the hash may be in the set for the role, 0 when it certainly is not.</summary>
        /// <param name="first">The set's <see cref="First"/> word: every index is below 1024 by construction.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Bit(ref ulong first, ulong hash, int role)
        {
            var bit = Index(hash, role);
            return (int)(Unsafe.Add(ref first, bit >> 6) >> (bit & 63)) & 1;
        }

        private static int Index(ulong hash, int role) => (int)((hash >> role) & 0xFFFF);
    }

    /// <summary>Open-addressing map from a key hash to its candidate list; key and value share a cache line.</summary>
    private sealed class FirstWordTable
    {
        private readonly Entry[] _entries;
        private readonly int _mask;

        public FirstWordTable(IEnumerable<(ulong Hash, int Slot, Direct Direct)> entries)
        {
            var list = entries.ToArray();
            var size = 16;
            while (size < list.Length * 2)
                size <<= 1;
            _entries = new Entry[size + 1]; // the last entry, never filled, is the "not found" answer
            _mask = size - 1;
            foreach (var (hash, slot, direct) in list)
            {
                var key = hash == 0 ? 1 : hash;
                var i = (int)(key & (ulong)_mask);
                while (_entries[i].Key != 0)
                    i = (i + 1) & _mask;
                _entries[i] = new Entry(key, slot, direct);
            }
        }

        /// <summary>The entry of the hash, or an entry whose key is 0.</summary>
        public ref readonly Entry Find(ulong hash)
        {
            hash = hash == 0 ? 1 : hash;
            var i = (int)(hash & (ulong)_mask);
            while (true)
            {
                ref readonly var e = ref _entries[i];
                if (e.Key == hash)
                    return ref e;
                if (e.Key == 0)
                    return ref _entries[^1];
                i = (i + 1) & _mask;
            }
        }
    }

    private readonly record struct Entry(ulong Key, int Value, Direct Direct);
}
