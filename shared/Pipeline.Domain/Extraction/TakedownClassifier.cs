using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// Decides whether a text reports a takedown at all. Op-eds, earnings notes and explainers talk about
/// removals in general ("when Facebook removes a network …", "it has removed another batch of fake
/// accounts"); a report gives a figure, or says in the past or present tense that a platform or authority
/// removed a network's assets and says whose network it was: where it came from or who ran it (an origin,
/// an attributed actor) or what it is called (a named operation).
/// </summary>
internal static class TakedownClassifier
{
    public static bool Describes(ReportDocument doc, List<TakedownCount> counts, PlaceFindings places, NameFindings names)
    {
        if (counts.Any(c => c.AssetKind is not ("followers" or "ads_spend_usd")))
            return true;
        // Without a figure, the network must be identified somewhere in the report (not in another network's passage).
        if (!places.Origins.Any(doc) && !names.Operations.Any(doc) && !names.Actors.Any(doc))
            return false;
        for (var s = 0; s < doc.Sentences.Count; s++)
        {
            if (doc.Has(s, SentenceFlags.Takedown) && !doc.Has(s, NotThisTakedown) && HasRemover(doc, s) && HasDoneRemoval(doc, s)
                && RemovesAssets(doc, s))
                return true;
        }
        return false;
    }

    /// <summary>The removal is of a network's assets: "removed the network", "suspended 5 accounts", "took down Doppelganger".</summary>
    public static bool RemovesAssets(ReportDocument doc, int s) => doc.Remember(s, SentenceFact.RemovesAssets, ReadRemovesAssets);

    private static bool ReadRemovesAssets(ReportDocument doc, int s)
    {
        if (doc.HasAny(s, ReportDocument.KindBit(MentionKind.Asset) | ReportDocument.KindBit(MentionKind.Operation)))
            return true;
        var sentence = doc.Sentences[s];
        return doc.Index.NetworkNouns.OccursIn(doc.Text, sentence.Start, sentence.End);
    }

    /// <summary>"removed", "took down", "are banning": a removal done or under way, not "removes" in general.</summary>
    private static bool HasDoneRemoval(ReportDocument doc, int s) => DoneRemovalAt(doc, s) is not null;

    /// <summary>The first cue of a removal done or under way in the sentence, if any.</summary>
    public static Mention? DoneRemovalAt(ReportDocument doc, int s)
    {
        foreach (var m in doc.MentionsIn(s))
        {
            if (m.Kind != MentionKind.Cue || m.Cue != CueKind.Takedown)
                continue;
            var cue = doc.Text.AsSpan(m.Start, m.Length);
            if (cue.EndsWith("ed", StringComparison.OrdinalIgnoreCase) || cue.EndsWith("ing", StringComparison.OrdinalIgnoreCase)
                || cue.StartsWith("took", StringComparison.OrdinalIgnoreCase) || cue.StartsWith("taken", StringComparison.OrdinalIgnoreCase)
                || cue.EndsWith("off", StringComparison.OrdinalIgnoreCase) || cue.StartsWith("shut", StringComparison.OrdinalIgnoreCase)
                || cue.Contains("takedown", StringComparison.OrdinalIgnoreCase) || cue.StartsWith("disruption", StringComparison.OrdinalIgnoreCase)
                || cue.StartsWith("removal", StringComparison.OrdinalIgnoreCase) || cue.StartsWith("suspension", StringComparison.OrdinalIgnoreCase))
                return m;
        }
        return null;
    }

    private const SentenceFlags NotThisTakedown =
        SentenceFlags.Historical | SentenceFlags.SeparateNetwork | SentenceFlags.OtherNetwork | SentenceFlags.Comparison;

    /// <summary>
    /// A removal by a platform or an authority ("Facebook removed", "we suspended", "the Justice Department
    /// seized"), not the operators deleting their own posts.
    /// </summary>
    public static bool HasRemover(ReportDocument doc, int s) => doc.Remember(s, SentenceFact.HasRemover, ReadHasRemover);

    private static bool ReadHasRemover(ReportDocument doc, int s)
    {
        if (doc.HasAny(s, ReportDocument.KindBit(MentionKind.Platform) | ReportDocument.KindBit(MentionKind.PlatformHint)))
            return true;
        var sentence = doc.Sentences[s];
        return doc.Index.Removers.OccursIn(doc.Text, sentence.Start, sentence.End);
    }
}
