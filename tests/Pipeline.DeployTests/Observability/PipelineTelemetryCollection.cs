namespace Pipeline.DeployTests.Observability;

/// <summary>
/// Tests that run pipeline consumers in this process and read the pipeline's meter or activity source. Those
/// listeners see every host in the process, so such tests run one after another: in parallel, one test's
/// fetch would be counted in another's figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PipelineTelemetryCollection
{
    public const string Name = "pipeline telemetry";
}
