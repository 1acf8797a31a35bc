namespace Pipeline.Domain.Campaigns;

/// <summary>The evidence that two reports describe the same operation: whether it links them, its points, why.</summary>
public sealed record PairScore(bool Linked, double Score, IReadOnlyList<string> Reasons)
{
    /// <summary>Orders by linked first, then points; ties are broken by the caller deterministically.</summary>
    public bool BetterThan(PairScore other) =>
        Linked != other.Linked ? Linked : Score > other.Score;
}
