namespace Pipeline.Domain.Extraction;

/// <summary>
/// Picks the platform a figure belongs to when the words next to it do not say: the nearest platform
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
            if (m.Kind != MentionKind.Platform)
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
}
