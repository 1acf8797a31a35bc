using static Pipeline.Domain.Campaigns.ScoringFacts;

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
        var reasons = new List<string>();
        var (weight, approximate, contradicts) = Measure(a.Scoring, b.Scoring, reasons);
        return new FigureOverlap(weight, approximate, contradicts, reasons);
    }

    /// <summary>
    /// <see cref="Between"/> without allocating: the reasons are written only when <paramref name="reasons"/>
    /// is given, so a scorer can rank many pairs first and explain only the one it keeps. The weights are
    /// added in the same order either way, so the sum is the same to the last bit.
    /// </summary>
    internal static (double Weight, bool Approximate, bool Contradicts) Measure(ScoringFacts a, ScoringFacts b, List<string>? reasons)
    {
        var weight = 0.0;
        // A derived total may meet a stated figure, never another total: itemised lists that agree already share their items.
        // Shared counts ascending: (stated in a ∩ any in b) ∪ (stated in b ∩ any in a), merged from both sorted lists.
        var (fa, fb) = (a.FigureCounts, b.FigureCounts);
        for (int i = 0, j = 0; i < fa.Length || j < fb.Length;)
        {
            long n;
            bool shared;
            if (j == fb.Length || (i < fa.Length && fa[i] < fb[j])) { n = fa[i++]; shared = b.AllCounts.AsSpan().BinarySearch(n) >= 0; }
            else if (i == fa.Length || fb[j] < fa[i]) { n = fb[j++]; shared = a.AllCounts.AsSpan().BinarySearch(n) >= 0; }
            else { n = fa[i++]; j++; shared = true; }
            if (!shared) continue;
            weight += BaseWeight(n) * (SamePlatform(a.All, b.All, n) ? 1 : OtherPlatformFactor);
            if (reasons is not null) reasons.Add(DescribeShared(a.All, b.All, n));
        }

        var approximate = false;
        var contradicts = false;
        var agreeing = 0;
        // Per platform and asset kind both reports state (a's groups by label, ordinal): the values each states for it.
        var k = 0;
        foreach (var group in a.Groups)
        {
            while (k < b.ByLabel.Length && string.CompareOrdinal(b.ByLabel[k].Label, group.Label) < 0) k++;
            if (k == b.ByLabel.Length) break;
            if (!string.Equals(b.ByLabel[k].Label, group.Label, StringComparison.Ordinal)) continue;
            var (valuesA, valuesB) = (group.Counts, b.ByLabel[k].Counts);
            if (MaxCommon(valuesA, valuesB) is { } agreed)
            {
                // Agree on one value: anything else is another network mentioned.
                if (group.IsAssetCount && agreed >= BreakdownMinimumValue) agreeing++;
                continue;
            }
            // The closest pair of values (ties: the larger), the closest that is close, the closest that rounds:
            // the first of each in the pairs ordered by distance, then by the larger value descending.
            (long Hi, long Lo)? nearest = null, close = null, rounded = null;
            var farApart = true;
            foreach (var x in valuesA)
                foreach (var y in valuesB)
                {
                    var p = (Hi: Math.Max(x, y), Lo: Math.Min(x, y));
                    if (Before(p, nearest)) nearest = p;
                    if (IsClose(p) && Before(p, close)) close = p;
                    if ((Figure.RoundsTo(p.Hi, p.Lo) || Figure.RoundsTo(p.Lo, p.Hi)) && Before(p, rounded)) rounded = p;
                    farApart &= IsFarApart(p);
                }
            if (close is { } c)
            {
                approximate = true;
                weight += CloseWeight;
                reasons?.Add($"close figure {group.Label} {c.Hi}≈{c.Lo}");
            }
            else if (rounded is { } r)
            {
                approximate = true;
                weight += RoundedWeight;
                reasons?.Add($"rounded figure {group.Label} {r.Hi}≈{r.Lo}");
            }
            else if (group.IsAssetCount && farApart && nearest is { } f)
            {
                contradicts = true;
                reasons?.Add($"conflicting figure {group.Label} {f.Hi} vs {f.Lo}");
            }
        }
        if (agreeing >= BreakdownKinds && !contradicts)
        {
            weight += BreakdownWeight;
            reasons?.Add($"same breakdown: {agreeing} asset counts agree");
        }
        return (Math.Min(weight, MaxWeight), approximate, contradicts);
    }

    /// <summary>Whether <paramref name="p"/> sorts before the best so far: nearer, then larger (ties are the same pair).</summary>
    private static bool Before((long Hi, long Lo) p, (long Hi, long Lo)? best) =>
        best is not { } q || p.Hi - p.Lo < q.Hi - q.Lo || (p.Hi - p.Lo == q.Hi - q.Lo && p.Hi > q.Hi);

    /// <summary>The largest value both state, if they share one.</summary>
    private static long? MaxCommon(long[] a, long[] b)
    {
        long? max = null;
        foreach (var x in a)
            if ((max is null || x > max) && Array.IndexOf(b, x) >= 0) max = x;
        return max;
    }

    /// <summary>Whether the figures stating <paramref name="n"/> are on one platform (or one is a cross-platform total).</summary>
    private static bool SamePlatform(FigureRow[] a, FigureRow[] b, long n)
    {
        foreach (var x in a)
        {
            if (x.Count != n) continue;
            if (x.Platform == Figure.AllPlatforms) return true;
            foreach (var y in b)
                if (y.Count == n && (y.Platform == Figure.AllPlatforms || y.Platform == x.Platform)) return true;
        }
        return false;
    }

    private static string DescribeShared(FigureRow[] a, FigureRow[] b, long n)
    {
        var labels = new List<string>();
        foreach (var row in a) if (row.Count == n && !labels.Contains(row.Label)) labels.Add(row.Label);
        foreach (var row in b) if (row.Count == n && !labels.Contains(row.Label)) labels.Add(row.Label);
        labels.Sort(StringComparer.Ordinal);
        return labels.Count == 1 ? $"shared figure {labels[0]}={n}" : $"shared figure {n} ({string.Join(", ", labels)})";
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
}
