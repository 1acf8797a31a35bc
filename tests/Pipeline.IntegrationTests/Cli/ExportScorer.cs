using Pipeline.Contracts.Export;

namespace Pipeline.IntegrationTests.Cli;

/// <summary>Precision, recall and F1 from true-positive, false-positive and false-negative counts.</summary>
public sealed record Score(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static Score operator +(Score a, Score b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);
}

/// <summary>B-cubed precision and recall of a clustering, and pairwise counts.</summary>
public sealed record ClusterScore(double BcubedPrecision, double BcubedRecall, Score Pairwise)
{
    public double BcubedF1 => BcubedPrecision + BcubedRecall == 0 ? 0 : 2 * BcubedPrecision * BcubedRecall / (BcubedPrecision + BcubedRecall);
}

/// <summary>
/// Scores an `ingest --json` export against gold labels, the way a held-out corpus is scored: per-report
/// fields as micro-averaged set matches (strings case-insensitive), and the campaign grouping as
/// B-cubed and pairwise precision/recall over the takedown reports.
/// </summary>
public static class ExportScorer
{
    public static readonly string[] Fields =
        ["reported_on", "origin_countries", "target_countries", "target_regions", "platforms", "platform_presence", "operation_names", "actors", "partners", "tactics", "describes_takedown"];

    public static IReadOnlyDictionary<string, Score> ScoreFields(ExportDocument export, GoldLabels gold)
    {
        var predicted = Predictions(export);
        var totals = Fields.ToDictionary(f => f, _ => new Score(0, 0, 0));
        foreach (var label in gold.Reports)
        {
            predicted.TryGetValue(label.File, out var found);
            foreach (var field in Fields)
                totals[field] += Compare(Values(field, label), Values(field, found));
        }
        return totals;
    }

    /// <summary>B-cubed and pairwise scores of the predicted campaigns against gold campaigns (takedown reports only).</summary>
    public static ClusterScore ScoreClusters(ExportDocument export, GoldLabels gold)
    {
        var predictedCluster = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var campaign in export.Campaigns)
        foreach (var report in campaign.Reports)
            predictedCluster[report.Source] = campaign.Id.ToString();
        var items = gold.Reports.Where(r => r.DescribesTakedown && r.Campaign is not null).ToArray();
        // A takedown report left out of every campaign counts as a cluster of its own.
        string Predicted(GoldReport r) => predictedCluster.GetValueOrDefault(r.File) ?? "unplaced:" + r.File;

        double precision = 0, recall = 0;
        int tp = 0, fp = 0, fn = 0;
        foreach (var a in items)
        {
            var samePredicted = items.Where(b => Predicted(b) == Predicted(a)).ToArray();
            var both = samePredicted.Count(b => b.Campaign == a.Campaign);
            precision += (double)both / samePredicted.Length;
            recall += (double)both / items.Count(b => b.Campaign == a.Campaign);
            foreach (var b in items.Where(b => string.CompareOrdinal(b.File, a.File) > 0))
            {
                bool samePrediction = Predicted(a) == Predicted(b), sameGold = a.Campaign == b.Campaign;
                if (samePrediction && sameGold) tp++;
                else if (samePrediction) fp++;
                else if (sameGold) fn++;
            }
        }
        return new ClusterScore(precision / items.Length, recall / items.Length, new Score(tp, fp, fn));
    }

    private static Dictionary<string, (ReportExport Report, bool InCampaign)> Predictions(ExportDocument export)
    {
        var map = new Dictionary<string, (ReportExport, bool)>(StringComparer.Ordinal);
        foreach (var campaign in export.Campaigns)
        foreach (var report in campaign.Reports)
            map[report.Source] = (report, true);
        foreach (var report in export.Unmatched)
            map[report.Source] = (report, false);
        return map;
    }

    private static Score Compare(IReadOnlySet<string> gold, IReadOnlySet<string> predicted)
    {
        var tp = gold.Count(predicted.Contains);
        return new Score(tp, predicted.Count - tp, gold.Count - tp);
    }

    private static IReadOnlySet<string> Values(string field, GoldReport g) => Set(field switch
    {
        "reported_on" => g.DescribesTakedown && g.ReportedOn is not null ? [g.ReportedOn] : [],
        "origin_countries" => g.OriginCountries,
        "target_countries" => g.TargetCountries,
        "target_regions" => g.TargetRegions,
        "platforms" => Triples(g.Platforms),
        "platform_presence" => g.Platforms.Keys.ToArray(),
        "operation_names" => g.OperationNames,
        "actors" => g.Actors,
        "partners" => g.Partners,
        "tactics" => g.Tactics,
        "describes_takedown" => g.DescribesTakedown ? ["yes"] : [],
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    });

    private static IReadOnlySet<string> Values(string field, (ReportExport Report, bool InCampaign) p)
    {
        if (p.Report is null)
            return Set([]);
        var r = p.Report;
        return Set(field switch
        {
            "reported_on" => p.InCampaign && r.ReportedOn is { } d ? [d.ToString("yyyy-MM-dd")] : [],
            "origin_countries" => r.OriginCountries,
            "target_countries" => r.TargetCountries,
            "target_regions" => r.TargetRegions,
            "platforms" => Triples(r.Platforms),
            "platform_presence" => r.Platforms.Keys.ToArray(),
            "operation_names" => r.OperationNames,
            "actors" => r.Actors,
            "partners" => r.Partners,
            "tactics" => r.Tactics.Select(t => t.DisarmId).OfType<string>().ToArray(),
            "describes_takedown" => p.InCampaign ? ["yes"] : [],
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        });
    }

    private static IReadOnlyList<string> Triples(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> platforms) =>
        platforms.SelectMany(p => p.Value.Select(a => $"{p.Key}.{a.Key}={a.Value}")).ToArray();

    private static IReadOnlySet<string> Set(IEnumerable<string> values) =>
        values.Select(v => v.Trim().ToLowerInvariant()).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);
}
