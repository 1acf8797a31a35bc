using System.Runtime.InteropServices;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// The phrases of <see cref="PhraseMatcher"/>'s buckets, stored flat: one character pool, one array of
/// candidates (a bucket is a contiguous run, longest phrase first) and one of payloads. A probe that hits
/// reads a few adjacent array elements instead of chasing a string, a record and an array per candidate.
/// </summary>
internal sealed class PhraseCandidates
{
    private readonly char[] _chars;
    private readonly Entry[] _entries;
    private readonly int[] _bucketStart;
    private readonly PhrasePayload[] _payloads;

    /// <param name="buckets">Per bucket, its phrases in the order they are tried.</param>
    public PhraseCandidates(IReadOnlyList<(string Phrase, bool ExactCase, PhrasePayload[] Payloads)[]> buckets)
    {
        var chars = new List<char>();
        var entries = new List<Entry>();
        var payloads = new List<PhrasePayload>();
        _bucketStart = new int[buckets.Count + 1];
        for (var b = 0; b < buckets.Count; b++)
        {
            _bucketStart[b] = entries.Count;
            foreach (var (phrase, exactCase, bucketPayloads) in buckets[b])
            {
                entries.Add(new Entry(chars.Count, phrase.Length, exactCase, phrase.All(PhraseMatcher.IsWordChar), payloads.Count, bucketPayloads.Length));
                chars.AddRange(phrase);
                payloads.AddRange(bucketPayloads);
            }
        }
        _bucketStart[buckets.Count] = entries.Count;
        _chars = chars.ToArray();
        _entries = entries.ToArray();
        _payloads = payloads.ToArray();
    }

    /// <summary>
    /// Candidates keyed by this one word. A one-word phrase of the word's length whose 64-bit key matched is
    /// that word (only its case may differ), so only exact-case phrases need a comparison.
    /// </summary>
    public void EmitWord(ReadOnlySpan<char> text, int at, int length, int bucket, List<Mention> into)
    {
        foreach (ref readonly var c in Bucket(bucket))
        {
            if (c.WholeWord)
            {
                if (c.Length != length || (c.ExactCase && !text.Slice(at, length).SequenceEqual(Phrase(c))))
                    continue;
                AddPayloads(c, at, into);
            }
            else
            {
                EmitPhrase(text, at, c, into);
            }
        }
    }

    /// <summary>Adds every candidate that matches at <paramref name="at"/> as a whole phrase; nesting is resolved later.</summary>
    public void Emit(ReadOnlySpan<char> text, int at, int bucket, List<Mention> into)
    {
        foreach (ref readonly var c in Bucket(bucket))
            EmitPhrase(text, at, c, into);
    }

    private void EmitPhrase(ReadOnlySpan<char> text, int at, in Entry c, List<Mention> into)
    {
        var end = at + c.Length;
        var phrase = Phrase(c);
        if (end > text.Length || !PhraseList.MaySame(text[end - 1], phrase[^1])
            || !(c.ExactCase ? text.Slice(at, c.Length).SequenceEqual(phrase) : PhraseList.EqualsIgnoreCase(text.Slice(at, c.Length), phrase)))
            return;
        if (PhraseMatcher.IsWordChar(phrase[^1]) && end < text.Length && PhraseMatcher.IsWordChar(text[end]))
            return;
        AddPayloads(c, at, into);
    }

    private void AddPayloads(in Entry c, int at, List<Mention> into)
    {
        foreach (var p in _payloads.AsSpan(c.PayloadStart, c.PayloadCount))
            into.Add(new Mention(at, c.Length, p.Kind, p.Id));
    }

    private ReadOnlySpan<Entry> Bucket(int bucket) =>
        _entries.AsSpan(_bucketStart[bucket], _bucketStart[bucket + 1] - _bucketStart[bucket]);

    private ReadOnlySpan<char> Phrase(in Entry c) => _chars.AsSpan(c.Offset, c.Length);

    /// <param name="WholeWord">One word, letters and digits only: "accounts", "Iran", "GAN".</param>
    [StructLayout(LayoutKind.Auto)]
    private readonly record struct Entry(int Offset, int Length, bool ExactCase, bool WholeWord, int PayloadStart, int PayloadCount);
}
