using Microsoft.Extensions.Logging;
using Pipeline.Contracts.Messages;
using Pipeline.Domain.Campaigns;
using Pipeline.Infrastructure.Documents;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Clustering;

/// <summary>
/// Places a report in a campaign: finds candidates through the blocking keys, lets the domain matcher
/// decide, and commits the decision atomically against the store's cluster sequence. If another
/// deduplicator committed in between, the decision is recomputed on fresh state (optimistic
/// concurrency), so two instances can never open two campaigns for one operation.
/// </summary>
public sealed class CampaignClusterer(
    IPipelineStore store, ICampaignMatcher matcher, CampaignMemberCache members, TimeProvider clock, ILogger<CampaignClusterer> logger)
{
    /// <summary>Longest pause between two recomputations after lost commits.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(250);

    /// <summary>Lost commits in a row after which each further loss is logged as a warning.</summary>
    private const int WarnAfterLosses = 50;

    /// <returns>The decision to announce, or null when the report has nothing to cluster.</returns>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled (the worker
    /// is stopping): the message is then returned unacknowledged and redelivered; contention alone never ends the loop.</exception>
    public async Task<ReportClustered?> ClusterAsync(ReportRecord report, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // The caller just read the report; only a retry after a lost commit needs fresh state.
            var current = attempt == 1 ? report : await store.GetReportAsync(report.Id, cancellationToken) ?? report;
            if (current is { State: ReportState.Clustered, CampaignId: { } campaignId, Match: { } match })
                return Announcement(current.Id, campaignId, match, current.UpdatedAt); // replay: same decision, nothing changes

            if (current is not { State: ReportState.Extracted, Extraction: { DescribesTakedown: true } extraction })
                return null;

            var sequence = await store.GetClusterSequenceAsync(cancellationToken);
            var member = members.Add(current);
            var candidates = await LoadCandidatesAsync(matcher.BlockingKeys(extraction), current.ExtractorVersion, cancellationToken);
            var outcome = matcher.Match(member, candidates.Select(c => c.Candidate).ToArray());
            var (commit, announcement) = Decide(current, member, outcome, candidates, sequence);

            if (await store.TryCommitClusterAsync(commit, cancellationToken))
                return announcement;

            // A lost commit means another deduplicator committed, so the pipeline as a whole progressed; this
            // report is simply decided again on the new state. No attempt limit: giving up would send a valid
            // report to _error over contention alone (deciding or merging must never fail a message), and the
            // retry policy would only rerun this loop. Capped, jittered backoff spreads contenders so one wins
            // each round; only the consumer's token (worker stopping: the message is redelivered) ends the loop.
            logger.Log(attempt >= WarnAfterLosses ? LogLevel.Warning : LogLevel.Debug,
                "Cluster sequence moved while placing report {ReportId}; recomputing (lost commits: {Attempt})", report.Id, attempt);
            await Task.Delay(Backoff(attempt), clock, cancellationToken);
        }
    }

    /// <summary>Full jitter over an exponential ceiling: 5 ms, 10 ms, 20 ms, … up to <see cref="MaxBackoff"/>.</summary>
    private static TimeSpan Backoff(int lostCommits)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, 5 * Math.Pow(2, Math.Min(lostCommits - 1, 16)));
        return TimeSpan.FromMilliseconds(1 + Random.Shared.NextDouble() * (ceiling - 1));
    }

    private sealed record LoadedCampaign(CampaignRecord Record, CampaignCandidate Candidate, IReadOnlyList<CampaignMember> Members);

    private async Task<IReadOnlyList<LoadedCampaign>> LoadCandidatesAsync(IReadOnlyList<string> keys, string? extractorVersion, CancellationToken ct)
    {
        if (keys.Count == 0)
            return [];
        var campaigns = await store.FindCampaignsByKeysAsync(keys, ct);
        if (campaigns.Count == 0)
            return [];
        var (byId, missing) = members.Lookup(campaigns.SelectMany(c => c.ReportIds).Distinct(), extractorVersion);
        if (missing.Count > 0)
        {
            foreach (var report in await store.GetReportsAsync(missing, ct))
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

    private (ClusterCommit Commit, ReportClustered Announcement) Decide(
        ReportRecord report, CampaignMember member, MatchOutcome outcome, IReadOnlyList<LoadedCampaign> candidates, long sequence)
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
            return Commit(report, opened, [], new MatchRecord(0, reasons, ClusterDecision.Opened, opened.Version), sequence, now);
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
        return Commit(report, updated, retired, match, sequence, now);
    }

    private static (ClusterCommit, ReportClustered) Commit(
        ReportRecord report, CampaignRecord target, IReadOnlyList<CampaignRecord> retired, MatchRecord match, long sequence, DateTimeOffset now)
    {
        var placed = report with { State = ReportState.Clustered, CampaignId = target.Id, Match = match, UpdatedAt = now };
        var commit = new ClusterCommit(sequence, [target, .. retired], placed);
        return (commit, Announcement(report.Id, target.Id, match, now));
    }

    private static ReportClustered Announcement(Guid reportId, Guid campaignId, MatchRecord match, DateTimeOffset at) =>
        new(reportId, campaignId, match.Decision, match.Score, match.Reasons, match.MergedCampaignIds ?? [], match.CampaignVersion, at);
}
