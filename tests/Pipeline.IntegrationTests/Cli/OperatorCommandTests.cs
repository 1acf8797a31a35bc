using System.Text;
using System.Text.Json;
using Pipeline.Contracts.Export;
using Pipeline.Infrastructure.Messaging;
using Pipeline.Infrastructure.Storage;
using Pipeline.IntegrationTests.Infrastructure;
using RabbitMQ.Client;

namespace Pipeline.IntegrationTests.Cli;

/// <summary>The operator commands, run as the real executable against a real store and the local RabbitMQ.</summary>
public sealed class OperatorCommandTests
{
    private readonly RabbitMqBroker _broker = new();

    [Fact]
    public async Task Reprocess_rereads_stale_reports_without_counting_anything_twice()
    {
        using var temp = new TempDirectory();
        var store = temp.File("samples.db");
        var first = temp.File("first.json");
        Assert.Equal(0, (await CliRunner.RunAsync(["ingest", RepoPaths.Of("samples", "reports"), "--store", store, "--json", first])).ExitCode);

        // Pretend an older extractor read everything.
        using (var opened = new Pipeline.Infrastructure.Storage.Sqlite.SqlitePipelineStore(store, TimeSpan.FromSeconds(15)))
        {
            foreach (var report in await opened.ListReportsAsync())
                await opened.SaveReportAsync(report with { ExtractorVersion = "rules-0" });
        }

        var run = await CliRunner.RunAsync(["reprocess", "--store", store]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("27 reports to re-read", run.StandardError);

        var second = temp.File("second.json");
        Assert.Equal(0, (await CliRunner.RunAsync(["campaigns", "--store", store, "--json", second])).ExitCode);
        Assert.Equal(Summary(first), Summary(second));
        using (var opened = new Pipeline.Infrastructure.Storage.Sqlite.SqlitePipelineStore(store, TimeSpan.FromSeconds(15)))
            Assert.DoesNotContain(await opened.ListReportsAsync(), r => r.ExtractorVersion == "rules-0");
    }

    /// <summary>
    /// Reports an older extractor failed to read (one that recorded its version, one from before versions
    /// were recorded on failure) are re-read by `reprocess`: one joins its campaign, the other is unmatched,
    /// and every figure equals a run where they were read the first time.
    /// </summary>
    [Fact]
    public async Task Reprocess_rereads_reports_an_older_extractor_failed_on_and_counts_them_once()
    {
        using var temp = new TempDirectory();
        var full = temp.File("full.db");
        var reference = temp.File("reference.json");
        Assert.Equal(0, (await CliRunner.RunAsync(["ingest", RepoPaths.Of("samples", "reports"), "--store", full, "--json", reference])).ExitCode);

        ReportRecord clustered, unmatched;
        DocumentRecord clusteredDocument, unmatchedDocument;
        string version;
        using (var opened = new Pipeline.Infrastructure.Storage.Sqlite.SqlitePipelineStore(full, TimeSpan.FromSeconds(15)))
        {
            var reports = await opened.ListReportsAsync();
            version = reports.Select(r => r.ExtractorVersion).Distinct().Single()!;
            // A member of the largest campaign (its other members still form it without this one), and an unmatched report.
            var campaign = (await opened.ListCampaignsAsync()).OrderByDescending(c => c.ReportIds.Count).First();
            Assert.True(campaign.ReportIds.Count >= 3, $"the samples' largest campaign has {campaign.ReportIds.Count} reports");
            clustered = reports.Where(r => campaign.ReportIds.Contains(r.Id)).OrderBy(r => r.Source, StringComparer.Ordinal).First();
            unmatched = reports.Where(r => r.State == ReportState.Unmatched).OrderBy(r => r.Source, StringComparer.Ordinal).First();
            clusteredDocument = (await opened.GetDocumentAsync(clustered.ContentHash))!;
            unmatchedDocument = (await opened.GetDocumentAsync(unmatched.ContentHash))!;
        }

        // The same samples without those two, then the two stored as an older extractor left them: failed.
        var partialInbox = Directory.CreateDirectory(temp.File("inbox")).FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Of("samples", "reports")))
        {
            if (Path.GetFileName(file) is var name && name != clustered.Source && name != unmatched.Source)
                File.Copy(file, Path.Combine(partialInbox, name));
        }
        Assert.Equal(25, Directory.GetFiles(partialInbox).Length);
        var store = temp.File("partial.db");
        Assert.Equal(0, (await CliRunner.RunAsync(["ingest", partialInbox, "--store", store])).ExitCode);
        using (var opened = new Pipeline.Infrastructure.Storage.Sqlite.SqlitePipelineStore(store, TimeSpan.FromSeconds(15)))
        {
            foreach (var (report, document, olderVersion) in new[] { (clustered, clusteredDocument, "rules-0"), (unmatched, unmatchedDocument, (string?)null) })
            {
                Assert.True(await opened.TryAddDocumentAsync(document));
                Assert.True(await opened.TryAddReportAsync(report with
                {
                    State = ReportState.Failed, FailedStage = "extract", Error = "unreadable document: the older reader gave up",
                    Extraction = null, ExtractorVersion = olderVersion,
                }));
            }
        }

