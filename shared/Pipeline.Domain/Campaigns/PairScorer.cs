namespace Pipeline.Domain.Campaigns;

/// <summary>
/// Scores two reports as descriptions of the same operation. Symmetric (score(a,b) = score(b,a)), so
/// linking is an undirected relation and campaigns are its connected components: the clustering
/// does not depend on the order reports arrive in.
/// </summary>
/// <remarks>
/// Three ways to link, strongest first:
/// 1. a shared name (or stated/known alias): names are how analysts identify operations across
///    platforms and years, so a name links on its own;
/// 2. the same origin within a month (or undated) and a distinctive shared figure (the same 652),
///    or two distinctive figures when one side states no origin;
/// 3. the same origin within a week and two independent kinds of specific context (a named actor,
///    a partner, a target, a rounded/near figure), with nothing contradicting (different names,
///    the same asset count far apart): how a researcher's or news write-up of a takedown reads when
///    it neither names the operation nor repeats the platform's exact counts.
/// A roundup (a report about several operations, see <see cref="ReportNames"/>) links by name only.
/// Origin, period, platforms and text only add points; attribution alone never links, because two
/// networks from one country are often removed and reported together, and an actor runs many.
/// </remarks>
public static class PairScorer
{
    /// <summary>Platform posts, researcher write-ups and news of one takedown appear within weeks.</summary>
    public const int MaxLinkDays = 30;
    /// <summary>Context alone is weaker evidence than a figure, so it must come from the same week's coverage.</summary>
    public const int ContextLinkDays = 7;
    /// <summary>Independent kinds of agreeing context needed without a name or figure (one is coincidence).</summary>
    public const int ContextKindsNeeded = 2;
    /// <summary>One distinctive shared figure (3 points) is the minimum corroboration without a name.</summary>
    public const double FigureGate = 3.0;
    /// <summary>Reports naming different operations, or contradicting a count, need two distinctive figures.</summary>
    public const double ConflictingNamesFigureGate = 6.0;
    /// <summary>Without a shared origin (one side states none), two distinctive numbers must coincide.</summary>
    public const int FiguresOnlyMinimum = 2;

    private const double NameWeight = 10.0;
    private const double OriginWeight = 2.0;
    private const double OriginConflictPenalty = -2.0;
    private const double NameConflictPenalty = -3.0;
    /// <summary>Below this, two texts about different networks in one genre overlap as much.</summary>
    private const double MinTextSimilarity = 0.15;

