using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pipeline.Contracts.Messages;
using Pipeline.Domain.Campaigns;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Clustering;

/// <summary>
/// Places reports in campaigns: finds candidates through the blocking keys, lets the domain matcher
/// decide, and commits atomically against the store's cluster sequence. If another deduplicator
/// committed in between, the decisions are recomputed on fresh state (optimistic concurrency), so two
/// instances can never open two campaigns for one operation.
/// <para>
/// One instance per process (a singleton). Reports handed in while a commit is in flight wait, then are
/// decided together as a group: one after the other, in arrival order, each seeing the campaigns the
/// earlier ones opened or grew (<see cref="PlacementGroup"/>), and committed in one step. Decisions stay
/// strictly serial; what the group shares is the sequence read, the commit and its wait, which were most
/// of a placement's time. A report whose decision throws fails alone; a failed commit fails its group,
/// and each message is retried on its own.
/// </para>
/// </summary>
public sealed class CampaignClusterer(
    IPipelineStore store, ICampaignMatcher matcher, CampaignMemberCache members, TimeProvider clock, ILogger<CampaignClusterer> logger)
{
    /// <summary>Longest pause between two recomputations after lost commits.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(250);

    /// <summary>Most reports decided and committed together.</summary>
    public const int MaxGroup = 64;

    /// <summary>Lost commits in a row after which each further loss is logged as a warning.</summary>
    private const int WarnAfterLosses = 50;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ConcurrentQueue<Placement> _waiting = new();

    /// <returns>The decision to announce, or null when the report has nothing to cluster.</returns>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled (the worker
    /// is stopping): the message is then returned unacknowledged and redelivered; contention alone never ends the loop.</exception>
    public async Task<ReportClustered?> ClusterAsync(ReportRecord report, CancellationToken cancellationToken)
    {
        var placement = new Placement(report);
        _waiting.Enqueue(placement);
        try
        {
            // Whoever holds the turn decides everything waiting, so by the time a caller gets the turn its
            // report has usually been placed by the caller before it.
            while (!placement.Done.Task.IsCompleted)
            {
                await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!placement.Done.Task.IsCompleted)
                        await PlaceAsync(TakeWaiting(), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _turn.Release();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            placement.Abandon(cancellationToken); // not decided yet: whoever takes it next skips it
            throw;
        }
        return await placement.Done.Task.ConfigureAwait(false);
    }

    private List<Placement> TakeWaiting()
    {
        var group = new List<Placement>();
        while (group.Count < MaxGroup && _waiting.TryDequeue(out var next))
        {
            if (!next.Abandoned)
                group.Add(next);
        }
        return group;
    }

    /// <summary>Decides the group until its commit lands; every placement is answered, none throws out of here.</summary>
    private async Task PlaceAsync(List<Placement> group, CancellationToken cancellationToken)
    {
        if (group.Count == 0)
            return;
        try
        {
            var reports = group.Select(p => p.Report).ToList();
            for (var attempt = 1; ; attempt++)
            {
                // The callers just read their reports; only a retry after a lost commit needs fresh state.
                if (attempt > 1)
                    reports = await RefreshAsync(reports, cancellationToken).ConfigureAwait(false);

                var sequence = await store.GetClusterSequenceAsync(cancellationToken).ConfigureAwait(false);
                var decided = new PlacementGroup();
                var decisions = new ReportClustered?[group.Count];
                var failures = new Exception?[group.Count];
                for (var i = 0; i < group.Count; i++)
                {
                    try
                    {
                        decisions[i] = await DecideAsync(reports[i], decided, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        failures[i] = e; // this report's fault alone (a poison message): its message is retried, the others commit
                    }
                }

                if (decided.Placed.Count == 0
                    || await store.TryCommitClusterAsync(new ClusterCommit(sequence, decided.Campaigns.Values.ToList(), decided.Placed), cancellationToken).ConfigureAwait(false))
                {
                    for (var i = 0; i < group.Count; i++)
                    {
                        if (failures[i] is { } failure)
                            group[i].Fail(failure);
                        else
                            group[i].Answer(decisions[i]);
                    }
                    return;
                }

                // A lost commit means another deduplicator committed, so the pipeline as a whole progressed; the
                // group is simply decided again on the new state. No attempt limit: giving up would send valid
                // reports to _error over contention alone (deciding or merging must never fail a message), and the
                // retry policy would only rerun this loop. Capped, jittered backoff spreads contenders so one wins
                // each round; only the consumer's token (worker stopping: the message is redelivered) ends the loop.
                logger.Log(attempt >= WarnAfterLosses ? LogLevel.Warning : LogLevel.Debug,
                    "Cluster sequence moved while placing {Count} report(s) from {ReportId}; recomputing (lost commits: {Attempt})",
                    group.Count, group[0].Report.Id, attempt);
                await Task.Delay(Backoff(attempt), clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            foreach (var placement in group)
                placement.Fail(e);
        }
    }

    private async Task<List<ReportRecord>> RefreshAsync(List<ReportRecord> reports, CancellationToken cancellationToken)
    {
        var fresh = (await store.GetReportsAsync(reports.Select(r => r.Id).Distinct().ToArray(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => r.Id);
        return reports.Select(r => fresh.GetValueOrDefault(r.Id, r)).ToList();
    }

    /// <summary>Full jitter over an exponential ceiling: 5 ms, 10 ms, 20 ms, … up to <see cref="MaxBackoff"/>.</summary>
    private static TimeSpan Backoff(int lostCommits)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, 5 * Math.Pow(2, Math.Min(lostCommits - 1, 16)));
        return TimeSpan.FromMilliseconds(1 + Random.Shared.NextDouble() * (ceiling - 1));
    }

    private async Task<ReportClustered?> DecideAsync(ReportRecord report, PlacementGroup decided, CancellationToken ct)
    {
        if (decided.Announced.TryGetValue(report.Id, out var already))
            return already; // the same report twice in one group (a redelivery): one decision
        if (report is { State: ReportState.Clustered, CampaignId: { } campaignId, Match: { } match })
            return Announcement(report.Id, campaignId, match, report.UpdatedAt); // replay: same decision, nothing changes
        if (report is not { State: ReportState.Extracted, Extraction: { DescribesTakedown: true } extraction })
            return null;

        var member = members.Add(report);
        var candidates = await LoadCandidatesAsync(matcher.BlockingKeys(extraction), report.ExtractorVersion, decided, ct).ConfigureAwait(false);
        var outcome = matcher.Match(member, candidates.Select(c => c.Candidate).ToArray());
        var (campaigns, placed, announcement) = Decide(report, member, outcome, candidates);
        decided.Add(campaigns, placed, announcement);
        return announcement;
    }

    private sealed record LoadedCampaign(CampaignRecord Record, CampaignCandidate Candidate, IReadOnlyList<CampaignMember> Members);

    private async Task<IReadOnlyList<LoadedCampaign>> LoadCandidatesAsync(
        IReadOnlyList<string> keys, string? extractorVersion, PlacementGroup decided, CancellationToken ct)
    {
        if (keys.Count == 0)
            return [];
        var campaigns = decided.Overlay(keys, await store.FindCampaignsByKeysAsync(keys, ct).ConfigureAwait(false));
        if (campaigns.Count == 0)
            return [];
        var (byId, missing) = members.Lookup(campaigns.SelectMany(c => c.ReportIds).Distinct(), extractorVersion);
        if (missing.Count > 0)
        {
            foreach (var report in await store.GetReportsAsync(missing, ct).ConfigureAwait(false))
            {
                if (report.Extraction is not null)
                    byId[report.Id] = members.Add(report);
            }
        }
        return campaigns
            .OrderBy(c => c.Id)
            .Select(c =>
            {
                var members = c.ReportIds.Where(byId.ContainsKey).Select(id => byId[id]).ToArray();
                return new LoadedCampaign(c, new CampaignCandidate(c.Id, members), members);
            })
            .ToArray();
    }

    private (IReadOnlyList<CampaignRecord> Campaigns, ReportRecord Placed, ReportClustered Announcement) Decide(
        ReportRecord report, CampaignMember member, MatchOutcome outcome, IReadOnlyList<LoadedCampaign> candidates)
    {
        var now = clock.GetUtcNow();
        var matched = outcome.Matches
            .Select(m => (Match: m, Loaded: candidates.Single(c => c.Record.Id == m.CampaignId)))
            .ToArray();

        if (matched.Length == 0)
        {
            var opened = new CampaignRecord
            {
                Id = ContentHash.CampaignIdFor(report.Id),
                Version = 1,
                ReportIds = [report.Id],
                Keys = matcher.CampaignKeys([member]),
                CreatedAt = now,
                UpdatedAt = now,
            };
            var reasons = outcome.NewCampaignReasons.Count > 0 ? outcome.NewCampaignReasons : ["no existing campaign matched"];
            return Place(report, opened, [], new MatchRecord(0, reasons, ClusterDecision.Opened, opened.Version), now);
        }

        // The survivor is the oldest campaign: its id is the one downstream systems already know.
        var ordered = matched.OrderBy(m => m.Loaded.Record.CreatedAt).ThenBy(m => m.Loaded.Record.Id).ToArray();
        var survivor = ordered[0].Loaded.Record;
        var absorbed = ordered.Skip(1).Select(m => m.Loaded.Record).ToArray();
        var allMembers = ordered.SelectMany(m => m.Loaded.Members).Append(member).DistinctBy(m => m.ReportId).ToArray();

        var updated = survivor with
        {
            Version = survivor.Version + 1,
            ReportIds = ordered.SelectMany(m => m.Loaded.Record.ReportIds).Append(report.Id).Distinct().ToArray(),
            Keys = matcher.CampaignKeys(allMembers),
            MergedFrom = survivor.MergedFrom.Concat(absorbed.Select(a => a.Id)).Distinct().ToArray(),
            UpdatedAt = now,
        };
        var retired = absorbed.Select(a => a with { Version = a.Version + 1, MergedInto = survivor.Id, Keys = [], UpdatedAt = now }).ToArray();

        var decision = absorbed.Length == 0 ? ClusterDecision.Joined : ClusterDecision.Merged;
        var best = ordered.MaxBy(m => m.Match.Score).Match;
        var matchReasons = absorbed.Length == 0
            ? best.Reasons
            : ordered.SelectMany(m => m.Match.Reasons.Select(r => $"{r} (campaign {m.Loaded.Record.Id:N})")).ToArray();
        var match = new MatchRecord(best.Score, matchReasons, decision, updated.Version, absorbed.Select(a => a.Id).ToArray());
        return Place(report, updated, retired, match, now);
    }

    private static (IReadOnlyList<CampaignRecord>, ReportRecord, ReportClustered) Place(
        ReportRecord report, CampaignRecord target, IReadOnlyList<CampaignRecord> retired, MatchRecord match, DateTimeOffset now)
    {
        var placed = report with { State = ReportState.Clustered, CampaignId = target.Id, Match = match, UpdatedAt = now };
        return ([target, .. retired], placed, Announcement(report.Id, target.Id, match, now));
    }

    private static ReportClustered Announcement(Guid reportId, Guid campaignId, MatchRecord match, DateTimeOffset at) =>
        new(reportId, campaignId, match.Decision, match.Score, match.Reasons, match.MergedCampaignIds ?? [], match.CampaignVersion, at);
}
