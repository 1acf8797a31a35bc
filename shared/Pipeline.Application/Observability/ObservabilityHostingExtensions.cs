using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pipeline.Application.Observability;

// In the hosting namespace (as .NET Aspire's service defaults are) so a worker's Program.cs needs no using.
namespace Microsoft.Extensions.Hosting;

public static class ObservabilityHostingExtensions
{
    /// <summary>The standard OpenTelemetry variable; when set, traces, metrics and logs go there by OTLP.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// For worker hosts (opt-in, so the CLI's console stays as it is): JSON console logs carrying trace
    /// and span ids and the report/campaign ids as baggage; pipeline metrics recorded from the bus; and,
    /// when <see cref="OtlpEndpointVariable"/> is configured, OpenTelemetry traces (pipeline, MassTransit,
    /// HttpClient), metrics and logs exported by OTLP.
    /// </summary>
    public static IHostApplicationBuilder AddPipelineObservability(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.Baggage);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddConsumeObserver<PipelineConsumeObserver>();
        builder.Services.AddPublishObserver<PipelinePublishObserver>();

        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            builder.Services.AddHostedService<TraceContextListener>();
            return builder;
        }

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : builder.Environment.ApplicationName;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing.AddSource(
                PipelineTelemetry.SourceName, PipelineTelemetry.MassTransitSourceName, PipelineTelemetry.HttpClientSourceName))
            .WithMetrics(metrics => metrics.AddMeter(
                PipelineTelemetry.SourceName, PipelineTelemetry.MassTransitSourceName, PipelineTelemetry.HttpClientSourceName, "System.Runtime"))
            .WithLogging(configureBuilder: null, configureOptions: logging => logging.IncludeScopes = true)
            .UseOtlpExporter();
        return builder;
    }
}
