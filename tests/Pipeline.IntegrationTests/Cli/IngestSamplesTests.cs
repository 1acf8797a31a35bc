using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using Pipeline.Contracts.Export;
using Pipeline.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Pipeline.IntegrationTests.Cli;

/// <summary>The README's run command over the bundled samples, checked against samples/expectations.json.</summary>
public sealed class IngestSamplesTests : IClassFixture<IngestSamplesTests.SamplesRun>
{
    /// <summary>One ingest of the samples shared by the tests (it is the slow part).</summary>
    public sealed class SamplesRun : IAsyncLifetime
    {
        private readonly TempDirectory _temp = new();
        public string StorePath => _temp.File("samples.db");
        public string ExportPath => _temp.File("export.json");
        public CliRunner.Result Result { get; private set; } = null!;
        public string ExportJson { get; private set; } = "";
        public ExportDocument Export { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Result = await CliRunner.RunAsync(["ingest", RepoPaths.Of("samples", "reports"), "--json", ExportPath, "--store", StorePath]);
            if (File.Exists(ExportPath))
            {
                ExportJson = await File.ReadAllTextAsync(ExportPath);
                Export = JsonSerializer.Deserialize<ExportDocument>(ExportJson, ExportDocument.JsonOptions)!;
            }
        }

        public Task DisposeAsync()
        {
            _temp.Dispose();
            return Task.CompletedTask;
        }
    }

    private readonly SamplesRun _run;
    private readonly SampleExpectations _expected = SampleExpectations.Load(RepoPaths.Of("samples", "expectations.json"));

    public IngestSamplesTests(ITestOutputHelper output, SamplesRun run)
    {
        _run = run;
        output.WriteLine(run.Result.StandardOutput);
        output.WriteLine(run.Result.StandardError);
    }

    [Fact]
    public void Ingest_succeeds_and_prints_the_campaign_table()
    {
        Assert.Equal(0, _run.Result.ExitCode);
        Assert.Contains("CAMPAIGN", _run.Result.StandardOutput);
        Assert.Contains($"{_expected.Campaigns.Count} campaigns from", _run.Result.StandardOutput);
        // A sample says Blogger blogs were removed without a figure: the cell says so instead of a blank.
        Assert.Contains("blogger (no figure)", _run.Result.StandardOutput);
        Assert.DoesNotContain(" ;", _run.Result.StandardOutput);
    }