    public static PairScore Score(ReportFacts a, ReportFacts b)
    {
        var reasons = new List<string>();
        var score = 0.0;

        var names = SharedNames(a, b);
        var nameConflict = names.Count == 0 && a.Names.Count > 0 && b.Names.Count > 0;
        if (names.Count > 0) { score += NameWeight; reasons.AddRange(names.Take(2).Select(n => "shared name: " + n)); }
        else if (nameConflict) { score += NameConflictPenalty; reasons.Add("different names: " + Pair(First(a), First(b), " / ")); }

        var origins = a.Origins.Intersect(b.Origins).Order(StringComparer.Ordinal).ToList();
        var originConflict = origins.Count == 0 && a.Origins.Count > 0 && b.Origins.Count > 0;
        if (origins.Count > 0) { score += OriginWeight; reasons.Add("same origin " + string.Join("/", origins)); }
        else if (originConflict)
        {
            score += OriginConflictPenalty;
            reasons.Add("different origin " + Pair(Joined(a.Origins), Joined(b.Origins), " vs "));
        }

        int? days = a.ReportedOn is { } da && b.ReportedOn is { } db ? Math.Abs(da.DayNumber - db.DayNumber) : null;
        if (days is { } d) { score += TimeWeight(d); reasons.Add(DescribeDays(d)); }

        var figures = FigureOverlap.Between(a, b);
        score += figures.Weight;
        reasons.AddRange(figures.Reasons);

        var actors = Shared(a.Actors, b.Actors);
        var partners = Shared(a.Partners, b.Partners);
        var targets = Shared(a.Targets, b.Targets);
        var regions = Shared(a.Regions, b.Regions);
        score += Points(actors, 1.0, 2.0, "shared actor", reasons);
        score += Points(partners, 0.5, 1.0, "shared partner", reasons);
        score += Points(targets, 0.5, 1.5, "shared targets", reasons);
        score += Points(regions, 0.25, 0.5, "shared regions", reasons);
        score += Points(Shared(a.Platforms, b.Platforms), 0.25, 0.75, "shared platforms", reasons);

        var text = a.Text.Similarity(b.Text);
        if (text >= MinTextSimilarity) { score += Math.Min(1.0, 2 * text); reasons.Add($"text similarity {text:0.00}"); }

        // Different names, or the same asset count far apart, suggest two networks: then one coincidence is not enough.
        var figureGate = nameConflict || figures.Contradicts ? ConflictingNamesFigureGate : FigureGate;
        var byFigure = origins.Count > 0 && days <= MaxLinkDays && figures.Weight >= figureGate;
        // Undated or origin-less reports are found by figure key, so they link by indexed figures: one
        // when the origin agrees (an undated news item), two when only the numbers do.
        var byFiguresOnly = !originConflict && (days is null || days <= MaxLinkDays) && figures.Weight >= figureGate
            && SharedIndexedFigures(a, b) >= (origins.Count > 0 ? 1 : FiguresOnlyMinimum);
        var contextKinds = (actors.Any(ActorNames.IsSpecific) ? 1 : 0) + (partners.Count > 0 ? 1 : 0)
            + (targets.Count + regions.Count > 0 ? 1 : 0) + (figures.Approximate ? 1 : 0);
        var byContext = origins.Count > 0 && days <= ContextLinkDays && !nameConflict && !figures.Contradicts
            && contextKinds >= ContextKindsNeeded;
        if (byContext && names.Count == 0 && !byFigure && !byFiguresOnly)
            reasons.Add($"{contextKinds} kinds of context agree within {ContextLinkDays} days");
        var roundup = a.Roundup || b.Roundup;
        if (roundup) reasons.Add("roundup of several operations: links by name only");
        var linked = names.Count > 0 || (!roundup && (byFigure || byFiguresOnly || byContext));
        return new PairScore(linked, Math.Round(score, 2), reasons);
    }

    private static double TimeWeight(int days) => days switch
    {
        <= 3 => 2.0,
        <= ContextLinkDays => 1.5,
        <= MaxLinkDays => 1.0,
        <= 92 => 0.5,
        _ => 0,
    };

    private static string DescribeDays(int days) => days switch
    {
        0 => "reported the same day",
        1 => "reported 1 day apart",
        _ => $"reported {days} days apart",
    };

    private static List<string> SharedNames(ReportFacts a, ReportFacts b)
    {
        var shared = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var x in a.Names)
            foreach (var y in b.Names)
                if (OperationName.Links(x, y))
                    shared.Add(x.Key == y.Key ? x.Normalised : Pair(x.Normalised, y.Normalised, " ~ "));
        return shared.ToList();
    }

    // Order-independent rendering, so a reason reads the same whichever report came first.
    private static string Pair(string x, string y, string separator) =>
        string.CompareOrdinal(x, y) <= 0 ? x + separator + y : y + separator + x;

    private static string Joined(IReadOnlySet<string> codes) => string.Join("/", codes.Order(StringComparer.Ordinal));

    private static string First(ReportFacts f) => f.Names[0].Normalised;

    /// <summary>Shared distinctive figures both sides index: the figures-only rule must be findable by key.</summary>
    private static int SharedIndexedFigures(ReportFacts a, ReportFacts b) =>
        a.IndexedFigures(MatchKeys.MaxIndexedFigures).Intersect(b.IndexedFigures(MatchKeys.MaxIndexedFigures)).Count();

    private static List<string> Shared(IReadOnlySet<string> a, IReadOnlySet<string> b) =>
        a.Intersect(b).Order(StringComparer.Ordinal).ToList();

    private static double Points(List<string> shared, double each, double max, string label, List<string> reasons)
    {
        if (shared.Count == 0) return 0;
        reasons.Add($"{label} {string.Join(", ", shared)}");
        return Math.Min(max, each * shared.Count);
    }
}
