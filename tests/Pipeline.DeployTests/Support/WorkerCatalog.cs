using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Alerting;
using Pipeline.Application.Hosting;

namespace Pipeline.DeployTests.Support;

/// <summary>
/// Each deployable worker: its compose/k8s service name, its project, the RabbitMQ user it runs as, and
/// the registration its Program.cs makes (which decides which options it reads and validates).
/// </summary>
internal sealed record Worker(string Service, string Project, string? Queue, Action<IServiceCollection, IConfiguration> Register)
{
    public string ProjectFile => $"services/{Project}/{Project}.csproj";

    public string AppSettings => RepoPaths.Of("services", Project, "appsettings.json");

    public string RabbitMqUser => Service;

    public override string ToString() => Service;
}

internal static class WorkerCatalog
{
    public static readonly IReadOnlyList<Worker> All =
    [
        new("fetcher", "Pipeline.Fetcher", null, (s, c) => s.AddPipeline(c, PipelineRoles.Fetcher)),
        new("extractor", "Pipeline.Extractor", "extract-report", (s, c) => s.AddPipeline(c, PipelineRoles.Extractor)),
        new("deduplicator", "Pipeline.Deduplicator", "cluster-report", (s, c) => s.AddPipeline(c, PipelineRoles.Deduplicator)),
        new("publisher", "Pipeline.Publisher", "publish-campaign", (s, c) => s.AddPipeline(c, PipelineRoles.Publisher)),
        new("alerting", "Pipeline.Alerting", AlertingQueue.Name, (s, c) => s.AddCampaignAlerting(c)),
    ];

    public static Worker Named(string service) => All.Single(w => w.Service == service);

    public static TheoryData<string> Services() => new(All.Select(w => w.Service));
}
