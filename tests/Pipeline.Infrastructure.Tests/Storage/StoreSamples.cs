using System.Security.Cryptography;
using System.Text;
using Pipeline.Contracts.Export;
using Pipeline.Contracts.Messages;
using Pipeline.Domain.Reports;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>Records for the store tests, built the way the pipeline builds them.</summary>
internal static class StoreSamples
{
    public static readonly DateTimeOffset Epoch = new(2024, 5, 2, 9, 30, 0, TimeSpan.FromHours(2));

    /// <summary>A stable id from a name, as the pipeline derives report ids from content hashes.</summary>
    public static Guid IdOf(string name) => new(MD5.HashData(Encoding.UTF8.GetBytes(name)));

    public static ReportRecord Report(string name, string? source = null, DateTimeOffset? fetchedAt = null,
        ReportState state = ReportState.Fetched) => new()
    {
        Id = IdOf(name),
        ContentHash = "sha256:" + name,
        Source = source ?? $"samples/{name}.md",
        MediaType = "text/markdown",
        FetchedAt = fetchedAt ?? Epoch,
        State = state,
        UpdatedAt = fetchedAt ?? Epoch,
    };

    public static DocumentRecord Document(string hash, string text, string source = "https://example.org/report") =>
        new(hash, source, "text/html", Encoding.UTF8.GetBytes(text), Epoch);

    public static Evidence Quote(int start, string quote) => new(new TextSpan(start, quote.Length), quote);

    /// <summary>A report with every kind of finding the extractor produces.</summary>
    public static ReportRecord FullyExtracted(string name)
    {
        const string sentence = "Meta removed 652 Pages, groups and accounts linked to Iran targeting the US.";
        var extraction = new ExtractedReport
        {
            Source = $"samples/{name}.md",
            Title = "Taking down coordinated inauthentic behaviour from Iran",
            DescribesTakedown = true,
            ReportedOn = new DateOnly(2018, 8, 21),
            ReportedOnEvidence = Quote(0, "August 21, 2018"),
            OriginCountries = [new Finding("IR", Quote(40, "linked to Iran"))],
            TargetCountries = [new Finding("US", Quote(60, "targeting the US")), new Finding("GB", Quote(80, "and the UK"))],
            TargetRegions = [new Finding("Middle East", Quote(100, "across the Middle East"))],
            OperationNames = [new Finding("Liberty Front Press", Quote(120, "Liberty Front Press"))],
            Actors = [new Finding("IRIB", Quote(140, "state media IRIB"))],
            Partners = [new Finding("FireEye", Quote(160, "a tip from FireEye"))],
            Counts =
            [
                new TakedownCount("facebook", "assets", 652, Quote(0, sentence)),
                new TakedownCount("facebook", "pages", 74, Quote(200, "74 Pages")),
                new TakedownCount("instagram", "accounts", 76, Quote(220, "76 Instagram accounts")),
                new TakedownCount("facebook", "ads_spend_usd", 6000, Quote(240, "about $6,000 on ads")),
            ],
            PresentPlatforms = [new Finding("youtube", Quote(320, "YouTube terminated channels"))],
            Tactics =
            [
                new Tactic("Inauthentic news sites", "T0013", Quote(260, "posed as independent news outlets")),
                new Tactic("Sold merchandise", null, Quote(280, "sold merchandise")),
            ],
            Aliases = [new AliasPair("Liberty Front Press", "LFP", Quote(300, "Liberty Front Press (LFP)"))],
        };
        return Report(name) with
        {
            Title = extraction.Title,
            PublishedOn = new DateOnly(2018, 8, 22),
            State = ReportState.Clustered,
            PreviousVersionId = IdOf(name + "-v1"),
            Extraction = extraction,
            ExtractorVersion = "rules-3",
            CampaignId = IdOf("campaign-" + name),
            Match = new MatchRecord(0.875, ["same operation name", "origin IR"], ClusterDecision.Merged, 3,
                [IdOf("campaign-absorbed-1"), IdOf("campaign-absorbed-2")]),
            FailedStage = null,
            Error = null,
            UpdatedAt = Epoch.AddMinutes(5),
        };
    }

    public static CampaignRecord Campaign(string name, IReadOnlyList<string> keys, Guid? mergedInto = null,
        params Guid[] reportIds) => new()
    {
        Id = IdOf("campaign-" + name),
        Version = 1,
        ReportIds = reportIds,
        Keys = keys,
        MergedInto = mergedInto,
        CreatedAt = Epoch,
        UpdatedAt = Epoch.AddHours(1),
    };

    public static CampaignExport View(string name, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? platforms = null) => new(
        IdOf("view-" + name),
        name,
        Aliases: ["Endless Mayfly"],
        OriginCountries: ["IR"],
        TargetCountries: ["US", "GB"],
        TargetRegions: ["Middle East"],
        Actors: [],
        Partners: ["FireEye"],
        Platforms: platforms ?? new Dictionary<string, IReadOnlyDictionary<string, long>>
        {
            ["facebook"] = new Dictionary<string, long> { ["accounts"] = 652, ["pages"] = 74 },
            ["twitter"] = new Dictionary<string, long> { ["accounts"] = 284 },
        },
        FirstReported: new DateOnly(2018, 8, 21),
        LastReported: new DateOnly(2018, 8, 22),
        Reports:
        [
            new ReportExport("samples/a.md", "A", new DateOnly(2018, 8, 21), ["IR"], ["US"], [],
                new Dictionary<string, IReadOnlyDictionary<string, long>> { ["facebook"] = new Dictionary<string, long> { ["pages"] = 74 } },
                [name], [], [], [new TacticExport("Inauthentic news sites", "T0013")],
                new MatchExport(0.9, ["same name"]), [new EvidenceExport("origin_countries", "IR", "linked to Iran", 40, 14)]),
        ],
        Disagreements: [new FigureDisagreement("facebook", "accounts", 652, [new StatedFigure(652, ["samples/a.md"]), new StatedFigure(600, ["samples/b.md"])])],
        MergedFrom: [IdOf("view-old-" + name)]);

    /// <summary>A source checkpoint with every field set; URLs and paths as keys, some hostile.</summary>
    public static SourceState SourceState(string source) => new()
    {
        Source = source,
        Validators = new Dictionary<string, HttpValidators>
        {
            ["https://about.fb.com/news/tag/coordinated-inauthentic-behavior/feed/"] = new("W/\"5f2c-abc\"", "Tue, 02 Apr 2024 09:30:00 GMT"),
            ["https://example.org/a.b/$where?x=1&y=$gt"] = new(null, "Wed, 03 Apr 2024 10:00:00 GMT"),
            ["https://example.org/etag-only"] = new("\"v1\"", null),
        },
        SeenItems = ["tag:about.fb.com,2024:1@2024-04-02T09:30:00Z", "https://example.org/$set.x", ""],
        Files = new Dictionary<string, FileStamp>
        {
            ["reports/2024/q1.pdf"] = new(1_234_567, Epoch.AddMinutes(-3)),
            ["$inc.md"] = new(0, Epoch),
        },
        LastPolledAt = Epoch.AddTicks(3),
        LastSucceededAt = Epoch.AddMinutes(-30),
        LastError = "HTTP 500 from https://example.org/feed",
        LastErrorAt = Epoch.AddTicks(3),
        ConsecutiveFailures = 2,
        UpdatedAt = Epoch.AddTicks(4),
    };
}
