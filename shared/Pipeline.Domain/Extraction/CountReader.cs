using System.Buffers;
using System.Text.RegularExpressions;
using Pipeline.Domain.Knowledge;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// Reads how many assets of each kind each platform removed: "7,704 Facebook accounts, 954 Pages",
/// "652 Pages, groups and accounts" (an unsplit total), "about 14,000 accounts followed these Pages"
/// (followers), "about $480 in spending for ads" (ad spend), table rows. Sentences about earlier
/// takedowns, other networks, report-wide totals or amplifier sets are skipped.
/// </summary>
internal static class CountReader
{
    /// <summary>Larger figures are platform-wide enforcement statistics, not one network.</summary>
    private const long MaxAssetsInOneNetwork = 10_000_000;

    private const SentenceFlags NotThisTakedown =
        SentenceFlags.Historical | SentenceFlags.SeparateNetwork | SentenceFlags.Comparison;

    private static readonly PhraseList FollowerFillers = new(["who", "that", "which", "had", "have", "has", "also", "collectively", "together"]);
    private static readonly PhraseList OfWord = new(["of"]);
    private static readonly string[] ListSeparators = [",", "and", "or", "&", "/", ", and", ", or", "and/or"];
    private const int MaxListSeparatorLength = 6; // "and/or"

    public static List<TakedownCount> Read(ReportDocument doc)
    {
        var counts = new List<TakedownCount>();
        for (var s = 0; s < doc.Sentences.Count; s++)
        {
            if (doc.Has(s, NotThisTakedown))
                continue;
            var hasAsset = doc.HasAny(s, ReportDocument.KindBit(MentionKind.Asset));
            var hasMoney = SpendReader.MayHaveSpend(doc, s);
            if ((!hasAsset && !hasMoney) || IsNotThisNetworksFigure(doc, s))
                continue;
            var mentions = doc.MentionsIn(s);
            var crossPlatform = doc.Has(s, SentenceFlags.CrossPlatform);
            for (var i = 0; hasAsset && i < mentions.Length; i++)
            {
                if (mentions[i].Kind != MentionKind.Asset)
                    continue;
                if (TryAssetCount(doc, s, mentions, i, out var count, out var lastListed) && !(crossPlatform && count.AssetKind == "followers"))
                    Add(counts, count);
                i = Math.Max(i, lastListed);
            }
            if (hasAsset && !crossPlatform)
                ReadBareFollowers(doc, s, mentions, counts);
            if (hasMoney)
                SpendReader.Read(doc, s, mentions, counts);
        }
        TableReader.Read(doc, counts);
        return counts;
    }

    internal static void Add(List<TakedownCount> counts, TakedownCount count)
    {
        foreach (var c in counts)
        {
            if (c.Platform == count.Platform && c.AssetKind == count.AssetKind && c.Count == count.Count)
                return;
        }
        counts.Add(count);
    }

    /// <summary>
    /// Figures that are not this network's removal: a takedown set in an earlier year, a report-wide tally
    /// ("15 operations and 3,001 accounts"), an amplifier set beside the core network ("a spammier set of
    /// about 200,000 accounts"), or accounts found rather than removed ("we identified a dozen accounts").
    /// </summary>
    private static bool IsNotThisNetworksFigure(ReportDocument doc, int s)
    {
        var sentence = doc.Sentences[s];
        var text = doc.Text;
        var takedown = doc.Has(s, SentenceFlags.Takedown);
        return doc.Has(s, SentenceFlags.AuxiliarySet)
            || (!takedown && doc.Has(s, SentenceFlags.NotRemoved))
            || (takedown && IsSetInEarlierYear(doc, s))
            || IsOperationTally(text.AsSpan(sentence.Start, sentence.Length));
    }

    /// <summary>The plural nouns a tally ends with: one search for all three before the pattern runs.</summary>
    private static readonly SearchValues<string> TallyNouns =
        SearchValues.Create(["operations", "networks", "campaigns"], StringComparison.OrdinalIgnoreCase);

    private static bool IsOperationTally(ReadOnlySpan<char> span) =>
        span.IndexOfAny(TallyNouns) >= 0 && TextPatterns.OperationTally().IsMatch(span);

