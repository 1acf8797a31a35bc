using Pipeline.Application.Hosting;

// Extractor worker: ReportFetched → extraction stored → ReportExtracted.
var builder = Host.CreateApplicationBuilder(args);
builder.AddPipelineObservability();
builder.Services.AddPipeline(builder.Configuration, PipelineRoles.Extractor);
builder.Services.AddHealthProbeFile();
builder.Build().Run();
