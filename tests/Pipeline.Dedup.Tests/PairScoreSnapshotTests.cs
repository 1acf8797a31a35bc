using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Dedup.Tests.Support;
using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Reports;
using Xunit.Abstractions;

namespace Pipeline.Dedup.Tests;

/// <summary>
/// Pins every pair score (link, points, reasons in order) and every match outcome on the development
/// corpus and a varied synthetic pool to a hash, so optimising the scorer cannot change a single byte of
/// what it decides or explains. On a mismatch the full snapshot is written to the temp directory to diff
/// against one written from the previous code (set PAIR_SNAPSHOT_DIR to choose where).
/// </summary>
public class PairScoreSnapshotTests(ITestOutputHelper output)
{
    // Recorded from the LINQ scorer before it was rewritten for speed; a deliberate rule change updates them.
    private const string GoldPairsHash =
        "CC5C807FEF7CE5B46FD5FC08867A9C65EE61268D326A7FBD7895A5B1A8DBABA0";
    private const string VariedPairsHash =
        "BB78DDBD95B2244779FF0B85024C31986C1AA8E167EC1F6D881ACC42594D7476";
    private const string GoldMatchesHash =
        "000F2977AFD3D2D226F6A693FE6EA7B2EAEF88F69B38A7DC42EBB05DF983F738";
    private const string VariedMatchesHash =
        "6ECA0549A75E6FBDFA28012D15BC8C7944C70C71765A11491C041751EC98200F";

    [Fact]
    public void Gold_corpus_pair_scores_are_unchanged() =>
        Check("gold-pairs", GoldPairsHash, Pairs(GoldReports(), new CampaignMatcher(KnownOperationAliases.Default)));

    [Fact]
    public void Varied_pool_pair_scores_are_unchanged() =>
        // Without the alias table too: partial name links ("spamouflage ~ spamouflage dragon") show there.
        Check("varied-pairs", VariedPairsHash, Pairs(VariedReports.Pool(7, 170), new CampaignMatcher(KnownOperationAliases.Default))
            + Pairs(VariedReports.Pool(8, 60), new CampaignMatcher()));

    [Fact]
    public void Gold_corpus_match_outcomes_are_unchanged()
    {
        var items = GoldCorpus.Load(GoldCorpus.GoldPath());
        var campaigns = items.GroupBy(i => i.Campaign, StringComparer.Ordinal)
            .Select(g => new CampaignCandidate(Rpt.IdOf(g.Key), g.Select(i => Rpt.Member(i.Report)).ToList()))
            .ToList();
        Check("gold-matches", GoldMatchesHash, Matches(items.Select(i => i.Report).ToList(), campaigns));
    }

    [Fact]
    public void Varied_pool_match_outcomes_are_unchanged()
    {
        var reports = VariedReports.Pool(11, 150);
        // Campaigns of 1-4 members, several of whose scores tie, so the member order's tie-break is pinned too.
        var campaigns = new List<CampaignCandidate>();
        var rng = new Random(3);
        for (var i = 0; i < reports.Count;)
        {
            var size = Math.Min(rng.Next(1, 5), reports.Count - i);
            campaigns.Add(new CampaignCandidate(Rpt.IdOf("campaign-" + i), reports.Skip(i).Take(size).Select(Rpt.Member).ToList()));
            i += size;
        }
        Check("varied-matches", VariedMatchesHash, Matches(reports, campaigns));
    }

    private static List<ExtractedReport> GoldReports() => GoldCorpus.Load(GoldCorpus.GoldPath()).Select(i => i.Report).ToList();

    private static string Pairs(IReadOnlyList<ExtractedReport> reports, CampaignMatcher matcher)
    {
        var sb = new StringBuilder();
        foreach (var a in reports)
            foreach (var b in reports)
            {
                var s = matcher.Score(a, b);
                sb.Append(a.Source).Append(" | ").Append(b.Source).Append(" | ").Append(s.Linked).Append(" | ")
                    .Append(s.Score.ToString("R", CultureInfo.InvariantCulture)).Append(" | ").AppendJoin(" ; ", s.Reasons).Append('\n');
            }
        return sb.ToString();
    }

    /// <summary>Each report against every campaign (its own included: the replay path) and against all but its own.</summary>
    private static string Matches(IReadOnlyList<ExtractedReport> reports, IReadOnlyList<CampaignCandidate> campaigns)
    {
        var matcher = new CampaignMatcher(KnownOperationAliases.Default);
        var sb = new StringBuilder();
        foreach (var report in reports)
        {
            var member = Rpt.Member(report);
            var others = campaigns.Where(c => c.Members.All(m => m.ReportId != member.ReportId)).ToList();
            foreach (var (label, candidates) in new[] { ("all", campaigns), ("others", others) })
            {
                var outcome = matcher.Match(member, candidates);
                sb.Append(report.Source).Append(' ').Append(label).Append('\n');
                foreach (var m in outcome.Matches)
                    sb.Append("  match ").Append(m.CampaignId).Append(' ').Append(m.Score.ToString("R", CultureInfo.InvariantCulture))
                        .Append(" | ").AppendJoin(" ; ", m.Reasons).Append('\n');
                sb.Append("  new | ").AppendJoin(" ; ", outcome.NewCampaignReasons).Append('\n');
            }
        }
        return sb.ToString();
    }

    private void Check(string name, string expected, string snapshot)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)));
        output.WriteLine($"{name}: {snapshot.Count(c => c == '\n')} lines, {snapshot.Length:N0} chars, sha256 {hash}");
        if (hash == expected) return;
        var dir = Environment.GetEnvironmentVariable("PAIR_SNAPSHOT_DIR") is { Length: > 0 } d ? d : Path.GetTempPath();
        var path = Path.Combine(dir, $"{name}.snapshot.txt");
        File.WriteAllText(path, snapshot);
        Assert.Fail($"{name} snapshot changed: sha256 {hash}, expected {expected}; written to {path}");
    }
}
