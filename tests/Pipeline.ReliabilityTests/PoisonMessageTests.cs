using System.Diagnostics;
using System.Text;
using MassTransit;
using Pipeline.Contracts.Messages;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Messaging;
using Pipeline.Infrastructure.Storage;
using Pipeline.ReliabilityTests.Support;

namespace Pipeline.ReliabilityTests;

/// <summary>
/// A message that fails on every attempt through an exception the retry policy treats as transient
/// (not a malformed document): it is retried, lands in the endpoint's _error queue with MassTransit's
/// fault headers, blocks nothing else; once the cause is fixed, a replay moves it back and it completes.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class PoisonMessageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_poison_message_lands_in_the_error_queue_after_the_retries_and_replay_after_the_fix_completes_it()
    {
        var watch = Stopwatch.StartNew();
        var truth = new Truth(operations: 5, reportsPerOperation: 5, seed: 11);
        var poison = truth.Reports[^1];
        var normal = truth.Reports.Take(truth.Reports.Count - 1).ToList();
        await using var vhost = await RabbitMqNode.Shared.CreateVirtualHostAsync("poison");
        await using var pipeline = await PipelineUnderTest.StartAsync(vhost, output);

        foreach (var report in normal)
            await pipeline.DropAsync(report.FileName, report.Text);

        // The poison: a report announced while its document (the claim check) is not in the store, as
        // after a partial restore. The extractor's "document missing" is an InvalidOperationException:
        // nothing marks it permanent, so the retry policy runs its course and the message is faulted.
        var content = Encoding.UTF8.GetBytes(poison.Text);
        var hash = ContentHash.Of(content);
        var reportId = ContentHash.ReportId(hash);
        var fetchedAt = DateTimeOffset.UtcNow;
        Assert.True(await pipeline.Store.TryAddReportAsync(new ReportRecord
        {
            Id = reportId, ContentHash = hash, Source = poison.FileName, MediaType = MediaTypes.Text, FetchedAt = fetchedAt, UpdatedAt = fetchedAt,
        }));
        await PublishAsync(vhost.Uri, new ReportFetched(reportId, hash, poison.FileName, null, MediaTypes.Text, fetchedAt),
            ContentHash.EventId(nameof(ReportFetched), reportId, 0));

        var faulted = await pipeline.WaitUntilAsync("the poison in extract-report_error and the other reports clustered",
            p => p.QueueDepths[QueueNames.Error(QueueNames.ExtractReport)] == 1 && p[ReportState.Clustered] == normal.Count, Timeout);
        output.WriteLine($"faulted after {watch.Elapsed.TotalSeconds:0.0} s: {faulted}");
        Assert.Equal(ReportState.Fetched, (await pipeline.Store.GetReportAsync(reportId))!.State); // neither lost nor marked failed
        Assert.Equal(1, faulted.ErrorQueueMessages);

        var headers = await vhost.PeekHeadersAsync(QueueNames.Error(QueueNames.ExtractReport));
        output.WriteLine("fault headers: " + string.Join(", ", headers.Where(h => h.Key.StartsWith("MT-", StringComparison.Ordinal))
            .Select(h => $"{h.Key}={(h.Value.Length > 80 ? h.Value[..80] + "…" : h.Value)}")));
        Assert.Equal(typeof(InvalidOperationException).FullName, headers["MT-Fault-ExceptionType"]);
        Assert.Contains("missing from the store", headers["MT-Fault-Message"]);
        Assert.Equal(new BusOptions().RetryLimit.ToString(), headers["MT-Fault-RetryCount"]);

        await using var admin = new QueueAdmin(vhost.Uri);
        var other = await admin.ReplayAsync(QueueNames.ExtractReport, new ReplayFilter(ExceptionType: nameof(StoreUnavailableException)), null, dryRun: true);
        var dry = await admin.ReplayAsync(QueueNames.ExtractReport, new ReplayFilter(ExceptionType: nameof(InvalidOperationException)), null, dryRun: true);
        Assert.Equal((1, 0, 0), (other.Examined, other.Matched, other.Moved));
        Assert.Equal((1, 1, 0), (dry.Examined, dry.Matched, dry.Moved));
        Assert.Equal(1u, await vhost.MessageCountAsync(QueueNames.Error(QueueNames.ExtractReport)));

        // The fix: the document is restored. Then the operator's replay.
        Assert.True(await pipeline.Store.TryAddDocumentAsync(new DocumentRecord(hash, poison.FileName, MediaTypes.Text, content, fetchedAt)));
        var replay = await admin.ReplayAsync(QueueNames.ExtractReport, new ReplayFilter(MessageType: nameof(ReportFetched)), limit: 10, dryRun: false);
        output.WriteLine($"replay: examined {replay.Examined}, matched {replay.Matched}, moved {replay.Moved}, kept {replay.Kept}");
        Assert.Equal((1, 1, 1, 0), (replay.Examined, replay.Matched, replay.Moved, replay.Kept));

        var snapshot = await pipeline.WaitSettledAsync(truth.Reports.Count, Timeout);
        output.WriteLine($"settled after {watch.Elapsed.TotalSeconds:0.0} s: {snapshot.Describe()}");
        truth.AssertMatches(snapshot);
        Assert.Equal(0, snapshot.Progress.ErrorQueueMessages);
        pipeline.AssertAllHealthy();

        // Conservation: everything sent is stored (clustered or failed), and what was replayed is what moved.
        var sent = normal.Count + 1;
        Assert.Equal(sent, snapshot.Reports.Count);
        Assert.Equal(sent, snapshot.Count(ReportState.Clustered) + snapshot.Count(ReportState.Failed));
        Assert.Equal(replay.Matched, replay.Moved);
        new FaultFigures("poison message (transient-looking failure, replayed after the fix)", sent, snapshot.Reports.Count,
            snapshot.Count(ReportState.Failed), replay.Moved, snapshot.Progress.ErrorQueueMessages, snapshot.Campaigns.Count,
            watch.Elapsed.TotalSeconds, $"error_queue_before_replay={faulted.ErrorQueueMessages} retries={headers["MT-Fault-RetryCount"]}").Report(output);
    }

    /// <summary>Publishes as the fetcher does (same exchange topology, publisher confirms, fixed message id).</summary>
    private static async Task PublishAsync<T>(Uri vhost, T message, Guid messageId) where T : class
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(vhost, host => host.PublisherConfirmation = true));
        await bus.StartAsync(TimeSpan.FromSeconds(30));
        try
        {
            await bus.Publish(message, context => context.MessageId = messageId);
        }
        finally
        {
            await bus.StopAsync(TimeSpan.FromSeconds(30));
        }
    }
}
