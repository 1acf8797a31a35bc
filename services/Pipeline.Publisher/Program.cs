using Pipeline.Application.Hosting;

// Campaign publisher worker: ReportClustered → campaign view stored → CampaignDetected/Updated/Merged.
var builder = Host.CreateApplicationBuilder(args);
builder.AddPipelineObservability();
builder.Services.AddPipeline(builder.Configuration, PipelineRoles.Publisher);
builder.Services.AddHealthProbeFile();
builder.Build().Run();