    private static bool TryAssetCount(
        ReportDocument doc, int s, ReadOnlySpan<Mention> mentions, int i, out TakedownCount count, out int lastListed)
    {
        count = null!;
        lastListed = i;
        var text = doc.Text;
        var sentence = doc.Sentences[s];
        var asset = doc.Index.AssetWords[mentions[i].Id];

        var listEnd = UnsplitListEnd(doc, mentions, i, out lastListed);
        if (IsMembership(doc, listEnd, sentence.End))
            return false; // "5,500 accounts (had) joined these Groups": members, not removed assets nor followers
        var followerVerbEnd = FollowerVerbEnd(doc, listEnd, sentence.End);
        if ((asset.RequiresFollowerVerb && followerVerbEnd < 0) || !IsTakedownContext(doc, s, mentions, mentions[i], followerVerbEnd >= 0))
            return false;

        var platformBetween = -1;
        if (!TryNumberBefore(doc, mentions, i, sentence.Start, out var value, out var numberStart, ref platformBetween)
            && !TryLabelledNumber(doc, mentions[i], sentence, out value, out numberStart))
            return false;

        var kind = lastListed > i ? "assets" : asset.Kind;
        var followedBy = doc.Index.FollowedBy.EndsAt(text, numberStart, sentence.Start, out _)
            || EndsWithApproximation(doc, numberStart, sentence.Start, doc.Index.FollowedBy);
        if (followerVerbEnd >= 0 || followedBy)
            kind = "followers";
        if (kind != "followers" && value > MaxAssetsInOneNetwork)
            return false;

        var platform = kind == "followers" && followerVerbEnd >= 0
            ? FollowedPlatform(doc, mentions, i, followerVerbEnd, sentence.End) ?? Resolve(doc, s, mentions, i, lastListed, asset, kind, platformBetween, numberStart, listEnd)
            : Resolve(doc, s, mentions, i, lastListed, asset, kind, platformBetween, numberStart, listEnd);
        count = new TakedownCount(platform, kind, value, doc.EvidenceFor(s));
        return true;
    }

    /// <summary>"more than 55,000 followed one or more of the Instagram accounts": followers with the asset word left out.</summary>
    private static void ReadBareFollowers(ReportDocument doc, int s, ReadOnlySpan<Mention> mentions, List<TakedownCount> counts)
    {
        var text = doc.Text;
        var sentence = doc.Sentences[s];
        foreach (var verb in mentions)
        {
            if (verb.Kind != MentionKind.Cue || verb.Cue != CueKind.FollowerVerb)
                continue;
            if (NumberReader.TryReadBefore(text, verb.Start, sentence.Start, out var value, out var numberStart)
                && IsCountNumber(doc, numberStart, TextScan.SkipSpacesBack(text, verb.Start, sentence.Start), sentence.Start, modifiers: 0)
                && FollowedPlatform(doc, mentions, -1, verb.End, sentence.End) is { } platform)
                Add(counts, new TakedownCount(platform, "followers", value, doc.EvidenceFor(s)));
        }
    }

    /// <summary>
    /// Counts come from sentences about platforms or removals: "Facebook removed 13 accounts", "Presence on
    /// Facebook: …", "7 Pages" (Meta's capitalised Pages), "14,000 accounts followed these Pages". A "270-page
    /// dossier", "450 pages of notes" or "two groups of accounts" is not one.
    /// </summary>
    private static bool IsTakedownContext(ReportDocument doc, int s, ReadOnlySpan<Mention> mentions, Mention asset, bool followed)
    {
        var text = doc.Text;
        var sentenceEnd = doc.Sentences[s].End;
        var label = asset.Start - LineStart(text, doc.Sentences[s].Start, asset.Start) <= 12;
        if (!label && OfWord.StartsAt(text, TextScan.SkipSpaces(text, asset.End, sentenceEnd), sentenceEnd, out _))
            return false;
        var takedown = doc.Has(s, SentenceFlags.Takedown);
        var word = doc.Index.AssetWords[asset.Id];
        if (word.OnlyWhenRemoved)
            return takedown;
        if (takedown || followed || word.Platform is not null)
            return true;
        foreach (var m in mentions)
        {
            if (m.Kind is MentionKind.Platform or MentionKind.PlatformHint || (m.Kind == MentionKind.Asset && char.IsUpper(text[m.Start])))
                return true;
        }
        // "The disruptions took place on Friday. The largest network had 78 accounts": the removal was just told.
        // Common nouns ("pages", "groups", "events") need more than that: "the dossier ran to 270 pages".
        return s > 0 && doc.Has(s - 1, SentenceFlags.Takedown) && word.Kind is "accounts" or "channels" or "followers";
    }

