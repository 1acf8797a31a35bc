namespace Pipeline.Domain.Extraction;

/// <summary>
/// Keeps a report to its main network. Bulletins, multi-operation threat reports and news round-ups
/// describe several networks, one block (paragraph, list item, section heading) each. The first block
/// that identifies a network — by operation name, else origin country, else actor — sets the report's
/// network; a later block that identifies a different one (no shared name, or no shared origin when it
/// names none, …) is about another network, and everything read from it is set aside. Once a report is known
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
        var identities = new Identity[blockCount];
        for (var b = 0; b < blockCount; b++)
            identities[b] = new Identity();
        foreach (var (value, s) in names.Operations.Occurrences)
            identities[doc.Blocks[s]].Operations.Add(OperationKey(doc, value));
        foreach (var (value, s) in places.Origins.Occurrences)
            identities[doc.Blocks[s]].Origins.Add(value);
        foreach (var (value, s) in names.Actors.Occurrences)
            identities[doc.Blocks[s]].Actors.Add(value);

        var main = identities.FirstOrDefault(i => !i.IsEmpty);
        if (main is null)
            return;
        var other = new bool[blockCount];
        for (var b = 0; b < blockCount; b++)
            other[b] = !identities[b].IsEmpty && identities[b].IsAnotherNetworkThan(main);
        if (other.Any(o => o))
        {
            // A round-up of networks: a block with its own removal figures and no name or origin is one more entry.
            var mainBlock = Array.IndexOf(identities, main);
            foreach (var count in counts)
            {
                var s = doc.SentenceAt(count.Evidence.Sentence.Start);
                if (s >= 0 && doc.Has(s, SentenceFlags.Takedown) && doc.Blocks[s] != mainBlock && identities[doc.Blocks[s]].IsEmpty)
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
    internal static string OperationKey(ReportDocument doc, string name)
    {
        var ops = doc.Index.Operations;
        for (var i = 0; i < ops.Length; i++)
        {
            if (ops[i].Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                || ops[i].Aliases.Any(a => a.Equals(name, StringComparison.OrdinalIgnoreCase)))
                return ops[i].Name;
        }
        return name;
    }

    private sealed class Identity
    {
        public HashSet<string> Operations { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Origins { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Actors { get; } = new(StringComparer.OrdinalIgnoreCase);

        public bool IsEmpty => Operations.Count == 0 && Origins.Count == 0 && Actors.Count == 0;

        /// <summary>Compared on the strongest evidence both blocks have: names, then origins, then actors.</summary>
        public bool IsAnotherNetworkThan(Identity main)
        {
            if (Operations.Count > 0 && main.Operations.Count > 0)
                return !Operations.Overlaps(main.Operations);
            if (Origins.Count > 0 && main.Origins.Count > 0)
                return !Origins.Overlaps(main.Origins);
            if (Actors.Count > 0 && main.Actors.Count > 0)
                return !Actors.Overlaps(main.Actors);
            return false;
        }
    }
}
