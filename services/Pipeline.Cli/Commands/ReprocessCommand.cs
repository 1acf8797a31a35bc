using System.CommandLine;
using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application.Export;
using Pipeline.Application.Hosting;
using Pipeline.Application.Observability;
using Pipeline.Contracts.Messages;
using Pipeline.Domain.Extraction;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline reprocess`: re-runs extraction over stored documents read by an older extractor.</summary>
internal static class ReprocessCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Re-read every report, not only those read by another extractor version." };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "Give up waiting after this long.", DefaultValueFactory = _ => TimeSpan.FromMinutes(30) };
        var connection = new ConnectionOptions();
        var command = new Command("reprocess", """
            Re-run extraction over the stored raw documents, e.g. after upgrading the extractor or its
            knowledge bases, including reports an older extractor failed to read. Reports keep their
            campaign; campaign views are rebuilt from the new readings, so figures are never counted twice.
            Reports that now describe a takedown are clustered.
            Runs the extract/deduplicate/publish stages in this process.

            Example:
              pipeline reprocess --store .data/reports-1a2b3c4d.db
            """)
        {
            all, timeout,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = connection.Resolve(parse, defaultStorePath: null);
            await using (var check = await OpenedStore.OpenAsync(settings, ct))
            {
                if (check is null)
                    return 2;
            }
            using var host = PipelineHost.Build(settings, PipelineRoles.Extractor | PipelineRoles.Deduplicator | PipelineRoles.Publisher);
            await host.StartAsync(ct);
            try
            {
                return await RunAsync(host, parse.GetValue(all), parse.GetValue(timeout), ct);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(IHost host, bool all, TimeSpan timeout, CancellationToken ct)
    {
        var store = host.Services.GetRequiredService<IPipelineStore>();
        var version = host.Services.GetRequiredService<IReportExtractor>().Version;
        // Reports that were read, and reports whose reading failed (a newer extractor may read them);
        // not those still waiting for their first reading, nor those a later stage failed.
        var stale = (await store.ListReportsAsync(cancellationToken: ct))
            .Where(r => (r.Extraction is not null || r is { State: ReportState.Failed, FailedStage: PipelineStage.Extract })
                && (all || r.ExtractorVersion != version))
            .ToArray();
        await Console.Error.WriteLineAsync($"reprocess: {stale.Length} reports to re-read with extractor {version}");
        if (stale.Length == 0)
            return 0;

        // Under --all the version already matches: clear it so the extractor sees the report as stale.
        if (all)
        {
            foreach (var report in stale.Where(r => r.ExtractorVersion == version))
                await store.SaveReportAsync(report with { ExtractorVersion = "reprocess-requested" }, ct);
        }

        var bus = host.Services.GetRequiredService<IBus>();
        foreach (var report in stale)
            await bus.Publish(new ReportFetched(report.Id, report.ContentHash, report.Source, report.Title, report.MediaType, report.FetchedAt, Reprocess: true), ct);

        var progress = new ProgressLine(Console.Error);
        var ids = stale.Select(r => r.Id).ToArray();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var poll = Stopwatch.StartNew();
            var reports = await store.GetReportsAsync(ids, ct);
            var done = reports.Count(r => r.ExtractorVersion == version);
            var state = await PipelineProgress.ReadAsync(store, ids, ct);
            progress.Show($"re-read {done}/{ids.Length}; {state}");
            if (done == ids.Length && state.Complete)
            {
                progress.Done($"re-read {done}/{ids.Length} in {clock.Elapsed.TotalSeconds:F1} s; {state}");
                return 0;
            }
            if (clock.Elapsed > timeout)
            {
                progress.Done($"gave up after {timeout}: re-read {done}/{ids.Length}");
                return 1;
            }
            await Task.Delay(ProgressPolling.Pause(poll.Elapsed), ct);
        }
    }
}
