namespace Pipeline.Domain.Tests.Accuracy;

/// <summary>Micro-averaged precision, recall and F1 of one field over the corpus.</summary>
internal sealed class FieldScore(string field)
{
    public string Field { get; } = field;
    public int TruePositives { get; private set; }
    public int FalsePositives { get; private set; }
    public int FalseNegatives { get; private set; }
    public List<string> Misses { get; } = [];

    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Scores one report's values against its gold values (already normalised for comparison).</summary>
    public void Add(string file, IEnumerable<string> predicted, IEnumerable<string> gold)
    {
        var p = predicted.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var g = gold.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var v in p)
        {
            if (g.Contains(v))
                TruePositives++;
            else
            {
                FalsePositives++;
                Misses.Add($"{file}: extra {v}");
            }
        }
        foreach (var v in g.Where(v => !p.Contains(v)))
        {
            FalseNegatives++;
            Misses.Add($"{file}: missed {v}");
        }
    }

    public override string ToString() => $"{Field,-20} {Precision,6:0.000} {Recall,6:0.000} {F1,6:0.000}   (tp {TruePositives}, fp {FalsePositives}, fn {FalseNegatives})";
}
