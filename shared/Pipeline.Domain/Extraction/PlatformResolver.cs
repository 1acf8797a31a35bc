namespace Pipeline.Domain.Extraction;

/// <summary>
/// Picks the platform a figure belongs to when no platform stands between the number and its asset word:
/// one named right after the figure or its list ("… and one Group on Facebook"), else the nearest platform
/// named before it in the sentence that has that kind of asset, then one named after it, then the asset
/// word's default ("Pages" → facebook), then the platform the report is about.
/// </summary>
internal static class PlatformResolver
{
    public static string Nearest(
        ReportDocument doc, int s, ReadOnlySpan<Mention> mentions, int first, int last, int numberStart, string kind,
        string? defaultPlatform)
    {
        var platforms = doc.Index.Platforms;
        for (var j = first - 1; j >= 0; j--)
        {
            var m = mentions[j];
            if (m.Kind == MentionKind.Platform && m.End <= numberStart && platforms[m.Id].AssetKinds.Contains(kind))
                return platforms[FirstOfPair(doc, mentions, j, kind)].Key;
        }
        for (var j = last + 1; j < mentions.Length; j++)
        {
            var m = mentions[j];
            if (m.Kind == MentionKind.Asset)
                break; // a later platform belongs to the next figure
            if (m.Kind == MentionKind.Platform && platforms[m.Id].AssetKinds.Contains(kind))
                return platforms[m.Id].Key;
        }
        if (defaultPlatform is not null)
            return defaultPlatform;
        if (PreviousSentencePlatform(doc, s, kind) is { } previous)
            return previous;
        if (doc.ReportingPlatform >= 0 && platforms[doc.ReportingPlatform].AssetKinds.Contains(kind))
            return platforms[doc.ReportingPlatform].Key;
        return "other";
    }

    /// <summary>
    /// "Facebook and Instagram removed 50 accounts": a figure for a pair of platforms goes to the first one
    /// (Meta files such totals under Facebook).
    /// </summary>
    private static int FirstOfPair(ReportDocument doc, ReadOnlySpan<Mention> mentions, int j, string kind)
    {
        var chosen = mentions[j].Id;
        for (var k = j - 1; k >= 0; k--)
        {
            var m = mentions[k];
            // Another reading of the same words ("YouTube" is also a Google property) is not a pair.
            if (m.Kind != MentionKind.Platform || m.End > mentions[j].Start)
                continue;
            var gap = doc.Text.AsSpan(m.End, mentions[j].Start - m.End).Trim();
            if (gap is not ("and" or "&" or "," or "or") || !doc.Index.Platforms[m.Id].AssetKinds.Contains(kind))
                break;
            chosen = m.Id;
            j = k;
        }
        return chosen;
    }

    /// <summary>A platform named in the sentence just before: "On Twitter … . The operation ran 20 accounts."</summary>
    private static string? PreviousSentencePlatform(ReportDocument doc, int s, string kind)
    {
        if (s == 0)
            return null;
        var mentions = doc.MentionsIn(s - 1);
        for (var j = mentions.Length - 1; j >= 0; j--)
        {
            var m = mentions[j];
            if (m.Kind == MentionKind.Platform && doc.Index.Platforms[m.Id].AssetKinds.Contains(kind))
                return doc.Index.Platforms[m.Id].Key;
        }
        return null;
    }

    private static readonly PhraseList PlacePrepositions = new(["on", "across", "from", "in", "via", "at"]);
    private static readonly PhraseList ListJoiners = new([",", "and", ", and", "as well as", ", as well as", "plus", "along with"]);

    /// <summary>
    /// "50 accounts on Instagram", "1,633 accounts, 703 Pages and one Group on Facebook": the platform named
    /// after the figure, or after the run of figures it opens. Only a platform that has the figure's kind of
    /// asset: in "14 Pages and 9 Groups, and 5 accounts on Instagram" the Pages and Groups are not Instagram's.
    /// </summary>
    public static string? AfterList(ReportDocument doc, ReadOnlySpan<Mention> mentions, int lastListed, int listEnd, string kind)
    {
        var text = doc.Text;
        var limit = doc.Sentences[doc.SentenceAt(listEnd - 1)].End;
        var pos = listEnd;
        var j = lastListed + 1;
        while (true)
        {
            var at = TextScan.SkipSpaces(text, pos, limit);
            if (PlacePrepositions.StartsAt(text, at, Math.Min(limit, at + 8), out var prepEnd))
            {
                foreach (var m in mentions[j..])
                {
                    if (m.Start < prepEnd)
                        continue;
                    if (m.Start - prepEnd <= 5 && m.Kind == MentionKind.Platform)
                        return doc.Index.Platforms[m.Id].AssetKinds.Contains(kind) ? doc.Index.Platforms[m.Id].Key : null;
                    break;
                }
                return null;
            }
            // Step over ", 703 Pages" / "and one Group" to reach a shared "on Facebook".
            if (!ListJoiners.StartsAt(text, at, limit, out var joinEnd))
                return null;
            while (j < mentions.Length && mentions[j].Kind != MentionKind.Asset)
                j++;
            if (j >= mentions.Length || !NumberReader.TryReadBefore(text, mentions[j].Start, joinEnd, out _, out var numberStart)
                || TextScan.SkipSpaces(text, joinEnd, limit) != numberStart)
                return null;
            pos = mentions[j].End;
            j++;
        }
    }
}
