namespace Pipeline.Dedup.Tests.Support;

/// <summary>B-cubed and pairwise precision/recall/F1 of a predicted clustering against gold labels.</summary>
public sealed record ClusterMetrics(double BcubedPrecision, double BcubedRecall, double PairPrecision, double PairRecall)
{
    public double BcubedF1 => F1(BcubedPrecision, BcubedRecall);
    public double PairF1 => F1(PairPrecision, PairRecall);

    /// <param name="predicted">item → predicted cluster id</param>
    /// <param name="gold">item → gold cluster id (same keys)</param>
    public static ClusterMetrics Of(IReadOnlyDictionary<string, string> predicted, IReadOnlyDictionary<string, string> gold)
    {
        var items = gold.Keys.Order(StringComparer.Ordinal).ToList();
        double p = 0, r = 0;
        long bothPairs = 0, predictedPairs = 0, goldPairs = 0;
        foreach (var i in items)
        {
            var samePredicted = items.Where(j => predicted[j] == predicted[i]).ToList();
            var sameGold = items.Where(j => gold[j] == gold[i]).ToList();
            var both = samePredicted.Count(j => gold[j] == gold[i]);
            p += (double)both / samePredicted.Count;
            r += (double)both / sameGold.Count;
            bothPairs += both - 1;
            predictedPairs += samePredicted.Count - 1;
            goldPairs += sameGold.Count - 1;
        }
        return new ClusterMetrics(
            p / items.Count, r / items.Count,
            predictedPairs == 0 ? 1 : (double)bothPairs / predictedPairs,
            goldPairs == 0 ? 1 : (double)bothPairs / goldPairs);
    }

    public override string ToString() =>
        $"B³ P={BcubedPrecision:0.000} R={BcubedRecall:0.000} F1={BcubedF1:0.000} | pairwise P={PairPrecision:0.000} R={PairRecall:0.000} F1={PairF1:0.000}";

    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}
