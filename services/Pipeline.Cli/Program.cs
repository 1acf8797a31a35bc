using System.CommandLine;
using Pipeline.Cli;

try
{
    return await PipelineCommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (OperatorErrors.Explain(e) is { } explanation)
{
    // Expected operational failures (broker down, store locked, bad options) get one clear line, not a stack trace.
    await Console.Error.WriteLineAsync("error: " + explanation);
    return 1;
}
