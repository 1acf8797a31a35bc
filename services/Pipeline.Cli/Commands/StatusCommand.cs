using System.CommandLine;
using Pipeline.Infrastructure.Messaging;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline status`: queues, reports by state, campaigns and sources at a glance.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var connection = new ConnectionOptions();
        var command = new Command("status", """
            Show the pipeline's state: per endpoint the queue depth, consumers and _error/_skipped counts
            (needs --rabbitmq), reports by state, live and merged campaigns, and each fetch source's last
            poll and error and the documents it gave up on (404, refused, too large...) (needs --store or --mongo).

            Example:
              pipeline status --rabbitmq amqp://guest:guest@localhost:5672/ --store .data/pipeline.db
            """);
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = connection.Resolve(parse, defaultStorePath: null);
            if (settings.RabbitMqUri is null && settings.MongoUri is null && settings.EmbeddedStorePath is null)
            {
                await Console.Error.WriteLineAsync("error: nothing to inspect: pass --rabbitmq <uri> for queues and/or --store <file> / --mongo <uri> for reports and campaigns.");
                return 2;
            }
            if (settings.RabbitMqUri is not null)
                await WriteQueuesAsync(new Uri(settings.RabbitMqUri), ct);
            else
                Console.WriteLine("Queues: no --rabbitmq given (the in-memory bus has no queues to inspect).");

            if (settings.MongoUri is null && settings.EmbeddedStorePath is null)
                return 0;
            await using var opened = await OpenedStore.OpenAsync(settings, ct);
            if (opened is null)
                return 2;
            await WriteStoreAsync(opened.Store, ct);
            return 0;
        });
        return command;
    }

    private static async Task WriteQueuesAsync(Uri rabbitMq, CancellationToken ct)
    {
        await using var admin = new QueueAdmin(rabbitMq);
        Console.WriteLine($"Queues on {BusOptions.Redact(rabbitMq.ToString())}:");
        Console.WriteLine($"  {"ENDPOINT",-20} {"READY",8} {"CONSUMERS",10} {"_ERROR",8} {"_SKIPPED",9}");
        foreach (var queue in QueueNames.All)
        {
            var main = await admin.InspectAsync(queue, ct);
            var error = await admin.InspectAsync(QueueNames.Error(queue), ct);
            var skipped = await admin.InspectAsync(QueueNames.Skipped(queue), ct);
            Console.WriteLine($"  {queue,-20} {Count(main.Messages),8} {Count(main.Consumers),10} {Count(error.Messages),8} {Count(skipped.Messages),9}");
        }
        Console.WriteLine("  (- : queue not declared yet)");
    }

    private static async Task WriteStoreAsync(IPipelineStore store, CancellationToken ct)
    {
        var states = await store.CountReportsByStateAsync(ct);
        Console.WriteLine("Reports: " + string.Join(", ", Enum.GetValues<ReportState>().Select(s => $"{s.ToString().ToLowerInvariant()} {states.GetValueOrDefault(s)}")));
        var campaigns = await store.ListCampaignsAsync(includeMerged: true, ct);
        Console.WriteLine($"Campaigns: {campaigns.Count(c => c.MergedInto is null)} live, {campaigns.Count(c => c.MergedInto is not null)} merged into others");
        var sources = await store.ListSourceStatesAsync(ct);
        if (sources.Count == 0)
            return;
        Console.WriteLine("Sources:");
        foreach (var source in sources)
        {
            var error = source.LastError is null ? "ok" : $"error x{source.ConsecutiveFailures}: {source.LastError}";
            Console.WriteLine($"  {source.Source,-24} last poll {source.LastPolledAt?.ToString("u") ?? "never",-22} {error}");
            if (source.FailedItems.Count > 0)
                Console.WriteLine($"    {source.FailedItems.Count} document{(source.FailedItems.Count == 1 ? "" : "s")} given up on (newest first; fixed ones leave the list):");
            foreach (var failed in source.FailedItems.Reverse())
                Console.WriteLine($"    {failed.At.ToString("u"),-22} {failed.Item}: {failed.Reason}");
        }
    }

    private static string Count(uint? value) => value?.ToString() ?? "-";
}
