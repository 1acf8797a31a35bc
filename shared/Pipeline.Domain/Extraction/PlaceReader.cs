using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>The places a report names, by role.</summary>
internal sealed class PlaceFindings
{
    public FindingSet Origins { get; } = new();
    public FindingSet Targets { get; } = new();
    public FindingSet Regions { get; } = new();
}

/// <summary>
/// Tells origin countries from target countries and regions. A place takes the role of the cue before
/// it in the same clause ("originated in Iran", "targeted people in the UK and the Middle East") or after
/// it ("Venezuela was its main focus"), and of the list it continues; with no cue, a demonym or suffix
/// decides ("Iranian state media", "Russia-based accounts" are origins, "Israeli audiences" a target). A
/// place named only as a topic ("African elections", "posted about Iran") gets no role, and the reporting
/// platforms' home country is an origin only where a cue states it.
/// </summary>
internal static class PlaceReader
{
    private enum Role { None, Origin, Target }

    private const int MaxLeadGap = 60;
    private const int MaxListGap = 60;
    private static readonly PhraseList ProOrAnti = new(["pro", "anti"]);

    /// <summary>Network nouns a demonym governs across a modifier or two: "a Chinese spam network", "an Iranian state-backed operation".</summary>
    private static readonly PhraseList NetworkHeads = new(["network", "networks", "operation", "operations", "campaign", "campaigns", "troll farm", "troll farms", "botnet", "botnets"]);
    private const int MaxModifiers = 2;

    /// <summary>The mentions <see cref="ReadSentence"/> acts on: a sentence without any adds nothing.</summary>
    private static readonly ulong ReadKinds =
        ReportDocument.KindBit(MentionKind.Country) | ReportDocument.KindBit(MentionKind.Demonym) | ReportDocument.KindBit(MentionKind.Region)
        | ReportDocument.KindBit(MentionKind.RegionAdjective) | ReportDocument.KindBit(MentionKind.Actor)
        | ReportDocument.KindBit(CueKind.Origin) | ReportDocument.KindBit(CueKind.Target) | ReportDocument.KindBit(CueKind.TargetAfter);

    public static PlaceFindings Read(ReportDocument doc)
    {
        var found = new PlaceFindings();
        var domestic = false;
        var chain = new List<string>();
        for (var s = 0; s < doc.Sentences.Count; s++)
        {
            // Earlier takedowns and other networks bring their own places ("in March it removed … linked to Iran").
            if (doc.Has(s, SentenceFlags.SeparateNetwork | SentenceFlags.Comparison | SentenceFlags.Historical) || !doc.HasAny(s, ReadKinds))
                continue;
            domestic |= ReadSentence(doc, s, found, chain);
        }
        TableReader.ReadPlaces(doc, found);
        if (domestic)
        {
            foreach (var (code, sentence) in found.Origins.Occurrences.ToArray())
                found.Targets.Add(code, sentence);
        }
        return found;
    }

