namespace Pipeline.Domain.Campaigns;

/// <summary>
/// A compact, build-once blocking index over <see cref="MatchKeys"/>: each key hashed to 64 bits, its
/// campaigns (ordinals chosen by the caller) in one flat array. No object per key or per campaign, so a
/// million campaigns are ~100 MB of reference-free arrays the GC never traces, and a lookup is a few hash
/// probes at any size. Lookups apply the crowded-key rule (<see cref="MatchKeys.CrowdedBucket"/>).
/// A hash collision (odds ~1e-7 among millions of keys) can only add a candidate, which the matcher rejects.
/// Immutable once built, so lookups are thread-safe.
/// </summary>
public sealed class BlockingIndex
{
    private readonly ulong[] _hashes;   // distinct key hashes
    private readonly int[] _starts;     // key i's campaigns: _postings[_starts[i] .. _starts[i + 1]], ascending
    private readonly int[] _postings;
    private readonly int[] _slots;      // open addressing over _hashes: 1 + key index, 0 = empty
    private readonly int _mask;

    private BlockingIndex(ulong[] hashes, int[] starts, int[] postings)
    {
        (_hashes, _starts, _postings) = (hashes, starts, postings);
        var size = 16;
        while (size < hashes.Length * 2) size *= 2; // load ≤ 1/2: probes stay ~1 cache miss
        _slots = new int[size];
        _mask = size - 1;
        for (var i = 0; i < hashes.Length; i++)
        {
            var slot = (int)(hashes[i] & (ulong)_mask);
            while (_slots[slot] != 0) slot = (slot + 1) & _mask;
            _slots[slot] = i + 1;
        }
        for (var i = 0; i < hashes.Length; i++) LargestBucket = Math.Max(LargestBucket, starts[i + 1] - starts[i]);
    }

    public int KeyCount => _hashes.Length;

    public int LargestBucket { get; }

    /// <summary>Campaigns indexed under <paramref name="key"/>, ascending.</summary>
    public ReadOnlySpan<int> Campaigns(string key) => Bucket(Hash(key)) is (var start, var length) ? _postings.AsSpan(start, length) : [];

    /// <summary>
    /// Campaigns sharing a key with a report (its <see cref="ICampaignMatcher.BlockingKeys"/>), ascending:
    /// everything in an uncrowded bucket or a name's, and from crowded buckets the campaigns in two of them.
    /// </summary>
    /// <remarks>
    /// A link the figure rules make shares an indexed figure and (dated, same origin) an origin-month, so it is
    /// still found when both are crowded; what a crowded bucket loses is a link resting on the origin-month
    /// alone (context, close or rounded figures) or on one figure of an undated report.
    /// </remarks>
    public int[] Candidates(IEnumerable<string> keys)
    {
        var found = new HashSet<int>();
        List<(int Start, int Length)>? crowded = null;
        foreach (var key in keys)
        {
            if (Bucket(Hash(key)) is not (var start, var length)) continue;
            if (length <= MatchKeys.CrowdedBucket || MatchKeys.LinksAlone(key))
                foreach (var c in _postings.AsSpan(start, length)) found.Add(c);
            else if (!(crowded ??= []).Contains((start, length))) // a repeated key is not a second one
                crowded.Add((start, length));
        }
        if (crowded is { Count: > 1 }) AddCorroborated(crowded, found);
        var result = found.ToArray();
        Array.Sort(result);
        return result;
    }

    // Campaigns in two crowded buckets: the smaller buckets are scanned, the largest only searched, so the
    // cost follows the second-largest bucket rather than the sum.
    private void AddCorroborated(List<(int Start, int Length)> crowded, HashSet<int> found)
    {
        crowded.Sort((a, b) => a.Length.CompareTo(b.Length));
        var seen = new HashSet<int>();
        for (var i = 0; i < crowded.Count - 1; i++)
            foreach (var c in _postings.AsSpan(crowded[i].Start, crowded[i].Length))
                if (!seen.Add(c)) found.Add(c);
        var largest = _postings.AsSpan(crowded[^1].Start, crowded[^1].Length);
        foreach (var c in seen)
            if (largest.BinarySearch(c) >= 0) found.Add(c);
    }

    private (int Start, int Length)? Bucket(ulong hash)
    {
        for (var slot = (int)(hash & (ulong)_mask); _slots[slot] != 0; slot = (slot + 1) & _mask)
        {
            var i = _slots[slot] - 1;
            if (_hashes[i] == hash) return (_starts[i], _starts[i + 1] - _starts[i]);
        }
        return null;
    }

    /// <summary>Stable across processes (FNV-1a, then a SplitMix64 finaliser so the low bits pick slots well).</summary>
    internal static ulong Hash(string key)
    {
        var h = 14695981039346656037UL;
        foreach (var c in key) { h ^= c; h *= 1099511628211UL; }
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }

    /// <summary>Collects (key, campaign) pairs as two flat arrays, then sorts them into buckets once.</summary>
    public sealed class Builder(int capacity = 1024)
    {
        private ulong[] _keys = new ulong[Math.Max(capacity, 16)];
        private int[] _campaigns = new int[Math.Max(capacity, 16)];
        private int _count;

        public void Add(int campaign, IEnumerable<string> keys)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(campaign);
            foreach (var key in keys)
            {
                if (_count == _keys.Length)
                {
                    Array.Resize(ref _keys, _count * 2);
                    Array.Resize(ref _campaigns, _count * 2);
                }
                (_keys[_count], _campaigns[_count]) = (Hash(key), campaign);
                _count++;
            }
        }

        public BlockingIndex Build()
        {
            Array.Sort(_keys, _campaigns, 0, _count);
            var hashes = new List<ulong>();
            var starts = new List<int>();
            var postings = new int[_count];
            var written = 0;
            for (var run = 0; run < _count;)
            {
                var end = run;
                while (end < _count && _keys[end] == _keys[run]) end++;
                Array.Sort(_campaigns, run, end - run);
                hashes.Add(_keys[run]);
                starts.Add(written);
                for (var i = run; i < end; i++)
                    if (i == run || _campaigns[i] != _campaigns[i - 1]) postings[written++] = _campaigns[i];
                run = end;
            }
            starts.Add(written);
            Array.Resize(ref postings, written);
            (_keys, _campaigns, _count) = (new ulong[16], new int[16], 0); // the pairs are the index's now
            return new BlockingIndex([.. hashes], [.. starts], postings);
        }
    }
}
