using System.Numerics;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// Phrases grouped by one of their words (compared case-insensitively), looked up by a word of the text
/// without allocating. ASCII words (nearly all) go through an open-addressing table keyed by a 64-bit
/// case-folded hash; other words through the OrdinalIgnoreCase dictionary the table was built from. The
/// caller compares each phrase with the text, so both paths give the same answers.
/// </summary>
internal sealed class WordBuckets
{
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _byWord;
    private readonly ulong[] _keys;
    private readonly string[][] _values;
    private readonly int _mask;
    /// <summary>False when two keys share a hash or a key is not ASCII: every lookup then takes the dictionary.</summary>
    private readonly bool _tableValid = true;
    private readonly WordShapes _shapes;

    public WordBuckets(IEnumerable<string> phrases, Func<string, string> word)
    {
        var byWord = phrases.GroupBy(word, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        _byWord = byWord.GetAlternateLookup<ReadOnlySpan<char>>();
        _shapes = new WordShapes(byWord.Keys);
        var size = 16;
        while (size < byWord.Count * 4)
            size <<= 1;
        _keys = new ulong[size];
        _values = new string[size][];
        _mask = size - 1;
        foreach (var (key, bucket) in byWord)
        {
            // OrdinalIgnoreCase may equate a non-ASCII key with an ASCII word ("ſ" and "s"): leave such lists to the dictionary.
            if (!TryHash(key, out var hash))
            {
                _tableValid = false;
                continue;
            }
            var i = (int)(hash & (ulong)_mask);
            while (_values[i] is not null)
            {
                if (_keys[i] == hash)
                    _tableValid = false;
                i = (i + 1) & _mask;
            }
            _keys[i] = hash;
            _values[i] = bucket;
        }
    }

    /// <summary>False when no key can equal <paramref name="word"/>: a cheap test before <see cref="Find"/>.</summary>
    public bool MayBeKey(ReadOnlySpan<char> word) => _shapes.MayContain(word);

    /// <summary>The phrases whose word equals <paramref name="word"/> (ignoring case), or null.</summary>
    public string[]? Find(ReadOnlySpan<char> word)
    {
        if (!_shapes.MayContain(word))
            return null;
        if (!_tableValid || !TryHash(word, out var hash))
            return _byWord.TryGetValue(word, out var slow) ? slow : null;
        var i = (int)(hash & (ulong)_mask);
        while (_values[i] is { } bucket)
        {
            if (_keys[i] == hash)
                return bucket;
            i = (i + 1) & _mask;
        }
        return null;
    }

    /// <summary>A case-folded hash of an all-ASCII word; false for any other character.</summary>
    private static bool TryHash(ReadOnlySpan<char> word, out ulong hash)
    {
        hash = 14695981039346656037UL;
        foreach (var c in word)
        {
            if (c >= 128)
                return false;
            hash = BitOperations.RotateLeft(hash, 7) ^ (char.IsAsciiLetterUpper(c) ? c | 0x20u : c);
        }
        hash *= 0x9E3779B97F4A7C15UL;
        hash ^= hash >> 29;
        return true;
    }

    /// <summary>
    /// A 4096-bit set of word shapes (first and last letters folded, and length): most words of a text are no key,
    /// and their shape says so before the word is hashed. Keys that are not ASCII at either end let every word through.
    /// </summary>
    private readonly struct WordShapes
    {
        private readonly ulong[]? _bits;

        public WordShapes(IEnumerable<string> keys)
        {
            var bits = new ulong[64];
            foreach (var key in keys)
            {
                if (key.Length == 0 || key[0] >= 128 || key[^1] >= 128)
                    return; // _bits stays null: everything may be a key
                var shape = Shape(key);
                bits[shape >> 6] |= 1UL << shape;
            }
            _bits = bits;
        }

        public bool MayContain(ReadOnlySpan<char> word)
        {
            if (_bits is null || word.Length == 0 || word[0] >= 128 || word[^1] >= 128)
                return true;
            var shape = Shape(word);
            return (_bits[shape >> 6] & (1UL << shape)) != 0;
        }

        private static int Shape(ReadOnlySpan<char> word) =>
            (Fold(word[0]) * 37 + Fold(word[^1]) * 11 + word.Length * 7) & 4095;

        private static int Fold(char c) => char.IsAsciiLetterUpper(c) ? c | 0x20 : c;
    }
}
