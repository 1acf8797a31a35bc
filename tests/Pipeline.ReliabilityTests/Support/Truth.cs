using System.Text;
using Pipeline.Application.Hosting;
using Pipeline.Application.Publishing;
using Pipeline.Cli.Bench;
using Pipeline.Contracts.Export;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.ReliabilityTests.Support;

/// <summary>
/// A synthetic corpus with its ground truth (which invented operation each file describes), and the
/// campaign views a clean, fault-free computation gives for it: each true operation's reports read and
/// extracted with the production reader and extractor, and built into a view by the production
/// CampaignViewBuilder. A faulty run must end with exactly these campaigns and figures.
/// </summary>
internal sealed class Truth
{
    private readonly IReadOnlyList<SyntheticReport> _reports;

    public Truth(int operations, int reportsPerOperation, int seed)
    {
        _reports = new SyntheticCorpus(seed).Generate(operations, reportsPerOperation);
        Operations = _reports.GroupBy(r => r.OperationName).ToDictionary(g => g.Key, g => (IReadOnlyList<SyntheticReport>)g.ToList());
    }

    public IReadOnlyList<SyntheticReport> Reports => _reports;

    public IReadOnlyDictionary<string, IReadOnlyList<SyntheticReport>> Operations { get; }

    public static Guid ReportIdOf(SyntheticReport report) => ContentHash.ReportId(ContentHash.Of(Encoding.UTF8.GetBytes(report.Text)));

    public async Task DropAllAsync(PipelineUnderTest pipeline)
    {
        foreach (var report in _reports)
            await pipeline.DropAsync(report.FileName, report.Text);
    }

    /// <summary>The expected view of each operation, keyed by operation name: platforms, report sources.</summary>
    public IReadOnlyDictionary<string, CampaignExport> CleanViews()
    {
        var reader = new DocumentReader();
        var extractor = DomainServices.CreateExtractor();
        var views = new Dictionary<string, CampaignExport>(StringComparer.Ordinal);
        foreach (var (operation, reports) in Operations)
        {
            var members = reports.Select(r =>
            {
                var bytes = Encoding.UTF8.GetBytes(r.Text);
                var hash = ContentHash.Of(bytes);
                var extraction = extractor.Extract(reader.Read(r.FileName, MediaTypes.Text, bytes));
                return new ReportRecord
                {
                    Id = ContentHash.ReportId(hash), ContentHash = hash, Source = r.FileName, MediaType = MediaTypes.Text,
                    FetchedAt = DateTimeOffset.UnixEpoch, Extraction = extraction, ExtractorVersion = extractor.Version,
                    State = ReportState.Clustered,
                };
            }).ToArray();
            var campaign = new CampaignRecord
            {
                Id = Guid.Empty, Version = 1, ReportIds = members.Select(m => m.Id).ToArray(), Keys = [],
                CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
            };
            views[operation] = CampaignViewBuilder.Build(campaign, members, DomainServices.KnownAliases);
        }
        return views;
    }

    /// <summary>
    /// Checks the settled pipeline against the truth: every report stored once and clustered; one
    /// campaign per operation holding exactly its reports; platforms and figures as the clean computation.
    /// </summary>
    public void AssertMatches(PipelineSnapshot snapshot)
    {
        var expectedIds = _reports.ToDictionary(ReportIdOf, r => r);
        var stored = snapshot.Reports.Where(r => expectedIds.ContainsKey(r.Id)).ToList();
        Assert.Equal(_reports.Count, stored.Count);
        Assert.Equal(stored.Count, stored.Select(r => r.Id).Distinct().Count());
        var files = _reports.Select(r => r.FileName).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(_reports.Count, snapshot.Reports.Count(r => files.Contains(r.Source))); // one report per file, no second version
        Assert.All(stored, r => Assert.True(r.State == ReportState.Clustered, $"{r.Source} is {r.State}: {r.Error}"));

        // Each report belongs to exactly one live campaign, and each campaign to exactly one operation.
        var membership = snapshot.Campaigns.SelectMany(c => c.ReportIds.Select(id => (Report: id, Campaign: c.Id))).ToList();
        Assert.Equal(membership.Count, membership.Select(m => m.Report).Distinct().Count());
        var clean = CleanViews();
        var viewsById = snapshot.Views.ToDictionary(v => v.Id);
        foreach (var campaign in snapshot.Campaigns)
        {
            Assert.Equal(campaign.ReportIds.Count, campaign.ReportIds.Distinct().Count());
            var operations = campaign.ReportIds.Where(expectedIds.ContainsKey).Select(id => expectedIds[id].OperationName).Distinct().ToList();
            Assert.True(operations.Count == 1, $"campaign {campaign.Id} holds reports of {operations.Count} operations ({string.Join(", ", operations)}): " +
                                               "the clustering itself differs from the synthetic truth");
            var operation = operations[0];
            var expected = clean[operation];
            Assert.Equal(Operations[operation].Select(r => r.FileName).Order(), campaign.ReportIds.Select(id => expectedIds[id].FileName).Order());

            var view = viewsById[campaign.Id];
            Assert.Equal(expected.Reports.Count, view.Reports.Count);
            Assert.Equal(expected.Reports.Select(r => r.Source).Order(), view.Reports.Select(r => r.Source).Order());
            Assert.Equal(Flatten(expected.Platforms), Flatten(view.Platforms));
            Assert.Equal(expected.Name, view.Name);
            Assert.Equal(expected.OriginCountries, view.OriginCountries);
        }
        Assert.Equal(Operations.Count, snapshot.Campaigns.Count);
    }

    public static string Flatten(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> platforms) =>
        string.Join("; ", platforms.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + ": " + string.Join(", ", p.Value.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))));
}
