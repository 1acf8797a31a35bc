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
        var (linked, score) = Evaluate(a, b, reasons);
        return new PairScore(linked, score, reasons);
    }

    /// <summary><see cref="Score"/> without its reasons: what ranking a candidate's members needs, allocation-free.</summary>
    public static (bool Linked, double Score) Rank(ReportFacts a, ReportFacts b) => Evaluate(a, b, reasons: null);

    /// <summary>
    /// The link decision and points of <see cref="Score"/>, with its reasons written to <paramref name="reasons"/>
    /// only when given: ranking candidates needs the numbers of every pair but the words of one. Both paths run
    /// the same additions in the same order, so the points are identical to the last bit.
    /// </summary>
    internal static (bool Linked, double Score) Evaluate(ReportFacts a, ReportFacts b, List<string>? reasons)
    {
        var (fa, fb) = (a.Scoring, b.Scoring);
        var score = 0.0;

        var named = reasons is null ? AnyNameLinks(a, b) : AddSharedNames(a, b, reasons);
        var nameConflict = !named && a.Names.Count > 0 && b.Names.Count > 0;
        if (named) score += NameWeight;
        else if (nameConflict) { score += NameConflictPenalty; reasons?.Add("different names: " + Pair(First(a), First(b), " / ")); }

        var origins = Shared(fa.Origins, fb.Origins, reasons is null ? null : []);
        var originConflict = origins.Count == 0 && fa.Origins.Length > 0 && fb.Origins.Length > 0;
        if (origins.Count > 0) { score += OriginWeight; reasons?.Add("same origin " + string.Join("/", origins.Items!)); }
        else if (originConflict)
        {
            score += OriginConflictPenalty;
            reasons?.Add("different origin " + Pair(string.Join("/", fa.Origins), string.Join("/", fb.Origins), " vs "));
        }

        int? days = a.ReportedOn is { } da && b.ReportedOn is { } db ? Math.Abs(da.DayNumber - db.DayNumber) : null;
        if (days is { } d) { score += TimeWeight(d); reasons?.Add(DescribeDays(d)); }

        var figures = FigureOverlap.Measure(fa, fb, reasons);
        score += figures.Weight;

        var actors = Shared(fa.Actors, fb.Actors, reasons is null ? null : [], fa.SpecificActors);
        var partners = Shared(fa.Partners, fb.Partners, reasons is null ? null : []);
        var targets = Shared(fa.Targets, fb.Targets, reasons is null ? null : []);
        var regions = Shared(fa.Regions, fb.Regions, reasons is null ? null : []);
        score += Points(actors, 1.0, 2.0, "shared actor", reasons);
        score += Points(partners, 0.5, 1.0, "shared partner", reasons);
        score += Points(targets, 0.5, 1.5, "shared targets", reasons);
        score += Points(regions, 0.25, 0.5, "shared regions", reasons);
        score += Points(Shared(fa.Platforms, fb.Platforms, reasons is null ? null : []), 0.25, 0.75, "shared platforms", reasons);

        var text = a.Text.Similarity(b.Text);
        if (text >= MinTextSimilarity) { score += Math.Min(1.0, 2 * text); reasons?.Add($"text similarity {text:0.00}"); }

        // Different names, or the same asset count far apart, suggest two networks: then one coincidence is not enough.
        var figureGate = nameConflict || figures.Contradicts ? ConflictingNamesFigureGate : FigureGate;
        var byFigure = origins.Count > 0 && days <= MaxLinkDays && figures.Weight >= figureGate;
        // Undated or origin-less reports are found by figure key, so they link by indexed figures: one
        // when the origin agrees (an undated news item), two when only the numbers do.
        var byFiguresOnly = !originConflict && (days is null || days <= MaxLinkDays) && figures.Weight >= figureGate
            && SharedIndexedFigures(fa, fb) >= (origins.Count > 0 ? 1 : FiguresOnlyMinimum);
        var contextKinds = (actors.AnySpecific ? 1 : 0) + (partners.Count > 0 ? 1 : 0)
            + (targets.Count + regions.Count > 0 ? 1 : 0) + (figures.Approximate ? 1 : 0);
        var byContext = origins.Count > 0 && days <= ContextLinkDays && !nameConflict && !figures.Contradicts
            && contextKinds >= ContextKindsNeeded;
        if (byContext && !named && !byFigure && !byFiguresOnly)
            reasons?.Add($"{contextKinds} kinds of context agree within {ContextLinkDays} days");
        var roundup = a.Roundup || b.Roundup;
        if (roundup) reasons?.Add("roundup of several operations: links by name only");
        var linked = named || (!roundup && (byFigure || byFiguresOnly || byContext));
        return (linked, Math.Round(score, 2));
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

    private static bool AnyNameLinks(ReportFacts a, ReportFacts b)
    {
        // Indexed loops: foreach over an IReadOnlyList allocates an enumerator per pair.
        var (x, y) = (a.Names, b.Names);
        for (var i = 0; i < x.Count; i++)
            for (var j = 0; j < y.Count; j++)
                if (OperationName.Links(x[i], y[j])) return true;
        return false;
    }

    /// <summary>Adds the first two shared names (ordinal order) as reasons; whether there is any.</summary>
    private static bool AddSharedNames(ReportFacts a, ReportFacts b, List<string> reasons)
    {
        var shared = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var x in a.Names)
            foreach (var y in b.Names)
                if (OperationName.Links(x, y))
                    shared.Add(x.Key == y.Key ? x.Normalised : Pair(x.Normalised, y.Normalised, " ~ "));
        reasons.AddRange(shared.Take(2).Select(n => "shared name: " + n));
        return shared.Count > 0;
    }

    // Order-independent rendering, so a reason reads the same whichever report came first.
    private static string Pair(string x, string y, string separator) =>
        string.CompareOrdinal(x, y) <= 0 ? x + separator + y : y + separator + x;

    private static string First(ReportFacts f) => f.Names[0].Normalised;

    /// <summary>Shared distinctive figures both sides index: the figures-only rule must be findable by key.</summary>
    private static int SharedIndexedFigures(ScoringFacts a, ScoringFacts b)
    {
        var n = 0;
        foreach (var x in a.Indexed) if (Array.IndexOf(b.Indexed, x) >= 0) n++;
        return n;
    }

    /// <summary>Values two sets share: how many, whether one is a specific actor, and (for reasons) which, in ordinal order.</summary>
    private readonly record struct Overlap(int Count, bool AnySpecific, List<string>? Items);

    /// <summary>Merges two ordinally sorted sets; <paramref name="items"/> collects the shared values when given.</summary>
    private static Overlap Shared(string[] a, string[] b, List<string>? items, bool[]? specific = null)
    {
        var (count, anySpecific) = (0, false);
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            var c = string.CompareOrdinal(a[i], b[j]);
            if (c < 0) i++;
            else if (c > 0) j++;
            else
            {
                count++;
                anySpecific |= specific is not null && specific[i];
                items?.Add(a[i]);
                i++;
                j++;
            }
        }
        return new Overlap(count, anySpecific, items);
    }

    private static double Points(Overlap shared, double each, double max, string label, List<string>? reasons)
    {
        if (shared.Count == 0) return 0;
        reasons?.Add($"{label} {string.Join(", ", shared.Items!)}");
        return Math.Min(max, each * shared.Count);
    }
}
