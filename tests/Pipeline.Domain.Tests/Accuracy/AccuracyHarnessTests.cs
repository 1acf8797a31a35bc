using System.Globalization;
using Pipeline.Domain.Reports;
using Xunit.Abstractions;

namespace Pipeline.Domain.Tests.Accuracy;

/// <summary>
/// Scores the extractor against the development corpus's gold labels, field by field, and fails when
/// any field's F1 drops below 0.90. Prints the table and every miss so a regression is easy to trace.
/// </summary>
public class AccuracyHarnessTests(ITestOutputHelper output)
{
    private const double Threshold = 0.90;

    [Fact]
    public void Every_field_scores_at_least_090_F1_on_the_development_corpus()
    {
        var corpus = GoldCorpus.Load(RepoRoot.Find());
        var scores = Score(corpus);

        output.WriteLine($"{"field",-20} {"P",6} {"R",6} {"F1",6}   over {corpus.Reports.Count} reports");
        foreach (var score in scores)
            output.WriteLine(score.ToString());
        output.WriteLine("");
        foreach (var miss in scores.SelectMany(s => s.Misses.Select(m => $"[{s.Field}] {m}")))
            output.WriteLine(miss);

        var failing = scores.Where(s => s.F1 < Threshold).Select(s => $"{s.Field} {s.F1:0.000}").ToArray();
        Assert.True(failing.Length == 0, "Fields below 0.90 F1: " + string.Join(", ", failing));
    }

    private static List<FieldScore> Score(GoldCorpus corpus)
    {
        // "platforms" scores figures only (platform.asset=N); "platform_presence" scores which platforms removed the
        // network's assets, figures or not, so gold platforms labelled without figures ({}) are measured too.
        var fields = new[]
        {
            "reported_on", "origin_countries", "target_countries", "target_regions", "platforms", "platform_presence",
            "operation_names", "actors", "partners", "tactics", "describes_takedown",
        }.ToDictionary(f => f, f => new FieldScore(f));
        var extractor = Support.Extractor;

        // A file may carry several gold entries (one per network it reports): its labels are their union.
        foreach (var group in corpus.Reports.GroupBy(r => r.File))
        {
            var gold = group.ToArray();
            var file = group.Key;
            var report = extractor.Extract(new ReportText(file, null, corpus.TextOf(gold[0])));

            fields["reported_on"].Add(file, Date(report.ReportedOn), gold.Select(g => g.ReportedOn).OfType<string>().Take(1));
            fields["origin_countries"].Add(file, report.OriginCountries.Values(), gold.SelectMany(g => g.OriginCountries));
            fields["target_countries"].Add(file, report.TargetCountries.Values(), gold.SelectMany(g => g.TargetCountries));
            fields["target_regions"].Add(file, report.TargetRegions.Values(), gold.SelectMany(g => g.TargetRegions));
            fields["platforms"].Add(file, Triples(report.Platforms), gold.SelectMany(g => Triples(g.Platforms)));
            // Which platforms removed assets, figures or not: gold "platform": {} counts here and nowhere else.
            fields["platform_presence"].Add(file, report.PlatformsWithPresence.Keys, gold.SelectMany(g => g.Platforms.Keys));
            fields["operation_names"].Add(file, report.OperationNames.Values(), gold.SelectMany(g => g.OperationNames));
            fields["actors"].Add(file, report.Actors.Values(), gold.SelectMany(g => g.Actors));
            fields["partners"].Add(file, report.Partners.Values(), gold.SelectMany(g => g.Partners));
            fields["tactics"].Add(file, report.Tactics.Select(t => t.DisarmId).OfType<string>(), gold.SelectMany(g => g.Tactics));
            fields["describes_takedown"].Add(file, Flag(report.DescribesTakedown), Flag(gold.Any(g => g.DescribesTakedown)));
        }
        return fields.Values.ToList();
    }

    private static IEnumerable<string> Date(DateOnly? date) =>
        date is { } d ? [d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)] : [];

    /// <summary>A takedown is the positive class: a missed one and a false one both cost.</summary>
    private static IEnumerable<string> Flag(bool describes) => describes ? ["takedown"] : [];

    private static IEnumerable<string> Triples<TInner>(IEnumerable<KeyValuePair<string, TInner>> platforms)
        where TInner : IEnumerable<KeyValuePair<string, long>> =>
        platforms.SelectMany(p => p.Value.Select(a => $"{p.Key}.{a.Key}={a.Value}"));
}