    /// <returns>True when the sentence targets "domestic audiences" (the origin country is a target too).</returns>
    private static bool ReadSentence(ReportDocument doc, int s, PlaceFindings found, List<string> chainOrigins)
    {
        var text = doc.Text;
        var mentions = doc.MentionsIn(s);
        var sentence = doc.Sentences[s];
        var role = Role.None;
        var anchorEnd = -1;
        var chained = false;
        var domestic = false;
        chainOrigins.Clear();
        for (var i = 0; i < mentions.Length; i++)
        {
            var m = mentions[i];
            if (m.Kind == MentionKind.Cue && m.Cue is CueKind.Origin or CueKind.Target)
            {
                FlushChain(chainOrigins, s, found);
                role = m.Cue == CueKind.Target || IsPersonaCover(doc, m, sentence.Start) ? Role.Target : Role.Origin;
                anchorEnd = m.End;
                chained = false;
                if (role == Role.Target)
                    domestic |= doc.Index.DomesticTarget.OccursIn(text, m.End, Math.Min(sentence.End, m.End + 40));
                continue;
            }
            if (m.Kind == MentionKind.Cue && m.Cue == CueKind.TargetAfter)
            {
                TargetsBefore(doc, s, mentions, i, found);
                continue;
            }
            if (m.Kind == MentionKind.Actor && role == Role.Origin && GapAllows(doc, anchorEnd, m.Start, chained))
            {
                // "linked to the Internet Research Agency": the actor's country is the origin
                if (doc.Index.Actors[m.Id].Origin is { } code && !doc.Index.Kb.HomeCountries.Contains(code))
                    found.Origins.Add(code, s);
                anchorEnd = m.End;
                chained = true;
                continue;
            }
            if (!m.IsGeo || IsLanguage(doc, m) || IsProOrAnti(doc, m) || IsTimeZone(doc, m))
                continue;

            Role assigned;
            var byCue = false;
            if (role != Role.None && GapAllows(doc, anchorEnd, m.Start, chained))
            {
                anchorEnd = m.End;
                chained = true;
                if (m.IsAdjective && IsTopic(doc, mentions, m, sentence.End))
                    continue; // "targeted … African elections": what it talked about, not whom
                assigned = role;
                byCue = true;
                if (role == Role.Origin && m.Kind is MentionKind.Country or MentionKind.Demonym)
                {
                    chainOrigins.Add(doc.Index.Countries[m.Id].Code);
                    continue;
                }
            }
            else if (IsOperatorsCountry(doc, m, sentence.End, out var isObject) || IsOperatorsSeat(doc, m, sentence.Start))
            {
                assigned = Role.Origin;
                byCue = true; // "a U.S. PR firm" says where the operator is, even for the platforms' home country
            }
            else
            {
                assigned = IsLabel(doc, m, sentence) ? Role.Origin : RoleFromWordsAround(doc, m, mentions, isObject);
            }
            Record(doc, m, assigned, byCue, s, found);
        }
        FlushChain(chainOrigins, s, found);
        return domestic;
    }

    /// <summary>
    /// Origins of one cue's list. Three or more are a round-up of several networks ("networks we attributed
    /// to Cuba, Iran, Russia, Saudi Arabia and Thailand"), not one network's origin.
    /// </summary>
    private static void FlushChain(List<string> chain, int s, PlaceFindings found)
    {
        if (chain.Count is > 0 and < 3)
        {
            foreach (var code in chain)
                found.Origins.Add(code, s);
        }
        chain.Clear();
    }

    /// <summary>
    /// A country that labels its block or heading: "- **Russia:** 1,152 accounts …", "## Doppelganger (Russia)".
    /// In round-ups of several networks that is how each network's origin is given.
    /// </summary>
    private static bool IsLabel(ReportDocument doc, Mention m, Reports.TextSpan sentence)
    {
        if (m.Kind != MentionKind.Country)
            return false;
        var text = doc.Text;
        var before = text.AsSpan(sentence.Start, m.Start - sentence.Start).Trim("-*•#0123456789. \t");
        var after = m.End < sentence.End ? text.AsSpan(m.End, Math.Min(3, sentence.End - m.End)).TrimStart('*') : default;
        if (before.IsEmpty && after.StartsWith(":"))
            return true;
        var heading = text[sentence.Start] == '#';
        return heading && m.Start > 0 && text[m.Start - 1] == '(' && m.End < text.Length && text[m.End] == ')';
    }

    private static void Record(ReportDocument doc, Mention m, Role role, bool byCue, int s, PlaceFindings found)
    {
        if (role == Role.None)
            return;
        if (m.Kind is MentionKind.Region or MentionKind.RegionAdjective)
        {
            if (role == Role.Target)
                found.Regions.Add(doc.Index.Regions[m.Id].Name, s);
            return; // a region is never an origin country
        }
        var code = doc.Index.Countries[m.Id].Code;
        if (!byCue && role == Role.Origin && doc.Index.Kb.HomeCountries.Contains(code))
            return; // "U.S.-based company": the platform's home, not the network's origin
        (role == Role.Origin ? found.Origins : found.Targets).Add(code, s);
    }

