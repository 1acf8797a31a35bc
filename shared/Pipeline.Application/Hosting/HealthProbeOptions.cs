namespace Pipeline.Application.Hosting;

/// <summary>Configuration section "Health": where the worker writes its probe file.</summary>
public sealed class HealthProbeOptions
{
    public const string Section = "Health";

    /// <summary>
    /// Rewritten every <see cref="Interval"/> while the bus and store are healthy; a container probe
    /// checks that it is fresh (`find /tmp/pipeline-healthy -mmin -1`). Empty: no probe file.
    /// </summary>
    public string? ProbeFile { get; set; } = Path.Combine(Path.GetTempPath(), "pipeline-healthy");

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the store's health read (<see cref="StoreHealthCheck"/>) may take before the worker counts as unhealthy.</summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
