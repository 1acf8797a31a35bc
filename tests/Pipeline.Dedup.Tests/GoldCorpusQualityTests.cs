using Pipeline.Dedup.Tests.Support;
using Pipeline.Domain.Campaigns;
using Xunit.Abstractions;

namespace Pipeline.Dedup.Tests;

/// <summary>
/// Clustering quality on the development corpus, from its gold labels (not from extraction), in file
/// order and shuffled. The bar is the issue's: B³ F1 ≥ 0.95 in every order.
/// </summary>
public class GoldCorpusQualityTests(ITestOutputHelper output)
{
    private const double MinBcubedF1 = 0.95;
    private static readonly int[] Seeds = [1, 2, 3, 17, 2024];

    [Fact]
    public void Clusters_the_development_corpus_above_the_bar_in_any_order()
    {
        var path = GoldCorpus.GoldPath();
        Assert.True(File.Exists(path), $"gold labels not found at {path}");
        var items = GoldCorpus.Load(path);
        var gold = items.ToDictionary(i => i.Report.Source, i => i.Campaign);
        output.WriteLine($"{items.Count} takedown reports, {gold.Values.Distinct().Count()} gold campaigns");

        var orders = new List<(string Label, List<GoldCorpus.Item> Items)> { ("file order", items.OrderBy(i => i.Report.Source, StringComparer.Ordinal).ToList()) };
        foreach (var seed in Seeds)
        {
            var shuffled = items.ToArray();
            new Random(seed).Shuffle(shuffled);
            orders.Add(($"shuffle {seed}", shuffled.ToList()));
        }

        var partitions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (label, ordered) in orders)
        {
            var (dedup, metrics) = Run(new CampaignMatcher(KnownOperationAliases.Default), ordered, gold);
            output.WriteLine($"{label,-12} {dedup.Campaigns.Count} campaigns  {metrics}");
            partitions.Add(string.Join("\n", dedup.Partition()));
            if (label == "file order") Explain(dedup, gold);
            Assert.True(metrics.BcubedF1 >= MinBcubedF1, $"{label}: {metrics}");
        }
        Assert.Single(partitions);

        // For comparison only: what the knowledge base's alias table adds.
        var (plain, withoutKnowledge) = Run(new CampaignMatcher(), orders[0].Items, gold);
        output.WriteLine($"{"no aliases",-12} {plain.Campaigns.Count} campaigns  {withoutKnowledge}");
    }

    private static (InMemoryDeduplicator, ClusterMetrics) Run(
        CampaignMatcher matcher, IEnumerable<GoldCorpus.Item> items, IReadOnlyDictionary<string, string> gold)
    {
        var dedup = new InMemoryDeduplicator(matcher);
        dedup.AddAll(items.Select(i => Rpt.Member(i.Report)));
        var predicted = dedup.Campaigns.SelectMany((members, n) => members.Select(m => (m.Report.Source, Id: n.ToString())))
            .ToDictionary(x => x.Source, x => x.Id);
        return (dedup, ClusterMetrics.Of(predicted, gold));
    }

    /// <summary>Prints each predicted campaign that mixes gold campaigns and each gold campaign that was split.</summary>
    private void Explain(InMemoryDeduplicator dedup, IReadOnlyDictionary<string, string> gold)
    {
        foreach (var members in dedup.Campaigns)
        {
            var labels = members.Select(m => gold[m.Report.Source]).Distinct().ToList();
            if (labels.Count > 1)
                output.WriteLine($"  merged {string.Join(" + ", labels)}: {string.Join(", ", members.Select(m => m.Report.Source))}");
        }
        foreach (var g in gold.GroupBy(kv => kv.Value))
        {
            var parts = dedup.Campaigns.Count(c => c.Any(m => gold[m.Report.Source] == g.Key));
            if (parts > 1)
                output.WriteLine($"  split  {g.Key} into {parts}: {string.Join(" / ", dedup.Campaigns.Where(c => c.Any(m => gold[m.Report.Source] == g.Key)).Select(c => string.Join(", ", c.Where(m => gold[m.Report.Source] == g.Key).Select(m => m.Report.Source))))}");
        }
    }
}
