namespace Pipeline.Domain.Campaigns;

/// <summary>
/// How two reports' figures bear on their being one network: shared exact numbers (strong when
/// distinctive), near or rounded values of the same figure (weak), and contradictions (the same
/// figure far apart, as two different networks' counts are).
/// </summary>
public sealed record FigureOverlap(double Weight, bool Approximate, bool Contradicts, IReadOnlyList<string> Reasons)
{
    // Weights in the matcher's points (a shared operation name is 10).
    private const double DistinctiveWeight = 3.0;   // the same 652 in both: rarely a coincidence
    private const double RoundWeight = 1.0;         // the same 600: news rounds, networks coincide
    private const double MidWeight = 0.75;          // 20–49: plausible coincidence
    private const double SmallWeight = 0.25;        // 1–19: weak, per the genre
    private const double CloseWeight = 2.0;         // 954 vs 945: a typo or a recount, same network
    private const double RoundedWeight = 1.0;       // "almost 300" for 289: consistent, not specific
    private const double OtherPlatformFactor = 0.5; // same number on different platforms: maybe misattributed
    private const double BreakdownWeight = 3.0;     // 7 Pages, 3 Groups, 5 accounts again: small, but jointly specific
    private const double MaxWeight = 9.0;           // three strong figures settle it; more adds nothing
    /// <summary>Agreeing kinds (each at least <see cref="BreakdownMinimumValue"/>) that make a breakdown specific.</summary>
    private const int BreakdownKinds = 3;
    private const long BreakdownMinimumValue = 3;
    /// <summary>Two values within this relative distance are treated as one figure misstated.</summary>
    private const double CloseRelativeDistance = 0.015;
    private const long CloseMinimum = 100;
    /// <summary>The same asset count differing by more than this ratio (and by 5+) describes different sets.</summary>
    private const double ContradictionRatio = 1.25;
    private const long ContradictionMinimumGap = 5;

    public static FigureOverlap Between(ReportFacts a, ReportFacts b)
    {
        var weight = 0.0;
        var reasons = new List<string>();
        var allA = a.Figures.Concat(a.Totals).ToList();
        var allB = b.Figures.Concat(b.Totals).ToList();
        // A derived total may meet a stated figure, never another total: itemised lists that agree already share their items.
        var shared = a.Figures.Select(f => f.Count).Intersect(allB.Select(f => f.Count))
            .Union(b.Figures.Select(f => f.Count).Intersect(allA.Select(f => f.Count)))
            .Order();
        foreach (var n in shared)
        {
            var inA = allA.Where(f => f.Count == n).ToList();
            var inB = allB.Where(f => f.Count == n).ToList();
            var samePlatform = inA.Concat(inB).Any(f => f.Platform == Figure.AllPlatforms)
                || inA.Select(f => f.Platform).Intersect(inB.Select(f => f.Platform)).Any();
            weight += BaseWeight(n) * (samePlatform ? 1 : OtherPlatformFactor);
            var labels = inA.Concat(inB).Select(f => f.Label).Distinct().Order(StringComparer.Ordinal).ToList();
            reasons.Add(labels.Count == 1 ? $"shared figure {labels[0]}={n}" : $"shared figure {n} ({string.Join(", ", labels)})");
        }

        var approximate = false;
        var contradicts = false;
        var agreeing = 0;
        foreach (var (asset, label, valuesA, valuesB) in SameFigure(a.Figures, b.Figures))
        {
            if (valuesA.Overlaps(valuesB))
            {
                // Agree on one value: anything else is another network mentioned.
                if (Figure.IsAssetCount(asset) && valuesA.Intersect(valuesB).Max() >= BreakdownMinimumValue) agreeing++;
                continue;
            }
            var pairs = valuesA.SelectMany(x => valuesB.Select(y => (Hi: Math.Max(x, y), Lo: Math.Min(x, y))))
                .OrderBy(p => p.Hi - p.Lo).ThenByDescending(p => p.Hi).ToList();
            if (pairs.FirstOrDefault(IsClose) is { Hi: > 0 } close)
            {
                approximate = true;
                weight += CloseWeight;
                reasons.Add($"close figure {label} {close.Hi}≈{close.Lo}");
            }
            else if (pairs.FirstOrDefault(p => Figure.RoundsTo(p.Hi, p.Lo) || Figure.RoundsTo(p.Lo, p.Hi)) is { Hi: > 0 } rounded)
            {
                approximate = true;
                weight += RoundedWeight;
                reasons.Add($"rounded figure {label} {rounded.Hi}≈{rounded.Lo}");
            }
            else if (Figure.IsAssetCount(asset) && pairs.All(IsFarApart))
            {
                contradicts = true;
                reasons.Add($"conflicting figure {label} {pairs[0].Hi} vs {pairs[0].Lo}");
            }
        }
        if (agreeing >= BreakdownKinds && !contradicts)
        {
            weight += BreakdownWeight;
            reasons.Add($"same breakdown: {agreeing} asset counts agree");
        }
        return new FigureOverlap(Math.Min(weight, MaxWeight), approximate, contradicts, reasons);
    }

    private static bool IsClose((long Hi, long Lo) p) =>
        p.Lo >= CloseMinimum && !Figure.IsRound(p.Hi) && !Figure.IsRound(p.Lo) && p.Hi - p.Lo <= CloseRelativeDistance * p.Hi;

    private static bool IsFarApart((long Hi, long Lo) p) =>
        p.Hi > ContradictionRatio * p.Lo && p.Hi - p.Lo >= ContradictionMinimumGap;

    private static double BaseWeight(long n) => n switch
    {
        >= Figure.DistinctiveMinimum when !Figure.IsRound(n) => DistinctiveWeight,
        >= Figure.DistinctiveMinimum => RoundWeight,
        >= 20 => MidWeight,
        _ => SmallWeight,
    };

    /// <summary>Per platform and asset kind both reports state: the values each states for it.</summary>
    private static IEnumerable<(string Asset, string Label, HashSet<long> A, HashSet<long> B)> SameFigure(
        IReadOnlyList<Figure> a, IReadOnlyList<Figure> b)
    {
        var inB = b.ToLookup(f => f.Label, f => f.Count, StringComparer.Ordinal);
        return a.GroupBy(f => (f.Label, f.Asset))
            .Where(g => inB.Contains(g.Key.Label))
            .OrderBy(g => g.Key.Label, StringComparer.Ordinal)
            .Select(g => (g.Key.Asset, g.Key.Label, g.Select(f => f.Count).ToHashSet(), inB[g.Key.Label].ToHashSet()));
    }
}
