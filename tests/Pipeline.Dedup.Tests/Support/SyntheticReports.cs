using Pipeline.Domain.Reports;

namespace Pipeline.Dedup.Tests.Support;

/// <summary>Random reports over a small vocabulary, so names, origins, months and figures collide often.</summary>
public static class SyntheticReports
{
    private static readonly string[] Names = ["Spamouflage", "Spamouflage Dragon", "DRAGONBRIDGE", "Doppelganger", "Operation Overload", "Ghostwriter", "Endless Mayfly"];
    private static readonly string[] Origins = ["RU", "CN", "IR"];
    private static readonly string[] Platforms = ["facebook", "instagram", "twitter", "youtube"];
    private static readonly string[] Assets = ["accounts", "pages", "groups", "channels"];
    private static readonly long[] Numbers = [7, 12, 35, 74, 284, 600, 652, 945, 954, 1633];

    public static List<ExtractedReport> Pool(int seed, int count)
    {
        var rng = new Random(seed);
        var start = new DateOnly(2020, 1, 1);
        return Enumerable.Range(0, count).Select(i =>
        {
            string[]? Pick(string[] from, double p) => rng.NextDouble() < p ? [from[rng.Next(from.Length)]] : null;
            var figures = Enumerable.Range(0, rng.Next(0, 4))
                .Select(_ => $"{Platforms[rng.Next(Platforms.Length)]}.{Assets[rng.Next(Assets.Length)]}={Numbers[rng.Next(Numbers.Length)]}")
                .ToArray();
            var aliases = rng.NextDouble() < 0.1 ? new[] { (Names[rng.Next(Names.Length)], Names[rng.Next(Names.Length)]) } : null;
            return Rpt.Make(
                $"syn-{seed}-{i:D4}.txt",
                rng.NextDouble() < 0.9 ? start.AddDays(rng.Next(0, 200)).ToString("yyyy-MM-dd") : null,
                Pick(Origins, 0.85), Pick(Names, 0.3), figures,
                targets: Pick(["US", "GB", "DE"], 0.5), actors: Pick(["IRA", "GRU"], 0.2), aliases: aliases);
        }).ToList();
    }
}