    /// <summary>"652 Pages, groups and accounts": the end of a list of asset words with no number between them.</summary>
    private static int UnsplitListEnd(ReportDocument doc, ReadOnlySpan<Mention> mentions, int i, out int lastListed)
    {
        lastListed = i;
        var end = mentions[i].End;
        var kind = doc.Index.AssetWords[mentions[i].Id].Kind;
        for (var j = i + 1; j < mentions.Length; j++)
        {
            var m = mentions[j];
            if (m.Kind != MentionKind.Asset)
                continue;
            var gap = doc.Text.AsSpan(end, m.Start - end).Trim();
            var next = doc.Index.AssetWords[m.Id];
            if (next.RequiresFollowerVerb || next.Kind == "followers" || !IsListSeparator(gap))
                break;
            if (next.Kind != kind || next.Platform is not null)
                lastListed = j;
            end = m.End;
        }
        return lastListed > i ? end : mentions[i].End;
    }

    private static bool IsListSeparator(ReadOnlySpan<char> gap)
    {
        if (gap.Length > MaxListSeparatorLength)
            return false; // most gaps between asset words are words of text, not a separator
        foreach (var sep in ListSeparators)
        {
            if (gap.Equals(sep, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>Walks back from the asset word over modifiers ("fake", "Facebook", "Iranian", "DRAGONBRIDGE") to a number.</summary>
    private static bool TryNumberBefore(
        ReportDocument doc, ReadOnlySpan<Mention> mentions, int i, int sentenceStart,
        out long value, out int numberStart, ref int platformBetween)
    {
        var text = doc.Text;
        var pos = mentions[i].Start;
        for (var modifiers = 0; modifiers <= 3; modifiers++)
        {
            var p = TextScan.SkipSpacesBack(text, pos, sentenceStart);
            if (MentionEndingAt(mentions, i, p) is { } m
                && m.Kind is MentionKind.Platform or MentionKind.Demonym or MentionKind.Country or MentionKind.Operation)
            {
                if (m.Kind == MentionKind.Platform && platformBetween < 0)
                    platformBetween = m.Id;
                pos = m.Start;
                continue;
            }
            if (platformBetween >= 0 && PlatformBeforeJoiner(doc, mentions, i, p, sentenceStart) is { } first)
            {
                // "265 Facebook and Instagram accounts": one figure for both; the first-named platform carries it
                platformBetween = first.Id;
                pos = first.Start;
                continue;
            }
            if (NumberReader.TryReadBefore(text, p, sentenceStart, out value, out numberStart))
                return IsCountNumber(doc, numberStart, p, sentenceStart, modifiers);
            var (ws, we) = TextScan.WordBefore(text, p, sentenceStart);
            if (ws == we || we != p || !IsModifier(doc, ws, we))
                break;
            pos = ws;
        }
        value = 0;
        numberStart = -1;
        return false;
    }

    /// <summary>A platform right before "and", "&amp;" or "/" that ends at <paramref name="p"/>: "Facebook and | Instagram".</summary>
    private static Mention? PlatformBeforeJoiner(ReportDocument doc, ReadOnlySpan<Mention> mentions, int i, int p, int sentenceStart)
    {
        var text = doc.Text;
        int joinerStart;
        if (p > sentenceStart && text[p - 1] is '&' or '/')
            joinerStart = p - 1;
        else
        {
            var (ws, we) = TextScan.WordBefore(text, p, sentenceStart);
            if (we != p || !text.AsSpan(ws, we - ws).Equals("and", StringComparison.OrdinalIgnoreCase))
                return null;
            joinerStart = ws;
        }
        var end = TextScan.SkipSpacesBack(text, joinerStart, sentenceStart);
        return MentionEndingAt(mentions, i, end) is { Kind: MentionKind.Platform } m ? m : null;
    }

    private static bool IsModifier(ReportDocument doc, int start, int end)
    {
        var word = doc.Text.AsSpan(start, end - start);
        if (word.Contains('-') && char.IsLetter(word[0]))
            return true; // "state-linked", "English-language", "newly-created"
        return doc.Index.CountModifiers.StartsAt(doc.Text, start, end, out var e) && e == end;
    }

    private static readonly PhraseList YearPrepositions = new(["in", "since", "of", "from", "during", "by", "until", "to", "through", "before", "after"]);

    /// <summary>Rejects numbers that are not counts: years ("in 2019 accounts"), money, hashtags.</summary>
    private static bool IsCountNumber(ReportDocument doc, int start, int end, int sentenceStart, int modifiers)
    {
        var text = doc.Text;
        if (start > 0 && text[start - 1] is '$' or '#' or '€' or '£' or '+' or '№')
            return false;
        var number = text.AsSpan(start, end - start).Trim();
        if (modifiers == 0 && number.Length == 4 && int.TryParse(number, out var y) && y is >= 1990 and <= 2039)
        {
            var (ws, we) = TextScan.WordBefore(text, start, sentenceStart);
            if (YearPrepositions.StartsAt(text, ws, we, out var e) && e == we)
                return false;
            if (DateReader.MonthNumber(text.AsSpan(ws, we - ws)) > 0)
                return false;
        }
        return true;
    }

    /// <summary>"Accounts in network: 120" — a labelled line that puts the figure after the asset word.</summary>
    private static bool TryLabelledNumber(ReportDocument doc, Mention asset, TextSpan sentence, out long value, out int numberStart)
    {
        value = 0;
        numberStart = -1;
        var text = doc.Text;
        var lineStart = LineStart(text, sentence.Start, asset.Start);
        var cellStart = lineStart + text.AsSpan(lineStart, asset.Start - lineStart).LastIndexOf('|') + 1;
        if (asset.Start - cellStart > 12)
            return false; // a label starts its line or cell: "Accounts: …", "Number of accounts: …"
        var pos = asset.End;
        if (doc.Index.CountLabels.StartsAt(text, TextScan.SkipSpaces(text, pos, sentence.End), sentence.End, out var labelEnd))
            pos = labelEnd;
        pos = TextScan.SkipSpaces(text, pos, sentence.End);
        if (pos >= sentence.End || text[pos] is not (':' or '|' or '–' or '—' or '-'))
            return false;
        pos = SkipApproximations(doc, pos + 1, sentence.End);
        numberStart = pos;
        if (!NumberReader.TryReadAfter(text, pos, sentence.End, out value, out var end))
            return false;
        // "Followers: About 560,000 accounts followed …": the figure has its own asset word; read it there.
        var next = TextScan.SkipSpaces(text, end, sentence.End);
        return next >= sentence.End || !char.IsLetter(text[next]);
    }

    /// <summary>Start of the line holding <paramref name="pos"/>, no earlier than the sentence start.</summary>
    private static int LineStart(string text, int sentenceStart, int pos) =>
        sentenceStart + text.AsSpan(sentenceStart, pos - sentenceStart).LastIndexOf('\n') + 1;

    internal static int SkipApproximations(ReportDocument doc, int pos, int limit)
    {
        var text = doc.Text;
        for (var n = 0; n < 3; n++)
        {
            pos = TextScan.SkipSpaces(text, pos, limit);
            if (!doc.Index.Approximations.StartsAt(text, pos, limit, out var end))
                break;
            pos = end;
        }
        return pos;
    }

    /// <summary>"followed by about 4,000 accounts": the follow cue may stand before an approximation.</summary>
    private static bool EndsWithApproximation(ReportDocument doc, int numberStart, int limit, PhraseList cues)
    {
        var text = doc.Text;
        return doc.Index.Approximations.EndsAt(text, numberStart, limit, out var approxStart)
            && cues.EndsAt(text, approxStart, limit, out _);
    }

    /// <summary>"accounts joined", "accounts had joined", "accounts that had joined": group members follow.</summary>
    private static bool IsMembership(ReportDocument doc, int pos, int limit)
    {
        var text = doc.Text;
        for (var n = 0; n < 3; n++)
        {
            pos = TextScan.SkipSpaces(text, pos, limit);
            if (doc.Index.MemberVerbs.StartsAt(text, pos, limit, out _))
                return true;
            if (!FollowerFillers.StartsAt(text, pos, limit, out var end))
                return false;
            pos = end;
        }
        return false;
    }

    /// <summary>End of "followed"/"joined" right after the asset words, or -1: "14,000 accounts followed …".</summary>
    private static int FollowerVerbEnd(ReportDocument doc, int pos, int limit)
    {
        var text = doc.Text;
        for (var n = 0; n < 3; n++)
        {
            pos = TextScan.SkipSpaces(text, pos, limit);
            if (doc.Index.FollowerVerbs.StartsAt(text, pos, limit, out var end))
                return end;
            if (!FollowerFillers.StartsAt(text, pos, limit, out end))
                return -1;
            pos = end;
        }
        return -1;
    }

    /// <summary>The platform of what was followed: "followed … these Instagram accounts" → instagram.</summary>
    private static string? FollowedPlatform(ReportDocument doc, ReadOnlySpan<Mention> mentions, int i, int from, int limit)
    {
        foreach (var m in mentions[(i + 1)..])
        {
            if (m.Start < from)
                continue;
            if (m.Start - from > 80)
                break;
            if (m.Kind == MentionKind.Platform)
                return doc.Index.Platforms[m.Id].Key;
            if (m.Kind == MentionKind.Asset && doc.Index.AssetWords[m.Id] is { } a && (a.Platform ?? a.DefaultPlatform) is { } p)
                return p;
        }
        return null;
    }

    private static Mention? MentionEndingAt(ReadOnlySpan<Mention> mentions, int before, int end)
    {
        for (var j = before - 1; j >= 0; j--)
        {
            if (mentions[j].End == end)
                return mentions[j];
            if (mentions[j].End < end - 40)
                break;
        }
        return null;
    }

    private static string Resolve(
        ReportDocument doc, int s, ReadOnlySpan<Mention> mentions, int i, int lastListed, AssetWord asset, string kind,
        int platformBetween, int numberStart, int listEnd)
    {
        if (asset.Platform is { } forced)
            return forced;
        if (platformBetween >= 0)
            return doc.Index.Platforms[platformBetween].Key;
        if (PlatformResolver.AfterList(doc, mentions, lastListed, listEnd, kind) is { } after)
            return after;
        return PlatformResolver.Nearest(doc, s, mentions, i, lastListed, numberStart, kind, asset.DefaultPlatform);
    }

    /// <summary>"In 2018, we removed …" in a 2020 report: an earlier takedown, not this one.</summary>
    internal static bool IsSetInEarlierYear(ReportDocument doc, int s) => doc.Remember(s, SentenceFact.SetInEarlierYear, ReadSetInEarlierYear);

    private static bool ReadSetInEarlierYear(ReportDocument doc, int s)
    {
        var sentence = doc.Sentences[s];
        var span = doc.Text.AsSpan(sentence.Start, sentence.Length);
        if (doc.Date is not { } date || (!span.Contains("19", StringComparison.Ordinal) && !span.Contains("20", StringComparison.Ordinal)))
            return false; // no year in it
        for (var m = TextPatterns.SetInYear().Match(doc.Text, sentence.Start, sentence.Length); m.Success; m = m.NextMatch())
        {
            var year = int.Parse(m.Groups["y"].ValueSpan);
            var month = m.Groups["mon"].Success ? DateReader.MonthNumber(m.Groups["mon"].ValueSpan) : 0;
            if (month > 0)
            {
                // "In November 2018, Facebook blocked …" in a January 2019 report: more than a month back is old news.
                if (date.DayNumber - new DateOnly(year, month, 1).AddMonths(1).DayNumber > 31)
                    return true;
            }
            else if (year < date.Year && !(date.Month <= 2 && year == date.Year - 1))
            {
                return true; // early in a year, last year's takedowns are still this report's news
            }
        }
        return false;
    }
}
