namespace Pipeline.Domain.Extraction;

/// <summary>
/// Keeps a report to its main network. Bulletins, multi-operation threat reports and news round-ups
/// describe several networks, one block (paragraph, list item, section heading) each. The first block
/// that identifies a network — by operation name, else origin country, else actor — sets the report's
/// network, and later blocks of that network add the kinds of evidence it lacked; a later block that
/// identifies a different one (no shared name, or no shared origin when it names none, …) is about
/// another network, and everything read from it is set aside. Once a report is known
/// to round up several networks, a block that states its own removal figures without naming its network
/// is one more entry of the round-up.
/// </summary>
internal static class NetworkFocus
{
    public static void Mark(ReportDocument doc, PlaceFindings places, NameFindings names, IReadOnlyList<Reports.TakedownCount> counts)
    {
        var blockCount = doc.Sentences.Count == 0 ? 0 : doc.Blocks[^1] + 1;
        if (blockCount < 2)
            return;
        // Null for a block that identifies nothing (most of them).
        var identities = new Identity?[blockCount];
        foreach (var (value, s) in names.Operations.Occurrences)
            (identities[doc.Blocks[s]] ??= new()).AddOperation(OperationKey(doc, value));
        foreach (var (value, s) in places.Origins.Occurrences)
            (identities[doc.Blocks[s]] ??= new()).AddOrigin(value);
        foreach (var (value, s) in names.Actors.Occurrences)
            (identities[doc.Blocks[s]] ??= new()).AddActor(value);

        var mainBlock = Array.FindIndex(identities, i => i is not null);
        if (mainBlock < 0)
            return;
        // The main network is known by what the report says of it first: a later block of the same network
        // adds the origin or actor the first left out ("Peace Data" in the title, "originated in Russia" below
        // it), so a block about another network can be told by its origin even when the first gave only a name.
        var main = identities[mainBlock]!.Copy();
        var other = new bool[blockCount];
        for (var b = mainBlock + 1; b < blockCount; b++)
        {
            if (identities[b] is not { } identity)
                continue;
            if (identity.IsAnotherNetworkThan(main))
                other[b] = true;
            else
                main.AddMissing(identity);
        }
        if (other.Any(o => o))
        {
            // A round-up of networks: a block with its own removal figures and no name or origin is one more entry.
            foreach (var count in counts)
            {
                var s = doc.SentenceAt(count.Evidence.Sentence.Start);
                if (s >= 0 && doc.Has(s, SentenceFlags.Takedown) && doc.Blocks[s] != mainBlock && identities[doc.Blocks[s]] is null)
                    other[doc.Blocks[s]] = true;
            }
        }
        for (var s = 0; s < doc.Sentences.Count; s++)
        {
            if (other[doc.Blocks[s]])
                doc.Flags[s] |= SentenceFlags.OtherNetwork;
        }
    }

    /// <summary>Known aliases share one key ("DRAGONBRIDGE" is Spamouflage); other names stand for themselves.</summary>
    internal static string OperationKey(ReportDocument doc, string name) =>
        doc.Index.OperationKeys.TryGetValue(name, out var key) ? key : name;

    /// <summary>What one block names; created, like each of its lists, only when it names something (a few names at most).</summary>
    private sealed class Identity
    {
        private List<string>? _operations;
        private List<string>? _origins;
        private List<string>? _actors;

        public Identity Copy() => new() { _operations = _operations, _origins = _origins, _actors = _actors };

        public void AddOperation(string key) => (_operations ??= []).Add(key);
        public void AddOrigin(string code) => (_origins ??= []).Add(code);
        public void AddActor(string name) => (_actors ??= []).Add(name);

        /// <summary>
        /// Takes the origins and actors this identity has none of from <paramref name="same"/>, a block of the same
        /// network. Names are not taken: reports bring in sub-brands and aliases as they go ("a cluster operating under
        /// the name …"), so a later name is no sign of another network where the first block named none.
        /// </summary>
        public void AddMissing(Identity same)
        {
            _origins ??= same._origins;
            _actors ??= same._actors;
        }

        /// <summary>Compared on the strongest evidence both blocks have: names, then origins, then actors.</summary>
        public bool IsAnotherNetworkThan(Identity main)
        {
            if (_operations is not null && main._operations is not null)
                return !Overlaps(_operations, main._operations, StringComparison.OrdinalIgnoreCase);
            if (_origins is not null && main._origins is not null)
                return !Overlaps(_origins, main._origins, StringComparison.Ordinal);
            if (_actors is not null && main._actors is not null)
                return !Overlaps(_actors, main._actors, StringComparison.OrdinalIgnoreCase);
            return false;
        }

        private static bool Overlaps(List<string> a, List<string> b, StringComparison comparison)
        {
            foreach (var x in a)
            {
                foreach (var y in b)
                {
                    if (x.Equals(y, comparison))
                        return true;
                }
            }
            return false;
        }
    }
}
