namespace Pipeline.Application.Hosting;

/// <summary>Configuration section "Health": where the worker writes its readiness and liveness files.</summary>
public sealed class HealthProbeOptions
{
    public const string Section = "Health";

    /// <summary>
    /// Tag of the health checks that test an external dependency (the store, and MassTransit's bus checks,
    /// which MassTransit tags "ready" by default): they decide readiness, never liveness.
    /// </summary>
    public const string DependencyTag = "ready";

    /// <summary>
    /// Readiness: rewritten every <see cref="Interval"/> while every health check (bus, broker connection, store) is healthy
    /// and deleted otherwise; a container probe checks that it is fresh (`find /tmp/pipeline-healthy -mmin -1`).
    /// Empty: no readiness file.
    /// </summary>
    public string? ProbeFile { get; set; } = Path.Combine(Path.GetTempPath(), "pipeline-healthy");

    /// <summary>
    /// Liveness: rewritten every <see cref="Interval"/> while the probe loop runs and every check not tagged
    /// <see cref="DependencyTag"/> is healthy, whatever the broker and store do; it goes stale only when the
    /// process itself is stuck (`find /tmp/pipeline-alive -mmin -1`). Empty: no liveness file.
    /// </summary>
    public string? LiveFile { get; set; } = Path.Combine(Path.GetTempPath(), "pipeline-alive");

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the store's health read (<see cref="StoreHealthCheck"/>) may take before the worker counts as unhealthy.</summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
