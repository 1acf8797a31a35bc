using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>The names a report gives: operations, the aliases it equates, actors and partners.</summary>
internal sealed class NameFindings
{
    public FindingSet Operations { get; } = new();
    public FindingSet Actors { get; } = new();
    public FindingSet Partners { get; } = new();
    public List<(AliasPair Pair, int Sentence)> Aliases { get; } = [];
}

/// <summary>
/// Reads operation names (known names and aliases, and names the text introduces: "dubbed …", "which
/// we call …", "a website called …"), the pairs it equates ("X, also known as Y"), attributed actors
/// (known ones and "Iranian state media"-style ones where the text attributes the network) and partners
/// (known researchers, and names after "based on a tip from", "researchers at" …).
/// </summary>
internal static class NameReader
{
    private const int MaxAliasDistance = 40;

    private static readonly PhraseList Pronouns = new(["it", "them"]);
    private static readonly PhraseList Determiners = new(["the", "this", "that", "these", "its", "our"]);
    private static readonly string[] OthersCall = ["what others call", "which others call", "what researchers call", "which researchers call", "what other researchers call", "which other researchers call"];

    /// <summary>The mentions <see cref="ReadSentence"/> acts on: a sentence without any (or a quote) adds nothing.</summary>
    private static readonly ulong ReadKinds =
        ReportDocument.KindBit(MentionKind.Operation) | ReportDocument.KindBit(MentionKind.Actor) | ReportDocument.KindBit(MentionKind.Partner)
        | ReportDocument.KindBit(MentionKind.Demonym) | ReportDocument.KindBit(CueKind.Naming) | ReportDocument.KindBit(CueKind.WeakNaming)
        | ReportDocument.KindBit(CueKind.Partner) | ReportDocument.KindBit(CueKind.Aliasing);

    public static NameFindings Read(ReportDocument doc)
    {
        var found = new NameFindings();
        var pendingAliases = new List<(string? Name, string Alias, int Sentence)>();
        var actors = new List<(int Id, string Surface, int Sentence)>();
        var names = new List<(int Start, int End, string Value)>();
        var quotes = new NextQuote(doc.Text);
        for (var s = 0; s < doc.Sentences.Count; s++)
        {
            if (doc.Has(s, SentenceFlags.SeparateNetwork))
                continue;
            var hasQuote = quotes.In(doc.Sentences[s]);
            if (!hasQuote && !doc.HasAny(s, ReadKinds))
                continue; // nothing named in it
            names.Clear();
            ReadSentence(doc, s, found, pendingAliases, actors, names, hasQuote);
        }
        ResolveAliases(doc, found, pendingAliases);
        AddKnownActors(doc, found, actors);
        if (DropPassingMentions(doc, found.Operations) is { Count: > 0 } passingSentences)
            DropActorsOnlyIn(found.Actors, passingSentences);
        return found;
    }

    /// <summary>
    /// A name the report gives only in sentences about earlier events ("three months after the company
    /// removed accounts belonging to X") is a passing mention of another takedown, not what the report is
    /// about: it is dropped unless the report also names it (or a known alias of it) in a sentence about
    /// the present takedown.
    /// </summary>
    /// <returns>The sentences the dropped names were given in (they are about the other operation).</returns>
    private static HashSet<int>? DropPassingMentions(ReportDocument doc, FindingSet set)
    {
        HashSet<string>? passing = null;
        foreach (var (value, s) in set.Occurrences)
        {
            if (doc.Has(s, SentenceFlags.Historical))
                (passing ??= new(StringComparer.OrdinalIgnoreCase)).Add(NetworkFocus.OperationKey(doc, value));
        }
        if (passing is null)
            return null; // the common case: no name given in a sentence about earlier events
        foreach (var (value, s) in set.Occurrences)
        {
            if (!doc.Has(s, SentenceFlags.Historical))
                passing.Remove(NetworkFocus.OperationKey(doc, value));
        }
        if (passing.Count == 0)
            return null;
        var sentences = set.Occurrences.Where(o => passing.Contains(NetworkFocus.OperationKey(doc, o.Value))).Select(o => o.Sentence).ToHashSet();
        set.RemoveAll(v => passing.Contains(NetworkFocus.OperationKey(doc, v)));
        return sentences;
    }

