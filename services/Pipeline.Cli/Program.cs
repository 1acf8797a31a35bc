using Pipeline.Cli;

return await PipelineCommandLine.Build().Parse(args).InvokeAsync();
