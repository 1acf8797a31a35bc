using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Application.Clustering;
using Pipeline.Application.Hosting;
using Pipeline.Contracts.Messages;
using Pipeline.Domain.Reports;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.Sqlite;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.IntegrationTests.Clustering;

/// <summary>
/// Contention on the cluster sequence never fails a message: the clusterer keeps recomputing (with
/// capped backoff) until its commit lands; only the consumer's cancellation ends the loop.
/// </summary>
public sealed class ClusterContentionTests
{
    /// <summary>Far more than the old limit (20) after which the message went to _error.</summary>
    private const int LostCommits = 200;

    [Fact]
    public async Task A_report_that_keeps_losing_its_commit_is_decided_once_the_commit_lands()
    {
        using var temp = new TempDirectory();
        using var sqlite = new SqlitePipelineStore(temp.File("store.db"), TimeSpan.FromSeconds(10));
        var store = LosingCommits.Wrap(sqlite, losses: LostCommits);
        var report = await AddReportAsync(sqlite);
        var clock = new InstantDelays();

        var decision = await Clusterer(store, clock).ClusterAsync(report, CancellationToken.None);

        Assert.NotNull(decision);
        Assert.Equal(ClusterDecision.Opened, decision.Decision);
        Assert.Equal(LostCommits + 1, LosingCommits.Attempts(store));
        Assert.Equal(LostCommits, clock.Delays.Count);
        Assert.All(clock.Delays, d => Assert.InRange(d, TimeSpan.Zero, CampaignClusterer.MaxBackoff));
        Assert.Contains(clock.Delays, d => d > TimeSpan.FromMilliseconds(100)); // the backoff grows towards its cap

        var stored = await sqlite.GetReportAsync(report.Id);
        Assert.Equal(ReportState.Clustered, stored!.State);
        Assert.Equal(decision.CampaignId, stored.CampaignId);
        Assert.Equal([report.Id], Assert.Single(await sqlite.ListCampaignsAsync()).ReportIds);
    }

    [Fact]
    public async Task Only_cancellation_ends_the_recomputation_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        using var sqlite = new SqlitePipelineStore(temp.File("store.db"), TimeSpan.FromSeconds(10));
        using var stopping = new CancellationTokenSource();
        var store = LosingCommits.Wrap(sqlite, losses: int.MaxValue, onLoss: n => { if (n == LostCommits) stopping.Cancel(); });
        var report = await AddReportAsync(sqlite);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Clusterer(store, new InstantDelays()).ClusterAsync(report, stopping.Token));

        Assert.Equal(LostCommits, LosingCommits.Attempts(store));
        Assert.Equal(ReportState.Extracted, (await sqlite.GetReportAsync(report.Id))!.State);
        Assert.Empty(await sqlite.ListCampaignsAsync(includeMerged: true));
    }

    private static CampaignClusterer Clusterer(IPipelineStore store, TimeProvider clock) =>
        new(store, DomainServices.CreateMatcher(), new CampaignMemberCache(), clock, NullLogger<CampaignClusterer>.Instance);

    private static async Task<ReportRecord> AddReportAsync(IPipelineStore store)
    {
        await store.InitializeAsync();
        var evidence = new Evidence(new TextSpan(0, 0), "");
        var report = new ReportRecord
        {
            Id = Guid.NewGuid(),
            ContentHash = "test:copycop",
            Source = "copycop.txt",
            MediaType = "text/plain",
            FetchedAt = DateTimeOffset.UtcNow,
            State = ReportState.Extracted,
            ExtractorVersion = "test",
            Extraction = new ExtractedReport
            {
                Source = "copycop.txt",
                DescribesTakedown = true,
                ReportedOn = new DateOnly(2024, 5, 9),
                OperationNames = [new Finding("CopyCop", evidence)],
                OriginCountries = [new Finding("RU", evidence)],
            },
        };
        Assert.True(await store.TryAddReportAsync(report));
        return report;
    }

    /// <summary>Timers fire at once; the delays asked for are recorded.</summary>
    private sealed class InstantDelays : TimeProvider
    {
        public ConcurrentQueue<TimeSpan> Delays { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Delays.Enqueue(dueTime);
            return base.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// The real store, except that the first <c>losses</c> cluster commits report that the sequence moved
    /// (as when other deduplicators keep committing first) and write nothing.
    /// </summary>
    public class LosingCommits : DispatchProxy
    {
        private IPipelineStore _inner = null!;
        private int _losses;
        private Action<int>? _onLoss;
        private int _attempts;

        public static IPipelineStore Wrap(IPipelineStore inner, int losses, Action<int>? onLoss = null)
        {
            var proxy = Create<IPipelineStore, LosingCommits>();
            var self = (LosingCommits)(object)proxy;
            (self._inner, self._losses, self._onLoss) = (inner, losses, onLoss);
            return proxy;
        }

        public static int Attempts(IPipelineStore proxy) => ((LosingCommits)(object)proxy)._attempts;

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(method);
            if (method.Name == nameof(IPipelineStore.TryCommitClusterAsync))
            {
                var attempt = Interlocked.Increment(ref _attempts);
                if (attempt <= _losses)
                {
                    _onLoss?.Invoke(attempt);
                    return Task.FromResult(false);
                }
            }
            try
            {
                return method.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }
    }
}
