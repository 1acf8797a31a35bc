using Pipeline.Domain.Reports;

namespace Pipeline.Dedup.Tests.Support;

/// <summary>
/// Random reports that exercise every pair rule at once: close, rounded and contradicting counts, totals,
/// breakdowns, specific and generic actors, partners, regions, roundups, aliases and evidence text, so a
/// snapshot of their pair scores pins each reason's wording and order.
/// </summary>
public static class VariedReports
{
    private static readonly string[] Names =
    [
        "Spamouflage", "Spamouflage Dragon", "DRAGONBRIDGE", "Doppelganger", "Operation Overload", "Ghostwriter",
        "Endless Mayfly", "Secondary Infektion", "the Storm-1516 network", "Op Bad Grammar",
    ];
    private static readonly string[] Origins = ["RU", "CN", "IR", " ru", "IL"];
    private static readonly string[] Platforms = ["facebook", "instagram", "twitter", "youtube"];
    private static readonly string[] Assets = ["accounts", "pages", "groups", "channels", "assets", "followers", "events"];
    private static readonly long[] Numbers = [3, 4, 5, 7, 12, 35, 50, 74, 100, 120, 265, 284, 289, 290, 300, 600, 652, 945, 954, 1600, 1633, 2000, 1500000];
    private static readonly string[] Actors = ["IRA", "GRU", "Archimedes Group", "Iranian state media", "russian military intelligence"];
    private static readonly string[] Partners = ["Graphika", "DFRLab", "Stanford Internet Observatory"];
    private static readonly string[] Regions = ["Africa", "Latin America", "Middle East"];
    private static readonly string[] Words =
    [
        "network", "accounts", "posted", "about", "politics", "elections", "ukraine", "taiwan", "fake", "personas",
        "websites", "news", "amplify", "criticism", "government", "protests", "hong", "kong", "military", "covid",
    ];

    public static List<ExtractedReport> Pool(int seed, int count)
    {
        var rng = new Random(seed);
        var start = new DateOnly(2020, 1, 1);
        string[]? Pick(string[] from, double p, int max = 1) =>
            rng.NextDouble() < p ? Enumerable.Range(0, rng.Next(1, max + 1)).Select(_ => from[rng.Next(from.Length)]).ToArray() : null;
        return Enumerable.Range(0, count).Select(i =>
        {
            var platforms = Platforms.Take(rng.Next(1, 3)).ToArray();
            var figures = Enumerable.Range(0, rng.Next(0, 6))
                .Select(_ => $"{platforms[rng.Next(platforms.Length)]}.{Assets[rng.Next(Assets.Length)]}={Numbers[rng.Next(Numbers.Length)]}")
                .ToArray();
            var aliases = rng.NextDouble() < 0.1 ? new[] { (Names[rng.Next(Names.Length)], Names[rng.Next(Names.Length)]) } : null;
            var quote = rng.NextDouble() < 0.6 ? string.Join(' ', Enumerable.Range(0, 8).Select(_ => Words[rng.Next(Words.Length)])) : "";
            return Rpt.Make(
                $"var-{seed}-{i:D4}.txt",
                rng.NextDouble() < 0.9 ? start.AddDays(rng.Next(0, 120)).ToString("yyyy-MM-dd") : null,
                Pick(Origins, 0.85, 2), Pick(Names, 0.35, 4), figures,
                targets: Pick(["US", "GB", "DE"], 0.5, 2), regions: Pick(Regions, 0.2, 2), actors: Pick(Actors, 0.3, 2),
                partners: Pick(Partners, 0.25, 2), aliases: aliases, quote: quote);
        }).ToList();
    }
}