        // Bounded: a report that is never re-read makes reprocess give up (exit 1) instead of waiting 30 min.
        var run = await CliRunner.RunAsync(["reprocess", "--store", store, "--timeout", "00:03:00"]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("2 reports to re-read", run.StandardError);

        var after = temp.File("after.json");
        Assert.Equal(0, (await CliRunner.RunAsync(["campaigns", "--store", store, "--json", after])).ExitCode);
        Assert.Equal(Summary(reference, withIds: false), Summary(after, withIds: false));
        using (var opened = new Pipeline.Infrastructure.Storage.Sqlite.SqlitePipelineStore(store, TimeSpan.FromSeconds(15)))
        {
            var reread = await opened.GetReportsAsync([clustered.Id, unmatched.Id]);
            Assert.All(reread, r =>
            {
                Assert.Equal(version, r.ExtractorVersion);
                Assert.NotNull(r.Extraction);
                Assert.Null(r.FailedStage);
                Assert.Null(r.Error);
            });
            Assert.Equal(ReportState.Clustered, reread.Single(r => r.Id == clustered.Id).State);
            Assert.Equal(ReportState.Unmatched, reread.Single(r => r.Id == unmatched.Id).State);
            Assert.Empty(await opened.ListReportsAsync(ReportState.Failed));
        }

        // Nothing left to re-read: a second run finds nothing.
        var again = await CliRunner.RunAsync(["reprocess", "--store", store]);
        Assert.True(again.ExitCode == 0, again.StandardError);
        Assert.Contains("0 reports to re-read", again.StandardError);
    }

