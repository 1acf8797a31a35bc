namespace Pipeline.Domain.Campaigns;

/// <summary>A count a report states for a platform and asset kind, or a total derived from such counts.</summary>
public sealed record Figure(string Platform, string Asset, long Count)
{
    /// <summary>
    /// Below this, counts coincide too often between unrelated networks (1–20 accounts is typical of
    /// small takedowns) to be evidence of identity; such figures are neither indexed nor gate a match.
    /// </summary>
    public const long DistinctiveMinimum = 50;

    /// <summary>Platform of a total summed over every platform of a report.</summary>
    public const string AllPlatforms = "all";
    public const string TotalAsset = "total";

    /// <summary>Kinds that count removed assets; followers and spend measure reach and vary with the date measured.</summary>
    public static bool IsAssetCount(string asset) =>
        asset is "accounts" or "pages" or "groups" or "channels" or "events" or "assets";

    /// <summary>
    /// Round numbers ("about 600", "1.5 million followers") are how news rounds and how unrelated
    /// networks happen to coincide, so they count for less than an exact-looking 652.
    /// </summary>
    public static bool IsRound(long n) => n >= 10 && n % 10 == 0 && SignificantDigits(n) <= 2;

    /// <summary>A number specific enough that two reports stating it are probably about the same network.</summary>
    public static bool IsDistinctive(long n) => n >= DistinctiveMinimum && !IsRound(n);

    /// <summary>
    /// Whether <paramref name="rounded"/> is <paramref name="exact"/> as prose rounds it ("almost 300" for
    /// 289, "about 1,600" for 1,633): within half the rounding unit and 10%.
    /// </summary>
    public static bool RoundsTo(long exact, long rounded)
    {
        if (!IsRound(rounded) || exact == rounded || IsRound(exact)) return false;
        var unit = 1L;
        while (rounded % (unit * 10) == 0) unit *= 10;
        var diff = Math.Abs(exact - rounded);
        return diff * 2 <= unit && diff * 10 <= rounded;
    }

    /// <summary>
    /// Sums a report's asset counts (one per kind: its folded export row) per platform and overall,
    /// because one source's unsplit total ("265 accounts, Pages and Groups") is often another's
    /// itemised list. Only sums of two or more.
    /// </summary>
    public static IReadOnlyList<Figure> Totals(IReadOnlyList<Figure> folded)
    {
        // Per platform in order of first appearance (as GroupBy): how many parts, and their sum.
        var platforms = new List<(string Platform, int Parts, long Sum)>();
        var (parts, sum) = (0, 0L);
        foreach (var f in folded)
        {
            if (!IsAssetCount(f.Asset) || f.Asset == "assets") continue;
            var i = platforms.FindIndex(p => p.Platform == f.Platform);
            if (i < 0) platforms.Add((f.Platform, 1, f.Count));
            else platforms[i] = (f.Platform, platforms[i].Parts + 1, checked(platforms[i].Sum + f.Count));
            parts++;
            sum = checked(sum + f.Count);
        }
        var totals = new List<Figure>();
        foreach (var (platform, n, total) in platforms)
            if (n > 1) totals.Add(new Figure(platform, TotalAsset, total));
        if (parts > 1 && platforms.Count > 1)
            totals.Add(new Figure(AllPlatforms, TotalAsset, sum));
        return totals;
    }

    public string Label => $"{Platform}.{Asset}";

    private static int SignificantDigits(long n)
    {
        while (n % 10 == 0 && n > 0) n /= 10;
        return n.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
    }
}
