using Pipeline.Dedup.Tests.Support;
using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Reports;

namespace Pipeline.Dedup.Tests;

/// <summary>The consumer loop (open / join / merge into the oldest) over the hard cases of the genre.</summary>
public class ClusteringTests
{
    /// <summary>A small world of the hard cases: aliases, decoys, unnamed news, a bridge, conflicting counts.</summary>
    public static List<ExtractedReport> HardCases() =>
    [
        // Spamouflage under three names, years apart, joined by an alias statement.
        Rpt.Make("meta-2019-08.txt", "2019-08-19", ["CN"], ["Spamouflage"], ["facebook.pages=954", "facebook.accounts=284"]),
        Rpt.Make("news-2019-08.txt", "2019-08-20", ["CN"], figures: ["facebook.pages=945", "facebook.accounts=284"]),
        Rpt.Make("tag-2022-q3.txt", "2022-07-01", ["CN"], ["DRAGONBRIDGE"], ["youtube.channels=1513"]),
        Rpt.Make("graphika-2023.txt", "2023-08-29", ["CN"], ["Spamouflage Dragon"]),
        Rpt.Make("mandiant-2022.txt", "2022-09-07", ["CN"], ["DRAGONBRIDGE"], aliases: [("DRAGONBRIDGE", "Spamouflage Dragon")]),
        // Two Iranian networks removed the same day: decoys.
        Rpt.Make("meta-2018-08-ir-a.txt", "2018-08-21", ["IR"], ["Liberty Front Press"], ["facebook.assets=652", "facebook.pages=74"], targets: ["US", "GB"]),
        Rpt.Make("meta-2018-08-ir-b.txt", "2018-08-21", ["IR"], figures: ["facebook.assets=254", "facebook.pages=12"], targets: ["US"]),
        Rpt.Make("news-2018-08-ir.txt", "2018-08-22", ["IR"], figures: ["facebook.assets=652"], targets: ["US"]),
        Rpt.Make("fireeye-2018-08.txt", "2018-08-21", ["IR"], ["Liberty Front Press"]),
        // Russian operations in one month: decoys, plus a report naming both (a bridge).
        Rpt.Make("meta-2022-09-ru.txt", "2022-09-27", ["RU"], ["Doppelganger"], ["facebook.accounts=1633", "facebook.pages=703"]),
        Rpt.Make("meta-2022-09-ru-b.txt", "2022-09-27", ["RU"], figures: ["facebook.accounts=31", "facebook.pages=4"]),
        Rpt.Make("eu-disinfolab-2022.txt", "2022-09-27", ["RU"], ["RRN"], ["facebook.pages=703"]),
        Rpt.Make("news-2022-10.txt", "2022-10-03", ["RU"], ["RRN", "Doppelganger"]),
        // Attribution alone: IRA reports years apart are separate campaigns.
        Rpt.Make("twitter-2018-10-ira.txt", "2018-10-17", ["RU"], figures: ["twitter.accounts=3841"], actors: ["Internet Research Agency"]),
        Rpt.Make("meta-2020-09-ira.txt", "2020-09-01", ["RU"], figures: ["facebook.accounts=13"], actors: ["Internet Research Agency"]),
    ];

    private static readonly string[][] Expected =
    [
        ["graphika-2023.txt", "mandiant-2022.txt", "meta-2019-08.txt", "news-2019-08.txt", "tag-2022-q3.txt"],
        ["fireeye-2018-08.txt", "meta-2018-08-ir-a.txt", "news-2018-08-ir.txt"],
        ["meta-2018-08-ir-b.txt"],
        ["eu-disinfolab-2022.txt", "meta-2022-09-ru.txt", "news-2022-10.txt"],
        ["meta-2022-09-ru-b.txt"],
        ["twitter-2018-10-ira.txt"],
        ["meta-2020-09-ira.txt"],
    ];