    [Fact]
    public async Task Replay_moves_only_matching_messages_and_strips_fault_headers()
    {
        await using var vhost = await _broker.CreateVirtualHostAsync();
        var endpoint = QueueNames.ExtractReport;
        await using (var connection = await new ConnectionFactory { Uri = vhost.Uri }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(endpoint, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueDeclareAsync(QueueNames.Error(endpoint), durable: true, exclusive: false, autoDelete: false);
            string[] faults = ["Pipeline.Infrastructure.Storage.StoreUnavailableException", "Pipeline.Infrastructure.Storage.StoreUnavailableException", "System.InvalidOperationException"];
            foreach (var fault in faults)
            {
                var properties = new BasicProperties
                {
                    Persistent = true,
                    Headers = new Dictionary<string, object?> { ["MT-Fault-ExceptionType"] = Encoding.UTF8.GetBytes(fault), ["MT-Reason"] = Encoding.UTF8.GetBytes("fault"), ["keep-me"] = Encoding.UTF8.GetBytes("yes") },
                };
                await channel.BasicPublishAsync("", QueueNames.Error(endpoint), true, properties, Encoding.UTF8.GetBytes("{\"messageType\":[\"urn:message:Pipeline.Contracts.Messages:ReportFetched\"]}"));
            }
        }

        var dry = await CliRunner.RunAsync(["replay", endpoint, "--dry-run", "--exception-type", "StoreUnavailable", "--rabbitmq", vhost.Uri.ToString()]);
        Assert.True(dry.ExitCode == 0, dry.StandardError);
        Assert.Contains("matched 2, would move 2", dry.StandardOutput);
        Assert.Equal(3u, await vhost.MessageCountAsync(QueueNames.Error(endpoint)));

        var run = await CliRunner.RunAsync(["replay", endpoint, "--exception-type", "StoreUnavailable", "--message-type", "ReportFetched", "--rabbitmq", vhost.Uri.ToString()]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("moved 2", run.StandardOutput);
        Assert.Equal(2u, await vhost.MessageCountAsync(endpoint));
        Assert.Equal(1u, await vhost.MessageCountAsync(QueueNames.Error(endpoint)));

        await using var check = await new ConnectionFactory { Uri = vhost.Uri }.CreateConnectionAsync();
        await using var reader = await check.CreateChannelAsync();
        var moved = await reader.BasicGetAsync(endpoint, autoAck: true);
        Assert.NotNull(moved);
        Assert.False(moved.BasicProperties.Headers!.ContainsKey("MT-Fault-ExceptionType"));
        Assert.False(moved.BasicProperties.Headers.ContainsKey("MT-Reason"));
        Assert.True(moved.BasicProperties.Headers.ContainsKey("keep-me"));
    }

    [Fact]
    public async Task Purge_and_reset_source_need_confirmation()
    {
        await using var vhost = await _broker.CreateVirtualHostAsync();
        const string queue = "scratch-queue";
        await using (var connection = await new ConnectionFactory { Uri = vhost.Uri }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            for (var i = 0; i < 4; i++)
                await channel.BasicPublishAsync("", queue, Encoding.UTF8.GetBytes("m" + i));
        }

        // No terminal to ask on and no --yes: nothing happens.
        Assert.Equal(1, (await CliRunner.RunAsync(["purge", queue, "--rabbitmq", vhost.Uri.ToString()])).ExitCode);
        Assert.Equal(4u, await vhost.MessageCountAsync(queue));
        var purged = await CliRunner.RunAsync(["purge", queue, "--yes", "--rabbitmq", vhost.Uri.ToString()]);
        Assert.Contains("Purged 4 messages", purged.StandardOutput);
        Assert.Equal(0u, await vhost.MessageCountAsync(queue));

        using var temp = new TempDirectory();
        var store = temp.File("sources.db");
        using (var opened = new Pipeline.Infrastructure.Storage.Sqlite.SqlitePipelineStore(store, TimeSpan.FromSeconds(15)))
            await opened.SaveSourceStateAsync(new SourceState { Source = "meta-cib", SeenItems = ["a", "b"], UpdatedAt = DateTimeOffset.UtcNow });

        Assert.Equal(1, (await CliRunner.RunAsync(["reset-source", "meta-cib", "--store", store])).ExitCode);
        var status = await CliRunner.RunAsync(["status", "--store", store, "--rabbitmq", vhost.Uri.ToString()]);
        Assert.Contains("meta-cib", status.StandardOutput);
        Assert.Contains(QueueNames.ClusterReport, status.StandardOutput);
        Assert.Equal(0, (await CliRunner.RunAsync(["reset-source", "meta-cib", "--yes", "--store", store])).ExitCode);
        using (var opened = new Pipeline.Infrastructure.Storage.Sqlite.SqlitePipelineStore(store, TimeSpan.FromSeconds(15)))
            Assert.Null(await opened.GetSourceStateAsync("meta-cib"));
    }

    /// <summary>Campaigns (optionally without their ids, which depend on which report founded them) with their figures and reports, and the unmatched and failed reports.</summary>
    private static string Summary(string exportPath, bool withIds = true)
    {
        var export = JsonSerializer.Deserialize<ExportDocument>(File.ReadAllText(exportPath), ExportDocument.JsonOptions)!;
        return JsonSerializer.Serialize(new
        {
            Campaigns = export.Campaigns
                .Select(c => new { Id = withIds ? c.Id : (Guid?)null, c.Name, c.Platforms, Reports = c.Reports.Select(r => r.Source).Order().ToArray() })
                .OrderBy(c => c.Reports[0], StringComparer.Ordinal),
            Unmatched = export.Unmatched.Select(r => r.Source).Order(),
            Failed = export.Failed.Select(r => r.Source).Order(),
        });
    }
}