    /// <summary>
    /// "… accounts belonging to X, which it linked to Y": an actor named only in the sentences about a
    /// passing operation is that operation's, not the report's.
    /// </summary>
    private static void DropActorsOnlyIn(FindingSet actors, HashSet<int> sentences)
    {
        var elsewhere = actors.Occurrences.Where(o => !sentences.Contains(o.Sentence)).Select(o => o.Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var only = actors.Occurrences.Where(o => sentences.Contains(o.Sentence) && !elsewhere.Contains(o.Value)).Select(o => o.Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (only.Count > 0)
            actors.RemoveAll(only.Contains);
    }

    private static void ReadSentence(
        ReportDocument doc, int s, NameFindings found, List<(string?, string, int)> aliases, List<(int, string, int)> actors,
        List<(int Start, int End, string Value)> names, bool hasQuote)
    {
        var text = doc.Text;
        var index = doc.Index;
        var comparison = doc.Has(s, SentenceFlags.Comparison);
        var mentions = doc.MentionsIn(s);
        // "names": operation names in this sentence, in order, for "X, also known as Y".
        for (var i = 0; i < mentions.Length; i++)
        {
            var m = mentions[i];
            switch (m.Kind)
            {
                case MentionKind.Operation:
                    var value = text.Substring(m.Start, m.Length);
                    names.Add((m.Start, m.End, value));
                    if (!comparison)
                        found.Operations.Add(value, s);
                    break;
                case MentionKind.Actor when !comparison:
                    actors.Add((m.Id, text.Substring(m.Start, m.Length), s));
                    break;
                case MentionKind.Partner:
                    found.Partners.Add(index.Partners[m.Id].Name, s);
                    break;
                case MentionKind.Demonym when !comparison:
                    ReadTemplateActor(doc, s, mentions, m, found);
                    break;
                case MentionKind.Cue when m.Cue is CueKind.Naming or CueKind.WeakNaming:
                    ReadIntroducedName(doc, s, m, mentions, found, names);
                    break;
                case MentionKind.Cue when m.Cue == CueKind.Partner:
                    ReadPartnerAfterCue(doc, s, m, mentions, found);
                    break;
            }
        }
        for (var i = 0; i < mentions.Length; i++)
        {
            if (mentions[i] is { Kind: MentionKind.Cue, Cue: CueKind.Aliasing } cue)
                ReadAliasPair(doc, s, cue, names, aliases);
        }
        if (hasQuote)
            ReadQuotedOperations(doc, s, found, comparison);
    }

    /// <summary>Whether a sentence holds a quotation mark, from one search of the text for sentences in order.</summary>
    private struct NextQuote(string text)
    {
        private int _at = text.AsSpan().IndexOfAny('"', '“', '‘');

        public bool In(TextSpan sentence)
        {
            while (_at >= 0 && _at < sentence.Start)
                _at = text.AsSpan(_at + 1).IndexOfAny('"', '“', '‘') is var next and >= 0 ? _at + 1 + next : -1;
            return _at >= 0 && _at < sentence.End;
        }
    }

    /// <summary>A name after "dubbed", "which we call", "a website called" …: an operation (or a firm, an actor).</summary>
    private static void ReadIntroducedName(
        ReportDocument doc, int s, Mention cue, ReadOnlySpan<Mention> mentions, NameFindings found, List<(int, int, string)> names)
    {
        var text = doc.Text;
        var lex = doc.Index.Lexicon;
        var sentence = doc.Sentences[s];
        var isActor = false;
        if (cue.Cue == CueKind.WeakNaming)
        {
            // The noun nearest the cue says what is named: "the company FireEye … a network called X" names a network.
            var from = Math.Max(sentence.Start, cue.Start - 40);
            var actorNoun = LastIn(doc.Index.NamedActorNouns, text, from, cue.Start);
            var operationNoun = LastIn(doc.Index.NamedOperationNouns, text, from, cue.Start);
            if (actorNoun < 0 && operationNoun < 0)
                return; // "a persona named Wilson Edwards" names a persona, not the operation
            isActor = actorNoun > operationNoun;
        }
        var nameAt = SkipNamedObject(doc, cue.End, sentence.End);
        if (!NameParser.TryRead(text, nameAt, sentence.End, out var start, out var end) || IsKnownNonOperation(mentions, start, end))
            return;
        var name = text.Substring(start, end - start);
        var known = KnownOperationAt(mentions, start);
        if (isActor && known is null)
        {
            found.Actors.Add(name, s);
            return;
        }
        if (known is { } op)
            name = text.Substring(op.Start, op.Length); // "a group it called UNC1151": a known operation's name
        names.Add((start, end, name));
        if (!doc.Has(s, SentenceFlags.Comparison))
            found.Operations.Add(name, s);
    }

    private static int LastIn(PhraseList phrases, string text, int from, int to)
    {
        var last = -1;
        for (var at = phrases.NextIn(text, from, to, out var end); at >= 0; at = phrases.NextIn(text, end, to, out end))
            last = at;
        return last;
    }

    /// <summary>"dubbed the campaign “X”", "calling this network X": skip what is being named.</summary>
    private static int SkipNamedObject(ReportDocument doc, int pos, int limit)
    {
        var text = doc.Text;
        var start = TextScan.SkipSpaces(text, pos, limit);
        if (Pronouns.StartsAt(text, start, limit, out var end))
            return end;
        if (!Determiners.StartsAt(text, start, limit, out end))
            return pos;
        var noun = TextScan.SkipSpaces(text, end, limit);
        return doc.Index.NamedOperationNouns.StartsAt(text, noun, limit, out end) ? end : pos;
    }

    /// <summary>A name that is a place, a platform, a known actor or a partner is not an operation's.</summary>
    private static bool IsKnownNonOperation(ReadOnlySpan<Mention> mentions, int start, int end)
    {
        foreach (var m in mentions)
        {
            if (m.Start >= start && m.End <= end && m.Length * 2 >= end - start
                && m.Kind is not (MentionKind.Operation or MentionKind.Cue or MentionKind.TacticTerm or MentionKind.Asset))
                return true;
        }
        return false;
    }

    private static Mention? KnownOperationAt(ReadOnlySpan<Mention> mentions, int start)
    {
        foreach (var m in mentions)
        {
            if (m.Kind == MentionKind.Operation && m.Start == start)
                return m;
        }
        return null;
    }

    /// <summary>"“Bad Grammar” network", "the “Ghostwriter” campaign": a quoted name before an operation noun.</summary>
    private static void ReadQuotedOperations(ReportDocument doc, int s, NameFindings found, bool comparison)
    {
        var sentence = doc.Sentences[s];
        var span = doc.Text.AsSpan(sentence.Start, sentence.Length);
        if (comparison || span.IndexOfAny('"', '“', '‘') < 0)
            return;
        foreach (var m in TextPatterns.Quoted().EnumerateMatches(span))
        {
            var after = sentence.Start + m.Index + m.Length;
            var next = TextScan.SkipSpaces(doc.Text, after, sentence.End);
            if (!doc.Index.NamedOperationNouns.StartsAt(doc.Text, next, sentence.End, out _))
                continue;
            if (NameParser.TryRead(doc.Text, sentence.Start + m.Index, after, out var start, out var end))
                found.Operations.Add(doc.Text.Substring(start, end - start), s);
        }
    }

    /// <summary>"links to Iranian state media": a demonym and an institution, where the text attributes to it.</summary>
    private static void ReadTemplateActor(ReportDocument doc, int s, ReadOnlySpan<Mention> mentions, Mention demonym, NameFindings found)
    {
        var text = doc.Text;
        var sentence = doc.Sentences[s];
        var pos = TextScan.SkipSpaces(text, demonym.End, sentence.End);
        if (!doc.Index.ActorTemplates.StartsAt(text, pos, sentence.End, out var end))
            return;
        // "links to Iranian state media", "the Belarusian government was at least partly responsible"
        var attributed = doc.Index.Responsibility.StartsAt(text, TextScan.SkipSpaces(text, end, sentence.End), sentence.End, out _);
        foreach (var m in mentions)
        {
            if (m.Start >= demonym.Start)
                break;
            if (m.Kind == MentionKind.Cue && m.Cue == CueKind.Origin && demonym.Start - m.End <= 30)
                attributed = true;
        }
        if (attributed)
            found.Actors.Add(text.Substring(demonym.Start, end - demonym.Start), s);
    }

    /// <summary>
    /// "based on a tip from X", "researchers at X": a capitalised name after a partner cue. A platform after
    /// any partner cue ("a tip from Twitter", "findings published by Facebook") is credited too, unless it
    /// is the platform doing the removal.
    /// </summary>
    private static void ReadPartnerAfterCue(ReportDocument doc, int s, Mention cue, ReadOnlySpan<Mention> mentions, NameFindings found)
    {
        var text = doc.Text;
        var sentenceEnd = doc.Sentences[s].End;
        var nameAt = TextScan.SkipSpaces(text, cue.End, sentenceEnd);
        if (nameAt + 4 < sentenceEnd && text.AsSpan(nameAt, 4).Equals("the ", StringComparison.OrdinalIgnoreCase))
            nameAt = TextScan.SkipSpaces(text, nameAt + 4, sentenceEnd);
        foreach (var m in mentions)
        {
            if (m.Start == nameAt && m.Kind is MentionKind.Platform or MentionKind.PlatformHint && m.Id != doc.ReportingPlatform)
            {
                found.Partners.Add(text.Substring(m.Start, m.Length), s);
                return;
            }
        }
        if (!doc.Index.PartnerCapture.StartsAt(text, cue.Start, cue.End, out var captureEnd) || captureEnd != cue.End
            || !NameParser.TryRead(text, cue.End, sentenceEnd, out var start, out var end))
            return;
        foreach (var m in mentions)
        {
            if (m.Start < end && m.End > start && m.Kind is not (MentionKind.Cue or MentionKind.TacticTerm))
                return; // a known partner (already taken), a platform, a country …
        }
        found.Partners.Add(text.Substring(start, end - start), s);
    }

    /// <summary>"DRAGONBRIDGE, also known as Spamouflage Dragon", "the network, which others call Spamouflage".</summary>
    private static void ReadAliasPair(
        ReportDocument doc, int s, Mention cue, List<(int Start, int End, string Value)> names, List<(string?, string, int)> aliases)
    {
        string? alias = null;
        string? name = null;
        foreach (var n in names)
        {
            if (n.End <= cue.Start && cue.Start - n.End <= MaxAliasDistance)
                name = n.Value;
            if (alias is null && n.Start >= cue.End && n.Start - cue.End <= 8)
                alias = n.Value;
        }
        if (alias is null)
            return;
        var cueText = doc.Text.AsSpan(cue.Start, cue.Length);
        var othersCall = false;
        foreach (var o in OthersCall)
            othersCall |= cueText.Equals(o, StringComparison.OrdinalIgnoreCase);
        if (name is null && !othersCall)
            return;
        aliases.Add((name, alias, s));
    }

    /// <summary>
    /// Known actors under the name the report gives them: the canonical name where the text uses it
    /// ("Internet Research Agency"), else the longest name it uses ("Structura National Technology").
    /// </summary>
    private static void AddKnownActors(ReportDocument doc, NameFindings found, List<(int Id, string Surface, int Sentence)> actors)
    {
        var names = new Dictionary<int, string>();
        foreach (var (id, surface, _) in actors)
        {
            var canonical = doc.Index.Actors[id].Name;
            if (surface.Equals(canonical, StringComparison.OrdinalIgnoreCase) || IsAcronym(surface))
                names[id] = canonical;
            else if (!names.TryGetValue(id, out var best) || (!best.Equals(canonical, StringComparison.Ordinal) && surface.Length > best.Length))
                names[id] = surface;
        }
        foreach (var (id, _, s) in actors)
            found.Actors.Add(names[id], s);
    }

    /// <summary>"IRA", "IRIB": an acronym is reported under the actor's full name.</summary>
    private static bool IsAcronym(string surface) => surface.Length <= 6 && !surface.Any(char.IsLower);

    /// <summary>Pairs whose first name the sentence left implicit take the report's main operation name.</summary>
    private static void ResolveAliases(ReportDocument doc, NameFindings found, List<(string? Name, string Alias, int Sentence)> pending)
    {
        foreach (var (name, alias, s) in pending)
        {
            var first = name ?? found.Operations.Occurrences
                .Select(o => o.Value)
                .FirstOrDefault(v => !v.Equals(alias, StringComparison.OrdinalIgnoreCase));
            if (first is null || first.Equals(alias, StringComparison.OrdinalIgnoreCase))
                continue;
            if (found.Aliases.Any(a => a.Pair.Name.Equals(first, StringComparison.OrdinalIgnoreCase) && a.Pair.Alias.Equals(alias, StringComparison.OrdinalIgnoreCase)))
                continue;
            found.Aliases.Add((new AliasPair(first, alias, doc.EvidenceFor(s)), s));
            found.Operations.Add(alias, s);
        }
    }
}