    private static IReadOnlyList<string> Cluster(IEnumerable<ExtractedReport> reports)
    {
        var dedup = new InMemoryDeduplicator(new CampaignMatcher());
        dedup.AddAll(reports.Select(Rpt.Member));
        return dedup.Partition();
    }

    [Fact]
    public void Hard_cases_cluster_into_their_operations()
    {
        var expected = Expected.Select(c => string.Join(" | ", c.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Cluster(HardCases()));
    }

    [Fact]
    public void A_report_naming_two_campaigns_merges_them_into_the_oldest()
    {
        var dedup = new InMemoryDeduplicator(new CampaignMatcher());
        dedup.Add(Rpt.Member(Rpt.Make("doppelganger.txt", "2022-09-27", ["RU"], ["Doppelganger"])));
        dedup.Add(Rpt.Member(Rpt.Make("rrn.txt", "2022-09-28", ["RU"], ["RRN"])));
        var outcome = dedup.Add(Rpt.Member(Rpt.Make("bridge.txt", "2022-10-03", ["RU"], ["RRN", "Doppelganger"])));
        Assert.Equal(2, outcome.Matches.Count);
        Assert.Equal(3, Assert.Single(dedup.Campaigns).Count);
        var (survivor, _) = Assert.Single(dedup.Merges);
        Assert.Contains(dedup.CampaignOf("doppelganger.txt"), m => m.Report.Source == "rrn.txt");
        Assert.Equal(survivor, outcome.Matches.Select(m => m.CampaignId).Single(id => id == survivor));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2024)]
    public void Shuffled_arrival_gives_the_same_partition(int seed)
    {
        var reports = HardCases();
        var reference = Cluster(reports);
        var shuffled = reports.ToArray();
        new Random(seed).Shuffle(shuffled);
        Assert.Equal(reference, Cluster(shuffled));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Shuffled_arrival_gives_the_same_partition_on_random_reports(int seed)
    {
        var reports = SyntheticReports.Pool(seed, 150);
        var reference = Cluster(reports);
        Assert.InRange(reference.Count, 5, 145); // neither all-apart nor all-together: the rules were exercised
        for (var run = 0; run < 4; run++)
        {
            var shuffled = reports.ToArray();
            new Random(seed * 100 + run).Shuffle(shuffled);
            Assert.Equal(reference, Cluster(shuffled));
        }
    }

    [Fact]
    public void Match_explains_a_new_campaign()
    {
        var matcher = new CampaignMatcher();
        var decoy = Rpt.Member(Rpt.Make("a.txt", "2018-08-21", ["IR"], figures: ["facebook.pages=12"]));
        var report = Rpt.Member(Rpt.Make("b.txt", "2018-08-21", ["IR"], figures: ["facebook.pages=74"]));
        Assert.Empty(matcher.Match(report, []).Matches);
        Assert.NotEmpty(matcher.Match(report, []).NewCampaignReasons);
        var outcome = matcher.Match(report, [new CampaignCandidate(Guid.NewGuid(), [decoy])]);
        Assert.Empty(outcome.Matches);
        Assert.Contains("same origin IR", outcome.NewCampaignReasons);
        Assert.StartsWith("nearest campaign", outcome.NewCampaignReasons[0]);
    }

    [Fact]
    public void A_replayed_report_stays_in_its_campaign()
    {
        var matcher = new CampaignMatcher();
        var report = Rpt.Member(Rpt.Make("a.txt", "2018-08-21", ["IR"]));
        var campaign = new CampaignCandidate(Guid.NewGuid(), [report]);
        var outcome = matcher.Match(report, [campaign]);
        Assert.Equal(campaign.CampaignId, Assert.Single(outcome.Matches).CampaignId);
    }

    [Fact]
    public void Blocking_keeps_candidate_sets_small()
    {
        var dedup = new InMemoryDeduplicator(new CampaignMatcher());
        dedup.AddAll(SyntheticReports.Pool(9, 300).Select(Rpt.Member));
        Assert.True(dedup.MaxCandidates < 60, $"{dedup.MaxCandidates} candidates for one report");
    }
}