    /// <summary>"Venezuela was its main focus, with Mexico and Bolivia as secondary targets": the list before the cue.</summary>
    private static void TargetsBefore(ReportDocument doc, int s, ReadOnlySpan<Mention> mentions, int cue, PlaceFindings found)
    {
        var boundary = mentions[cue].Start;
        for (var j = cue - 1; j >= 0; j--)
        {
            var m = mentions[j];
            if (!m.IsGeo)
                continue;
            var gap = doc.Text.AsSpan(m.End, boundary - m.End).Trim();
            if (gap.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
                gap = gap[4..];
            if (gap.Length > 0 && !IsListSeparator(gap))
                return;
            if (!IsLanguage(doc, m))
                Record(doc, m, Role.Target, byCue: true, s, found);
            boundary = m.Start;
        }
    }

    private static bool IsListSeparator(ReadOnlySpan<char> gap) =>
        gap is "," or "and" or ", and" or "or" or "&" or ", or" || gap.Equals("and", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// May a place at <paramref name="start"/> still be governed by the cue or list ending at
    /// <paramref name="anchorEnd"/>? Only across a short gap with no new clause in it.
    /// </summary>
    private static bool GapAllows(ReportDocument doc, int anchorEnd, int start, bool chained)
    {
        if (anchorEnd < 0 || start < anchorEnd)
            return false;
        if (start - anchorEnd > (chained ? MaxListGap : MaxLeadGap))
            return false;
        var gap = doc.Text.AsSpan(anchorEnd, start - anchorEnd);
        if (gap.IndexOfAny(';', '.', '\n') >= 0 || StartsNewVerb(gap))
            return false;
        return !doc.Index.ClauseBlockers.OccursIn(doc.Text, anchorEnd, start);
    }

    /// <summary>
    /// "originated in Iran and focused on …", "based in Ghana and amplifying …": "and" before a verb starts a new
    /// clause with the same subject, so the places after it are no longer in the cue's list.
    /// </summary>
    private static bool StartsNewVerb(ReadOnlySpan<char> gap)
    {
        for (var at = gap.IndexOf("and ", StringComparison.OrdinalIgnoreCase); at >= 0;)
        {
            if (at == 0 || !char.IsLetter(gap[at - 1]))
            {
                var rest = gap[(at + 4)..].TrimStart();
                var end = 0;
                while (end < rest.Length && char.IsLetter(rest[end]))
                    end++;
                var word = rest[..end];
                // a participle right before the place describes it ("and occupied Crimea"); a verb has an object or preposition
                if (!rest[end..].Trim().IsEmpty && word.Length > 4
                    && (word.EndsWith("ed", StringComparison.OrdinalIgnoreCase) || word.EndsWith("ing", StringComparison.OrdinalIgnoreCase)))
                    return true;
            }
            var next = gap[(at + 4)..].IndexOf("and ", StringComparison.OrdinalIgnoreCase);
            at = next < 0 ? -1 : at + 4 + next;
        }
        return false;
    }

    /// <summary>"posing as journalists based in the US": the place is the persona's cover, a target.</summary>
    private static bool IsPersonaCover(ReportDocument doc, Mention cue, int sentenceStart)
    {
        var from = Math.Max(sentenceStart, cue.Start - 60);
        return doc.Index.PersonaCues.OccursIn(doc.Text, from, cue.Start);
    }

    /// <summary>"Russian-speaking", "in Russian language": a language, not a country.</summary>
    private static bool IsLanguage(ReportDocument doc, Mention m) =>
        m.Kind == MentionKind.Demonym
        && doc.Index.LanguageSuffixes.StartsAt(doc.Text, m.End, Math.Min(doc.Text.Length, m.End + 20), out _);

    /// <summary>"Beijing time", "Moscow Standard Time": a clock the operators kept, not a place in the network's story.</summary>
    private static bool IsTimeZone(ReportDocument doc, Mention m)
    {
        if (m.Kind != MentionKind.Country)
            return false;
        var text = doc.Text;
        var limit = Math.Min(text.Length, m.End + 20);
        var next = TextScan.SkipSpaces(text, m.End, limit);
        return next > m.End && TimeWords.StartsAt(text, next, limit, out var end) && (end >= text.Length || !char.IsLetter(text[end]));
    }

    private static readonly PhraseList TimeWords = new(["time", "standard time", "summer time"]);

    /// <summary>"pro-Chinese", "anti-Western": a stance, not a place.</summary>
    private static bool IsProOrAnti(ReportDocument doc, Mention m) =>
        m.Start > 1 && doc.Text[m.Start - 1] == '-' && ProOrAnti.EndsAt(doc.Text, m.Start - 1, Math.Max(0, m.Start - 6), out _);

    /// <summary>
    /// A place adjective describing a thing rather than people: "African elections", "Venezuelan politics".
    /// It names an audience before an audience or actor noun, a connector, or nothing at all.
    /// </summary>
    private static bool IsTopic(ReportDocument doc, ReadOnlySpan<Mention> mentions, Mention m, int limit)
    {
        var text = doc.Text;
        var after = EndOfPlaceList(doc, mentions, m, m.End);
        var next = TextScan.SkipSpaces(text, after, limit);
        foreach (var p in mentions)
        {
            if (p.Start == next && p.Kind == MentionKind.Platform)
                next = TextScan.SkipSpaces(text, p.End, limit); // "Russian Facebook users"
        }
        if (next >= limit || !char.IsLetter(text[next]) || next > after + 1 && text[after] != ' ')
            return false;
        var index = doc.Index;
        return !(index.AudienceNouns.StartsAt(text, next, limit, out _) || index.OriginNouns.StartsAt(text, next, limit, out _)
            || index.PlaceConnectors.StartsAt(text, next, limit, out _) || NetworkAfterModifiers(doc, next, limit));
    }

    /// <summary>
    /// A network or seated operator noun at <paramref name="pos"/> or after at most <see cref="MaxModifiers"/> lower-case
    /// modifiers: "spam network", "state-backed influence operation", "political consulting firm".
    /// </summary>
    private static bool NetworkAfterModifiers(ReportDocument doc, int pos, int limit)
    {
        var text = doc.Text;
        for (var words = 0; ; words++)
        {
            if (NetworkHeads.StartsAt(text, pos, limit, out var end) && (end >= limit || !char.IsLetter(text[end])))
                return true;
            if (doc.Index.SeatedOperatorNouns.StartsAt(text, pos, limit, out end) && (end >= limit || !char.IsLetter(text[end])))
                return true; // "an Israeli political consulting firm"
            if (words == MaxModifiers || pos >= limit || !char.IsLower(text[pos]))
                return false;
            var after = pos;
            while (after < limit && (char.IsLower(text[after]) || text[after] == '-'))
                after++;
            if (after >= limit || text[after] != ' ')
                return false;
            pos = TextScan.SkipSpaces(text, after, limit);
        }
    }

    /// <summary>
    /// No cue governs the place: "Russia-based", "Iran-linked" make an origin; a demonym before an actor
    /// noun ("Iranian state media", "a Russian network") an origin; before an audience noun a target.
    /// </summary>
    /// <param name="isObject"><see cref="IsObject"/> of the place where already asked, else null.</param>
    private static Role RoleFromWordsAround(ReportDocument doc, Mention m, ReadOnlySpan<Mention> mentions, bool? isObject)
    {
        var text = doc.Text;
        var index = doc.Index;
        var limit = Math.Min(text.Length, m.End + 40);
        if (m.Kind is MentionKind.Country or MentionKind.Demonym && index.OriginSuffixes.StartsAt(text, m.End, limit, out _))
            return Role.Origin;
        var after = m.End;
        if (m.Kind == MentionKind.Country && after + 2 <= text.Length && text[after] is '\'' or '’' && text[after + 1] == 's')
            after += 2; // "Russia's military intelligence", "Iran's state broadcaster"
        else if (!m.IsAdjective)
            return Role.None;
        after = EndOfPlaceList(doc, mentions, m, after);
        var wordStart = TextScan.SkipSpaces(text, after, limit);
        if (m.Kind != MentionKind.RegionAdjective && !(isObject ?? IsObject(doc, m))
            && (index.OriginNouns.StartsAt(text, wordStart, limit, out _) || ActorStartsAt(mentions, wordStart)
                || m.IsAdjective && NetworkAfterModifiers(doc, wordStart, limit)))
            return IsLongAdjectiveList(doc, mentions, m) ? Role.None : Role.Origin;
        if (m.IsAdjective && index.AudienceNouns.StartsAt(text, wordStart, limit, out _))
            return Role.Target;
        return Role.None;
    }

    /// <summary>"a U.S. PR firm", "an Israeli marketing company": a country or demonym right before an operator noun.</summary>
    /// <param name="isObject">Whether the place is an object (<see cref="IsObject"/>), where this asked; else null.</param>
    private static bool IsOperatorsCountry(ReportDocument doc, Mention m, int limit, out bool? isObject)
    {
        isObject = null;
        if (m.Kind is not (MentionKind.Country or MentionKind.Demonym))
            return false;
        isObject = IsObject(doc, m);
        if (isObject.Value)
            return false;
        var next = TextScan.SkipSpaces(doc.Text, m.End, limit);
        return next > m.End && doc.Index.OperatorNouns.StartsAt(doc.Text, next, limit, out _);
    }

    /// <summary>
    /// "a troll farm in Albania", "a marketing firm in Tel Aviv": a place after "in" that follows a noun for an
    /// operator with premises (a firm, a troll farm) is where the network was run. Not "an influence campaign in
    /// Moldova", where "in" names the arena.
    /// </summary>
    private static bool IsOperatorsSeat(ReportDocument doc, Mention m, int sentenceStart)
    {
        if (m.Kind is not MentionKind.Country)
            return false;
        var text = doc.Text;
        var limit = Math.Max(sentenceStart, m.Start - 40);
        var end = TextScan.SkipSpacesBack(text, m.Start, limit);
        if (Articles.EndsAt(text, end, limit, out var articleStart))
            end = TextScan.SkipSpacesBack(text, articleStart, limit);
        if (!In.EndsAt(text, end, limit, out var inStart))
            return false;
        var nounEnd = TextScan.SkipSpacesBack(text, inStart, limit);
        return nounEnd < inStart && doc.Index.SeatedOperatorNouns.EndsAt(text, nounEnd, limit, out _);
    }

    private static readonly PhraseList In = new(["in"]);

    /// <summary>"advice to the Bolivian government", "criticism of Iranian officials": the place is an object, not a source.</summary>
    private static bool IsObject(ReportDocument doc, Mention m)
    {
        var text = doc.Text;
        var limit = Math.Max(0, m.Start - 20);
        var end = TextScan.SkipSpacesBack(text, m.Start, limit);
        if (Articles.EndsAt(text, end, limit, out var articleStart))
            end = articleStart;
        return doc.Index.ObjectPrepositions.EndsAt(text, end, limit, out _);
    }

    private static readonly PhraseList Articles = new(["the", "a", "an"]);

    /// <summary>"Israeli and American audiences": the noun after a list of adjectives applies to each.</summary>
    private static int EndOfPlaceList(ReportDocument doc, ReadOnlySpan<Mention> mentions, Mention m, int after)
    {
        var end = after;
        var seen = false;
        foreach (var next in mentions)
        {
            if (!seen)
            {
                seen = next == m;
                continue;
            }
            if (!next.IsAdjective || next.Start < end)
                continue;
            var gap = doc.Text.AsSpan(end, next.Start - end).Trim();
            if (!IsListSeparator(gap))
                break;
            end = next.End;
        }
        return end;
    }

    /// <summary>
    /// "Russian, Chinese, Iranian and Israeli groups": three or more origins in one list are a round-up of
    /// several networks, as with a cue's list (see <see cref="FlushChain"/>), not one network's origin.
    /// </summary>
    private static bool IsLongAdjectiveList(ReportDocument doc, ReadOnlySpan<Mention> mentions, Mention m)
    {
        var at = mentions.IndexOf(m);
        var size = 1;
        for (var j = at - 1; j >= 0 && size < 3; j--)
        {
            var before = mentions[j];
            if (!before.IsAdjective || !IsListSeparator(doc.Text.AsSpan(before.End, mentions[j + 1].Start - before.End).Trim()))
                break;
            size++;
        }
        for (var j = at + 1; j < mentions.Length && size < 3; j++)
        {
            var next = mentions[j];
            if (!next.IsAdjective || !IsListSeparator(doc.Text.AsSpan(mentions[j - 1].End, next.Start - mentions[j - 1].End).Trim()))
                break;
            size++;
        }
        return size >= 3;
    }

    private static bool ActorStartsAt(ReadOnlySpan<Mention> mentions, int pos)
    {
        foreach (var m in mentions)
        {
            if (m.Kind == MentionKind.Actor && m.Start == pos)
                return true;
        }
        return false;
    }
}
