using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Fetching;
using Pipeline.Application.Hosting;
using Pipeline.Application.Observability;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.DeployTests.Observability;

/// <summary>
/// One trace per report from fetch to store: the whole pipeline in one host (in-memory bus, embedded
/// store, observability as the workers add it) fetches a document from a loopback server, and every
/// span about that report — the fetch, its HTTP request, each later stage's consume — shares one trace id.
/// </summary>
[Collection(PipelineTelemetryCollection.Name)]
public sealed class FetchTraceTests : IAsyncLifetime
{
    private static readonly string[] Sources = [PipelineTelemetry.SourceName, PipelineTelemetry.MassTransitSourceName, PipelineTelemetry.HttpClientSourceName];

    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-trace-").FullName;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private ActivityListener _listener = null!;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        // Records everything, as an OTLP exporter would; the spans of tests running alongside are told apart by trace id.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => Sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _server = await LoopbackServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A lingering store handle; the temp folder is cleaned eventually.
        }
    }

    [Fact]
    public async Task The_fetch_its_http_request_and_every_later_stage_share_one_trace_per_report()
    {
        _server.MapContent("/reports/harbor-lights", () =>
            "Harbor Lights network removed\n\nWe removed 38 Facebook accounts, 9 Pages and 4 Instagram accounts for "
            + "coordinated inauthentic behavior. The network originated in Iran and targeted people in Israel.", "text/plain; charset=utf-8");
        _server.MapContent("/reports/quiet-river", () =>
            "Quiet River network removed\n\nWe took down 17 accounts on X for platform manipulation. The operators "
            + "were based in Ghana and posed as activists in the United States.", "text/plain; charset=utf-8");
        var source = "trace-" + Guid.NewGuid().ToString("N")[..12];
        using var host = BuildHost(source, _server.Url("/reports/harbor-lights"), _server.Url("/reports/quiet-river"));
        await host.StartAsync();

        foreach (var name in new[] { source + "-a", source + "-b" })
        {
            await using var scope = host.Services.CreateAsyncScope();
            var poll = await scope.ServiceProvider.GetRequiredService<SourcePoller>().PollAsync(
                SourceCatalog.All(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FetchOptions>>().Value).Single(s => s.Name == name),
                CancellationToken.None);
            Assert.True(poll.New == 1, poll.ToString());
        }

        var fetches = await WaitForAsync(() =>
        {
            var spans = _stopped.Where(a => a.OperationName == PipelineTelemetry.FetchActivityName
                && ((string?)a.GetTagItem(PipelineTelemetry.SourceKey))?.StartsWith(source, StringComparison.Ordinal) == true).ToList();
            return spans.Count == 2 && spans.All(f => ConsumedMessageTypes(f.TraceId).Count == 3) ? spans : null;
        }, "both reports consumed by the extractor, the deduplicator and the publisher");

        Assert.NotEqual(fetches[0].TraceId, fetches[1].TraceId); // one trace per report, not per poll or per host
        var store = host.Services.GetRequiredService<IPipelineStore>();
        foreach (var fetch in fetches)
        {
            Assert.Equal(default, fetch.ParentSpanId); // the root: the trace starts at the fetch
            var reportId = Assert.IsType<Guid>(fetch.GetTagItem(PipelineTelemetry.ReportIdKey));
            Assert.Equal("new", fetch.GetTagItem(PipelineTelemetry.FetchOutcomeKey));
            var inTrace = _stopped.Where(a => a.TraceId == fetch.TraceId).ToList();

            // The HTTP client span of this document, a child of the fetch span.
            var http = Assert.Single(inTrace, a => a.Source.Name == PipelineTelemetry.HttpClientSourceName && a.Kind == ActivityKind.Client);
            Assert.Equal(fetch.SpanId, http.ParentSpanId);
            Assert.Equal(fetch.GetTagItem(PipelineTelemetry.DocumentKey), http.GetTagItem("url.full"));

            // The ReportFetched publish inside the fetch span, then each later stage's consume, all about this report.
            Assert.Contains(inTrace, a => a.Source.Name == PipelineTelemetry.MassTransitSourceName && a.Kind == ActivityKind.Producer && a.ParentSpanId == fetch.SpanId);
            var consumes = inTrace.Where(a => a.Source.Name == PipelineTelemetry.MassTransitSourceName && a.Kind == ActivityKind.Consumer && a.GetTagItem(PipelineTelemetry.ReportIdKey) is not null).ToList();
            Assert.Equal(["ReportClustered", "ReportExtracted", "ReportFetched"], ConsumedMessageTypes(fetch.TraceId).Order());
            Assert.All(consumes, c => Assert.Equal(reportId, c.GetTagItem(PipelineTelemetry.ReportIdKey)));

            // ...and the stages' work reached the store.
            var report = await store.GetReportAsync(reportId);
            Assert.Equal(ReportState.Clustered, report?.State);
        }
        await host.StopAsync();
    }

    /// <summary>The message types consumed within a trace, read off MassTransit's consume spans.</summary>
    private List<string> ConsumedMessageTypes(ActivityTraceId trace) =>
        _stopped.Where(a => a.TraceId == trace && a.Source.Name == PipelineTelemetry.MassTransitSourceName && a.Kind == ActivityKind.Consumer)
            .Select(a => a.GetTagItem("messaging.masstransit.message_types") as string ?? a.DisplayName)
            .Select(MessageTypeName).OfType<string>().Distinct().ToList();

    private static string? MessageTypeName(string tag) =>
        new[] { "ReportFetched", "ReportExtracted", "ReportClustered" }.FirstOrDefault(t => tag.Contains(t, StringComparison.Ordinal));

    private IHost BuildHost(string source, Uri first, Uri second)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = StoreProvider.Embedded,
            ["Store:EmbeddedPath"] = Path.Combine(_root, "pipeline.sqlite"),
            ["Bus:Transport"] = "InMemory",
            ["Fetch:Sources:0:Name"] = source + "-a",
            ["Fetch:Sources:0:Kind"] = "Url",
            ["Fetch:Sources:0:Url"] = first.AbsoluteUri,
            ["Fetch:Sources:0:AllowPrivateNetwork"] = "true",
            ["Fetch:Sources:1:Name"] = source + "-b",
            ["Fetch:Sources:1:Kind"] = "Url",
            ["Fetch:Sources:1:Url"] = second.AbsoluteUri,
            ["Fetch:Sources:1:AllowPrivateNetwork"] = "true",
        });
        builder.AddPipelineObservability();
        builder.Logging.ClearProviders();
        builder.Services.AddPipeline(builder.Configuration, PipelineRoles.All);
        return builder.Build();
    }

    private async Task<List<Activity>> WaitForAsync(Func<List<Activity>?> found, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (found() is { } result)
                return result;
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                Assert.Fail($"Timed out waiting for: {what}. Spans seen:\n" + string.Join('\n', _stopped.Select(Describe)));
            await Task.Delay(50);
        }
    }

    private static string Describe(Activity a) =>
        $"{a.TraceId} {a.SpanId} <- {a.ParentSpanId} [{a.Source.Name} {a.Kind}] {a.DisplayName} "
        + string.Join(", ", a.TagObjects.Select(t => $"{t.Key}={t.Value}"));
}
