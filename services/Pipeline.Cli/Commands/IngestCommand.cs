using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application.Export;
using Pipeline.Application.Fetching;
using Pipeline.Application.Hosting;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline ingest &lt;folder&gt;`: the whole pipeline in one process over a folder of reports.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Folder of reports: .txt, .md, .html and .pdf files, searched recursively." };
        var json = new Option<string?>("--json") { Description = "Also write the export JSON to this file, or '-' for stdout (the table then goes to stderr).", HelpName = "file|-" };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "Give up waiting for the pipeline after this long (hh:mm:ss).", DefaultValueFactory = _ => TimeSpan.FromMinutes(30) };
        var connection = new ConnectionOptions();

        var command = new Command("ingest", """
            Fetch every report in a folder, extract, deduplicate and publish campaigns, then print them.
            Runs all four stages in this process: in-memory bus and an embedded store file by default.
            Re-running over the same folder is idempotent: known documents are not processed twice.

            Examples:
              pipeline ingest samples/reports
              pipeline ingest reports/ --json export.json
              pipeline ingest reports/ --rabbitmq amqp://guest:guest@localhost:5672/
            """)
        {
            folder, json, timeout,
        };
        connection.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(
            parse.GetRequiredValue(folder), parse.GetValue(json), parse.GetValue(timeout),
            connection.Resolve(parse, ConnectionOptions.DefaultStoreFor(parse.GetRequiredValue(folder).FullName)), ct));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo folder, string? jsonPath, TimeSpan timeout, PipelineSettings settings, CancellationToken ct)
    {
        var console = jsonPath == "-" ? Console.Error : Console.Out;
        if (!folder.Exists)
        {
            await Console.Error.WriteLineAsync($"error: folder '{folder.FullName}' does not exist.");
            return 2;
        }
        var source = new FolderSource(folder.FullName);
        var files = source.ListFiles();
        if (files.Count == 0)
        {
            await Console.Error.WriteLineAsync($"error: no .txt, .md, .html or .pdf files in '{folder.FullName}'.");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        await Console.Error.WriteLineAsync($"ingest: {files.Count} files from {folder.FullName} ({settings.Describe()})");
        using var host = PipelineHost.Build(settings, PipelineRoles.Extractor | PipelineRoles.Deduplicator | PipelineRoles.Publisher);
        await host.StartAsync(ct);
        var progress = new ProgressLine(Console.Error);
        try
        {
            var reportIds = new HashSet<Guid>();
            var known = 0;
            foreach (var file in files)
            {
                await using var scope = host.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>()
                    .IngestAsync(await source.ReadAsync(file, ct), ct);
                reportIds.Add(result.ReportId);
                if (result.Outcome == IngestOutcome.AlreadyKnown)
                    known++;
                progress.Show($"fetched {reportIds.Count}/{files.Count}" + (known > 0 ? $" ({known} already stored)" : ""));
            }

            var store = host.Services.GetRequiredService<IPipelineStore>();
            var faults = host.Services.GetRequiredService<FaultMonitor>();
            var state = await WaitAsync(store, reportIds, faults, timeout, progress, ct);
            progress.Done($"{state} in {clock.Elapsed.TotalSeconds:F1} s");
            foreach (var (reportId, reason) in faults.Reasons)
                await Console.Error.WriteLineAsync($"  faulted: report {reportId}: {reason}");

            var export = await new ExportBuilder(store).BuildAsync(ct);
            await ExportWriter.WriteAsync(export, jsonPath, ct);
            CampaignTable.Write(console, export);
            if (settings.EmbeddedStorePath is { } path && settings.MongoUri is null)
                await Console.Error.WriteLineAsync($"Stored in {path}; read it back with the campaigns command: campaigns --store {path}");
            if (!state.Complete)
            {
                await Console.Error.WriteLineAsync($"error: the pipeline did not finish within {timeout}; the export above is partial.");
                return 1;
            }
            if (state.Faulted > 0)
            {
                await Console.Error.WriteLineAsync($"error: {state.Faulted} reports faulted after every retry (see above); the export leaves them out. Fix the cause and run ingest again.");
                return 1;
            }
            return 0;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<PipelineProgress> WaitAsync(IPipelineStore store, IReadOnlyCollection<Guid> reportIds, FaultMonitor faults, TimeSpan timeout, ProgressLine progress, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var poll = Stopwatch.StartNew();
            var state = await PipelineProgress.ReadAsync(store, reportIds, ct, faults.Faulted);
            progress.Show(state.ToString());
            if (state.Complete || deadline.Elapsed > timeout)
                return state;
            await Task.Delay(ProgressPolling.Pause(poll.Elapsed), ct);
        }
    }
}
