using Pipeline.Application.Fetching;
using Pipeline.Application.Hosting;

// Fetcher worker: polls the configured sources, stores each new document once → ReportFetched.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddPipeline(builder.Configuration, PipelineRoles.Fetcher);
builder.Services.AddHostedService<FetchWorker>();
builder.Services.AddHealthProbeFile();
builder.Build().Run();
