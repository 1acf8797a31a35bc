using System.Globalization;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// Reads advertising spend in US dollars ("about $480 in spending for ads", "US$1.2 million on ads").
/// Other currencies are skipped rather than converted; sums of money that are not ad spend (revenue,
/// fines) are ignored.
/// </summary>
internal static class SpendReader
{
    public static bool MayHaveSpend(ReportDocument doc, int s) => doc.Has(s, SentenceFlags.Money);

    public static void Read(ReportDocument doc, int s, ReadOnlySpan<Mention> mentions, List<TakedownCount> counts)
    {
        var sentence = doc.Sentences[s];
        var lex = doc.Index.Lexicon;
        if (!doc.Index.Spend.OccursIn(doc.Text, sentence.Start, sentence.End)
            || doc.Index.NotSpend.OccursIn(doc.Text, sentence.Start, sentence.End))
            return;
        foreach (var match in TextPatterns.UsDollars().EnumerateMatches(doc.Text.AsSpan(sentence.Start, sentence.Length)))
        {
            var m = TextPatterns.UsDollars().Match(doc.Text, sentence.Start + match.Index, match.Length);
            if (!TryAmount(m.Groups["n"].Value, m.Groups["mult"].Value, out var amount))
                continue;
            var platform = NearestPlatform(doc, mentions, m.Index, m.Index + m.Length);
            CountReader.Add(counts, new TakedownCount(platform, "ads_spend_usd", amount, doc.EvidenceFor(s)));
        }
    }

    private static bool TryAmount(string number, string multiplier, out long amount)
    {
        amount = 0;
        if (!decimal.TryParse(number.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return false;
        value *= multiplier.ToLowerInvariant() switch
        {
            "thousand" or "k" => 1_000m,
            "million" or "m" => 1_000_000m,
            "billion" => 1_000_000_000m,
            _ => 1m,
        };
        amount = (long)Math.Round(value);
        return amount > 0;
    }

    /// <summary>The platform named closest to the amount that runs ads, else the reporting platform.</summary>
    private static string NearestPlatform(ReportDocument doc, ReadOnlySpan<Mention> mentions, int start, int end)
    {
        var best = -1;
        var bestDistance = int.MaxValue;
        foreach (var m in mentions)
        {
            if (m.Kind != MentionKind.Platform || !doc.Index.Platforms[m.Id].AssetKinds.Contains("ads_spend_usd"))
                continue;
            var distance = m.Start >= end ? m.Start - end : start - m.End;
            if (Math.Abs(distance) < bestDistance)
                (best, bestDistance) = (m.Id, Math.Abs(distance));
        }
        if (best >= 0)
            return doc.Index.Platforms[best].Key;
        return doc.ReportingPlatform >= 0 ? doc.Index.Platforms[doc.ReportingPlatform].Key : "facebook";
    }
}
