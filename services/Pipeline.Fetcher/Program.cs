using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Pipeline.Application.Fetching;
using Pipeline.Application.Hosting;

// Fetcher worker: polls the configured sources, stores each new document once → ReportFetched.
var builder = Host.CreateApplicationBuilder(args);
builder.AddPipelineObservability();
// The default sources (sources.json, all disabled) go below appsettings, environment and command
// line, which enable or override them by index (Fetch__Sources__0__Enabled=true) or add more (index 10 on).
builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
{
    Path = "sources.json",
    Optional = false,
    FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
});
builder.Services.AddPipeline(builder.Configuration, PipelineRoles.Fetcher);
builder.Services.AddHostedService<FetchWorker>();
builder.Services.AddHealthProbeFile();
builder.Build().Run();
