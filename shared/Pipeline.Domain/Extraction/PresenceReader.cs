namespace Pipeline.Domain.Extraction;

/// <summary>
/// Which platforms removed the network's assets, with or without a figure: "OpenAI banned the accounts",
/// "YouTube terminated channels linked to …", "Blogger blogs were removed", "we terminated the accounts" in a
/// platform's own report. A platform only named in a removal sentence as where content went ("banned accounts that
/// posted on X") is not present: it must be the remover (named before the removal verb), own the removed assets
/// ("Facebook and Instagram accounts", "accounts and Pages on Facebook"), or be fixed by the asset word ("blogs").
/// Sentences about earlier takedowns (by cue or set in an earlier year), other networks or assets found but not removed
/// are left out.
/// </summary>
internal static class PresenceReader
{
    private const SentenceFlags NotThisRemoval =
        SentenceFlags.Historical | SentenceFlags.SeparateNetwork | SentenceFlags.Comparison | SentenceFlags.NotRemoved;

    /// <summary>"we" this far before the removal verb makes the removal the reporting platform's own: "we have banned".</summary>
    private const int FirstPersonReach = 25;

    private static readonly PhraseList OwnerPrepositions = new(["on", "across", "from"]);
    private static readonly PhraseList FirstPerson = new(["we"]);

    public static FindingSet Read(ReportDocument doc)
    {
        var found = new FindingSet();
        for (var s = 0; s < doc.Sentences.Count; s++)
        {
            if (!doc.Has(s, SentenceFlags.Takedown) || doc.Has(s, NotThisRemoval) || !TakedownClassifier.HasRemover(doc, s)
                || !TakedownClassifier.RemovesAssets(doc, s) || TakedownClassifier.DoneRemovalAt(doc, s) is not { } cue
                || CountReader.IsSetInEarlierYear(doc, s))
                continue;
            ReadSentence(doc, s, cue, found);
        }
        return found;
    }

    private static void ReadSentence(ReportDocument doc, int s, Mention cue, FindingSet found)
    {
        var mentions = doc.MentionsIn(s);
        var named = false;
        var hint = -1;
        for (var i = 0; i < mentions.Length; i++)
        {
            var m = mentions[i];
            switch (m.Kind)
            {
                case MentionKind.Platform:
                    if (m.Start < cue.Start || OwnsAssets(doc, mentions, i))
                    {
                        found.Add(doc.Index.Platforms[m.Id].Key, s);
                        named = true;
                    }
                    break;
                case MentionKind.PlatformHint when m.Start < cue.Start && hint < 0:
                    hint = m.Id; // "Meta said it removed …", "Google terminated …"
                    break;
                case MentionKind.Asset when doc.Index.AssetWords[m.Id] is { Platform: { } fixedPlatform, OnlyWhenRemoved: false }
                    && IsPlural(doc, m):
                    // "Blogger blogs", "Ads accounts"; not "domains" (blocked domains are no platform's), nor the
                    // singular of "in a blog post": assets removed without a figure are named in the plural
                    found.Add(fixedPlatform, s);
                    named = true;
                    break;
            }
        }
        if (named || SentenceNamesPlatform(mentions))
            return;
        if (hint >= 0)
            found.Add(doc.Index.Platforms[hint].Key, s);
        else if (Publisher(doc) is >= 0 and var own && IsFirstPerson(doc, s, cue))
            found.Add(doc.Index.Platforms[own].Key, s);
    }

    /// <summary>Platform reports name their publisher in the title or byline ("**OpenAI · August 16, 2024**").</summary>
    private const int BylineReach = 300;

    /// <summary>
    /// Who "we" is in a platform's own report: the platform or company named first in its title and byline, else the
    /// platform the report names most. (The most named one can be where the operation posted, not who removed it.)
    /// </summary>
    private static int Publisher(ReportDocument doc)
    {
        foreach (var m in doc.MentionsBetween(0, Math.Min(doc.Text.Length, BylineReach)))
        {
            if (m.Kind is MentionKind.Platform or MentionKind.PlatformHint)
                return m.Id;
        }
        return doc.ReportingPlatform;
    }

    private static bool IsPlural(ReportDocument doc, Mention m) => doc.Text[m.End - 1] is 's' or 'S';

    private static bool SentenceNamesPlatform(ReadOnlySpan<Mention> mentions)
    {
        foreach (var m in mentions)
        {
            if (m.Kind == MentionKind.Platform)
                return true;
        }
        return false;
    }

    /// <summary>"we terminated", "we have banned", "we then disrupted": a first-person removal.</summary>
    private static bool IsFirstPerson(ReportDocument doc, int s, Mention cue)
    {
        var from = Math.Max(doc.Sentences[s].Start, cue.Start - FirstPersonReach);
        return FirstPerson.OccursIn(doc.Text, from, cue.Start);
    }

    /// <summary>
    /// The platform whose assets were removed: one before an asset word, across a list of platforms ("Facebook and
    /// Instagram accounts"), or one after an asset list and "on"/"across"/"from" ("accounts, groups and pages on Facebook").
    /// </summary>
    private static bool OwnsAssets(ReportDocument doc, ReadOnlySpan<Mention> mentions, int i)
    {
        var text = doc.Text;
        var j = i;
        while (Next(mentions, j) is var n and >= 0 && mentions[n].Kind == MentionKind.Platform && Joined(text, mentions[j].End, mentions[n].Start))
            j = n;
        if (Next(mentions, j) is var asset and >= 0 && mentions[asset].Kind == MentionKind.Asset && mentions[asset].Start >= mentions[j].End
            && text.AsSpan(mentions[j].End, mentions[asset].Start - mentions[j].End).IsWhiteSpace())
            return true;
        var k = i;
        while (Previous(mentions, k) is var p and >= 0 && mentions[p].Kind == MentionKind.Platform && Joined(text, mentions[p].End, mentions[k].Start))
            k = p;
        if (Previous(mentions, k) is not (var before and >= 0) || mentions[before].Kind != MentionKind.Asset || mentions[before].End > mentions[k].Start)
            return false;
        var gapStart = TextScan.SkipSpaces(text, mentions[before].End, mentions[k].Start);
        return OwnerPrepositions.StartsAt(text, gapStart, mentions[k].Start, out var end)
            && text.AsSpan(end, mentions[k].Start - end).IsWhiteSpace();
    }

    /// <summary>The next platform, asset or place mention after mention <paramref name="i"/> (cues and tactic terms overlap them), or -1.</summary>
    private static int Next(ReadOnlySpan<Mention> mentions, int i)
    {
        for (var n = i + 1; n < mentions.Length; n++)
        {
            if (mentions[n].Kind is not (MentionKind.Cue or MentionKind.TacticTerm))
                return n;
        }
        return -1;
    }

    private static int Previous(ReadOnlySpan<Mention> mentions, int i)
    {
        for (var p = i - 1; p >= 0; p--)
        {
            if (mentions[p].Kind is not (MentionKind.Cue or MentionKind.TacticTerm))
                return p;
        }
        return -1;
    }

    private static bool Joined(string text, int end, int start)
    {
        if (start < end)
            return false; // overlapping matches
        var gap = text.AsSpan(end, start - end).Trim();
        return gap.IsEmpty || gap is "," or "and" or ", and" or "&" or "/" or "or";
    }
}
