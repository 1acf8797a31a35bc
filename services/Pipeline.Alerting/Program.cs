using Pipeline.Alerting;

// Alerting worker: CampaignDetected / CampaignUpdated / CampaignsMerged → filter → POST to a webhook.
var builder = Host.CreateApplicationBuilder(args);
builder.AddPipelineObservability();
builder.Services.AddCampaignAlerting(builder.Configuration);
builder.Build().Run();
