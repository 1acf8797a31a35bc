using System.Diagnostics;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using Pipeline.Application.Observability;
using Pipeline.Contracts.Messages;

namespace Pipeline.DeployTests.Observability;

/// <summary>AddPipelineObservability on a host with the in-memory bus: ids, one trace, metrics, export switch.</summary>
[Collection(PipelineTelemetryCollection.Name)]
public sealed class ObservabilityTests
{
    [Fact]
    public async Task A_consumed_report_carries_its_id_in_baggage_stays_in_the_fetch_trace_and_is_counted()
    {
        using var metrics = new MetricRecorder();
        using var host = BuildHost(x => x.AddConsumer<RecordingConsumer>());
        await host.StartAsync();
        var harness = host.Services.GetRequiredService<ITestHarness>();
        var reportId = Guid.NewGuid();

        ActivityTraceId fetchTrace;
        using (var fetch = PipelineTelemetry.StartFetch("lfp-facebook-2018.txt"))
        {
            Assert.NotNull(fetch); // the trace context listener samples without an OTLP endpoint
            fetchTrace = fetch.TraceId;
            await harness.Bus.Publish(new ReportFetched(reportId, "hash", "lfp-facebook-2018.txt", null, "text/plain", DateTimeOffset.UtcNow));
        }
        Assert.True(await harness.Consumed.Any<ReportFetched>(m => m.Context.Message.ReportId == reportId));
        var seen = await RecordingConsumer.Seen.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(reportId.ToString(), seen.ReportBaggage);
        Assert.Equal(fetchTrace, seen.TraceId);
        await WaitForAsync(() => metrics.Sum("pipeline.reports.processed", ("stage", PipelineStage.Extract)) >= 1);
        Assert.Equal(1, metrics.Sum("pipeline.reports.processed", ("stage", PipelineStage.Fetch)));
        Assert.True(metrics.Count("pipeline.queue.lag") >= 1 && metrics.Count("pipeline.queue.lag", ("queue", "unknown")) == 0, metrics.Dump());
        await host.StopAsync();
    }

    [Fact]
    public async Task A_message_that_fails_for_good_counts_one_failure_by_exception_type()
    {
        using var metrics = new MetricRecorder();
        using var host = BuildHost(x => x.AddConsumer<FailingConsumer>());
        await host.StartAsync();
        var harness = host.Services.GetRequiredService<ITestHarness>();

        await harness.Bus.Publish(new ReportExtracted(Guid.NewGuid(), "x.txt", true, [], [], "1", DateTimeOffset.UtcNow));
        Assert.True(await harness.Published.Any<Fault<ReportExtracted>>());

        await WaitForAsync(() => metrics.Sum("pipeline.reports.failed", ("stage", PipelineStage.Deduplicate)) >= 1);
        Assert.Equal(1, metrics.Sum("pipeline.reports.failed", ("stage", PipelineStage.Deduplicate), ("reason", nameof(InvalidOperationException))));
        await host.StopAsync();
    }

    [Fact]
    public async Task Decisions_and_permanent_failures_are_counted_from_what_the_workers_publish()
    {
        using var metrics = new MetricRecorder();
        using var host = BuildHost(_ => { });
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();

        await bus.Publish(new ReportClustered(Guid.NewGuid(), Guid.NewGuid(), ClusterDecision.Merged, 0.9, [], [Guid.NewGuid()], 3, DateTimeOffset.UtcNow));
        await bus.Publish(new ReportFailed(Guid.NewGuid(), "broken.pdf", "extract", "unreadable PDF: xref at 1234 is damaged", DateTimeOffset.UtcNow));

        await WaitForAsync(() => metrics.Sum("pipeline.dedup.decisions", ("decision", "merged")) >= 1
            && metrics.Sum("pipeline.reports.failed", ("stage", "extract"), ("reason", "unreadable_pdf")) >= 1);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("unreadable PDF: xref at 1234", "unreadable_pdf")]
    [InlineData("document larger than 20971520 bytes", "other")]
    [InlineData("Empty document", "empty_document")]
    [InlineData("C:\\reports\\x.pdf: bad", "other")]
    [InlineData(null, "other")]
    public void Failure_reasons_become_bounded_tags(string? reason, string expected) =>
        Assert.Equal(expected, FailureReason.Of(reason));

    [Fact]
    public void Otlp_export_is_wired_only_when_the_endpoint_is_configured()
    {
        using (var withoutEndpoint = BuildHost(_ => { }))
            Assert.Null(withoutEndpoint.Services.GetService<TracerProvider>());

        using var withEndpoint = BuildHost(_ => { }, new() { [ObservabilityHostingExtensions.OtlpEndpointVariable] = "http://127.0.0.1:4317" });
        Assert.NotNull(withEndpoint.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void Console_logs_are_json_with_trace_ids_and_baggage()
    {
        using var host = BuildHost(_ => { });
        Assert.Equal(ConsoleFormatterNames.Json, host.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
        var tracking = host.Services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions;
        Assert.True(tracking.HasFlag(ActivityTrackingOptions.TraceId) && tracking.HasFlag(ActivityTrackingOptions.Baggage));
    }

    private static IHost BuildHost(Action<IBusRegistrationConfigurator> consumers, Dictionary<string, string?>? configuration = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration ?? []);
        builder.AddPipelineObservability();
        builder.Logging.ClearProviders(); // keep test output quiet; the options above are what is checked
        builder.Services.AddMassTransitTestHarness(consumers);
        return builder.Build();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 50)
        {
            Assert.True(waited < 10_000, "metric not recorded within 10 s");
            await Task.Delay(50);
        }
    }

    private sealed class RecordingConsumer : IConsumer<ReportFetched>
    {
        public static readonly TaskCompletionSource<(string? ReportBaggage, ActivityTraceId? TraceId)> Seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Consume(ConsumeContext<ReportFetched> context)
        {
            Seen.TrySetResult((Activity.Current?.GetBaggageItem(PipelineTelemetry.ReportIdKey), Activity.Current?.TraceId));
            return Task.CompletedTask;
        }
    }

    private sealed class FailingConsumer : IConsumer<ReportExtracted>
    {
        public Task Consume(ConsumeContext<ReportExtracted> context) => throw new InvalidOperationException("store unavailable");
    }
}
