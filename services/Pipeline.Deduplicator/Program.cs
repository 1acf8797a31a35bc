using Pipeline.Application.Hosting;

// Deduplicator worker: ReportExtracted → campaign decision committed → ReportClustered.
var builder = Host.CreateApplicationBuilder(args);
builder.AddPipelineObservability();
builder.Services.AddPipeline(builder.Configuration, PipelineRoles.Deduplicator);
builder.Services.AddHealthProbeFile();
builder.Build().Run();