    [Fact]
    public async Task Export_validates_against_the_schema()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Of("schema", "export.schema.json"));
        var errors = schema.Validate(_run.ExportJson);
        Assert.True(errors.Count == 0, string.Join('\n', errors.Take(20)));
    }

    [Theory]
    [InlineData("platforms", "myspace")]
    [InlineData("origin_countries", "Iran")]
    public async Task The_schema_rejects_keys_and_codes_outside_the_contract(string field, string bad)
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Of("schema", "export.schema.json"));
        var export = JsonNode.Parse(_run.ExportJson)!;
        var campaign = export["campaigns"]![0]!;
        if (field == "platforms")
            campaign["platforms"]![bad] = new JsonObject { ["accounts"] = 1 };
        else
            campaign[field]!.AsArray().Add(bad);
        Assert.NotEmpty(schema.Validate(export.ToJsonString()));
    }

    [Fact]
    public void Each_expected_campaign_is_exactly_one_campaign()
    {
        Assert.Equal(_expected.Campaigns.Count, _run.Export.Campaigns.Count);
        foreach (var expected in _expected.Campaigns)
        {
            var holding = _run.Export.Campaigns.Where(c => c.Reports.Any(r => expected.Files.Contains(r.Source))).ToArray();
            Assert.True(holding.Length == 1, $"{expected.Key}: its files are spread over {holding.Length} campaigns: {string.Join(" | ", holding.Select(h => h.Name))}");
            Assert.Equal(expected.Files.Order(), holding[0].Reports.Select(r => r.Source).Order());
            // Exactly the expected origins: a country read from a passage about another network is a wrong origin, not an extra.
            Assert.True(holding[0].OriginCountries.Order().SequenceEqual(expected.OriginCountries.Order()),
                $"{expected.Key}: origins {string.Join(",", holding[0].OriginCountries.Order())}, expected {string.Join(",", expected.OriginCountries.Order())}");
        }
    }

    [Fact]
    public void The_pair_reported_under_different_names_is_merged()
    {
        var campaign = Assert.Single(_run.Export.Campaigns, c => c.Reports.Any(r => r.Source == _expected.MergedPair[0]));
        Assert.Contains(campaign.Reports, r => r.Source == _expected.MergedPair[1]);
        Assert.NotEmpty(campaign.Aliases);
    }

    [Fact]
    public void Campaign_figures_match_what_the_samples_state()
    {
        var misses = new List<string>();
        foreach (var expected in _expected.Campaigns)
        {
            var campaign = _run.Export.Campaigns.Single(c => c.Reports.Any(r => expected.Files.Contains(r.Source)));
            foreach (var figure in expected.Figures)
            {
                var actual = campaign.Platforms.GetValueOrDefault(figure.Platform)?.GetValueOrDefault(figure.Asset);
                if (actual != figure.Count)
                    misses.Add($"{expected.Key}: {figure.Platform}.{figure.Asset} expected {figure.Count}, got {actual?.ToString() ?? "nothing"}");
            }
        }
        Assert.True(misses.Count == 0, string.Join('\n', misses));
    }

    [Fact]
    public void Texts_describing_no_takedown_are_unmatched()
    {
        Assert.Equal(_expected.Unmatched.Order(), _run.Export.Unmatched.Select(r => r.Source).Order());
        Assert.Empty(_run.Export.Failed);
    }

    [Fact]
    public async Task Ingesting_the_same_folder_again_changes_nothing()
    {
        var again = _run.ExportPath + ".again.json";
        var result = await CliRunner.RunAsync(["ingest", RepoPaths.Of("samples", "reports"), "--json", again, "--store", _run.StorePath]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("already stored", result.StandardError);
        var second = JsonSerializer.Deserialize<ExportDocument>(await File.ReadAllTextAsync(again), ExportDocument.JsonOptions)!;
        Assert.Equal(
            _run.Export.Campaigns.Select(c => (c.Id, c.Reports.Count, JsonSerializer.Serialize(c.Platforms))),
            second.Campaigns.Select(c => (c.Id, c.Reports.Count, JsonSerializer.Serialize(c.Platforms))));
    }

    [Fact]
    public void A_platform_present_without_a_figure_is_an_empty_object_in_its_report_and_campaign()
    {
        var json = JsonNode.Parse(_run.ExportJson)!;
        var present = new List<string>();
        foreach (var campaign in json["campaigns"]!.AsArray())
        {
            var campaignPlatforms = campaign!["platforms"]!.AsObject();
            foreach (var report in campaign["reports"]!.AsArray())
            {
                foreach (var (platform, row) in report!["platforms"]!.AsObject())
                {
                    // every platform of a member report is the campaign's too, and a figure-less one is backed by evidence
                    Assert.True(campaignPlatforms.ContainsKey(platform), $"{report["source"]}: {platform} missing from its campaign");
                    if (row!.AsObject().Count > 0)
                        continue;
                    present.Add($"{report["source"]}:{platform}");
                    Assert.Contains(report["evidence"]!.AsArray(), e => (string?)e!["field"] == "platforms" && (string?)e["value"] == platform);
                    var figuresElsewhere = campaign["reports"]!.AsArray().Any(r => r!["platforms"]![platform] is JsonObject o && o.Count > 0);
                    Assert.Equal(figuresElsewhere, campaignPlatforms[platform]!.AsObject().Count > 0);
                }
            }
        }
        Assert.NotEmpty(present); // the samples include removals reported without a figure ("… blogs were terminated")
    }
}
