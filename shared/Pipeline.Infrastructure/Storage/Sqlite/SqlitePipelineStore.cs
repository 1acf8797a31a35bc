// Why SQLite in WAL mode is the embedded default (LiteDB remains, as Store:Provider=LiteDb): LiteDB's
// shared mode reopens and checkpoints the file on every call, ~11 fsyncs per report, which held the
// whole pipeline to ~20 reports/s on this disk (docs/performance.md). In WAL mode a commit appends to
// the log without an fsync (synchronous=NORMAL), readers never wait for the writer, and processes
// share the file through SQLite's own locks, which the kernel releases when a holder is killed.
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Pipeline.Contracts.Export;
using Pipeline.Domain.Campaigns;

namespace Pipeline.Infrastructure.Storage.Sqlite;

/// <summary>The embedded default: one SQLite file (WAL) that several worker processes may share.</summary>
public sealed class SqlitePipelineStore : IPipelineStore, IDisposable
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> PreparedCommands = new();

    private readonly SqliteConnections _connections;
    private readonly RowCache<ReportRecord> _reportRows = new(capacity: 8_192);
    private readonly RowCache<CampaignRecord> _campaignRows = new(capacity: 16_384);
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private volatile bool _initialized;

    /// <param name="syncEveryCommit">Fsync every commit (survives power loss, slower); otherwise only checkpoints fsync.</param>
    public SqlitePipelineStore(string path, TimeSpan busyTimeout, bool syncEveryCommit = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        _connections = new SqliteConnections(FilePath, busyTimeout, syncEveryCommit);
    }

    public string FilePath { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
            return;
        await _initialization.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
                return;
            await _connections.WriteAsync(db =>
            {
                var version = Convert.ToInt32(Scalar(db, "PRAGMA user_version"), CultureInfo.InvariantCulture);
                if (version > SqliteSchema.Version)
                    throw new InvalidOperationException(
                        $"'{FilePath}' was written by a newer version of the pipeline (layout {version}, this one reads {SqliteSchema.Version}).");
                Execute(db, SqliteSchema.Create);
                if (Convert.ToInt64(Scalar(db, SqliteSchema.HasRevision), CultureInfo.InvariantCulture) == 0)
                {
                    try
                    {
                        Execute(db, SqliteSchema.Upgrade);
                    }
                    catch (SqliteException e) when (e.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
                    {
                        // Another process sharing the file upgraded it first.
                    }
                }
                if (version != SqliteSchema.Version) // a write: skipped when current, so a locked file can still be read
                    Execute(db, $"PRAGMA user_version = {SqliteSchema.Version};");
                return true;
            }, cancellationToken, alone: true).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initialization.Release();
        }
    }

    public Task<bool> TryAddDocumentAsync(DocumentRecord document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return WriteAsync(db => InsertDocument(db, document), cancellationToken);
    }

    public Task<bool> TryAddFetchedAsync(DocumentRecord document, ReportRecord report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(report);
        var row = ReportRow.Of(report); // serialized outside the writer
        return RememberedAsync([row], WriteAsync(db =>
        {
            InsertDocument(db, document);
            return UpsertReport(db, row, overwrite: false) == 1;
        }, cancellationToken));
    }

    private static bool InsertDocument(SqliteConnection db, DocumentRecord document) => Execute(db, $"""
            INSERT INTO {StoreCollections.Documents} (content_hash, source, media_type, fetched_at, content)
            VALUES ($hash, $source, $media, $fetched, $content) ON CONFLICT DO NOTHING
            """,
        ("$hash", document.ContentHash), ("$source", document.Source), ("$media", document.MediaType),
        ("$fetched", Exact(document.FetchedAt)), ("$content", document.Content)) == 1;

    public Task<DocumentRecord?> GetDocumentAsync(string contentHash, CancellationToken cancellationToken = default) =>
        ReadAsync(db =>
        {
            var command = Command(db, $"SELECT source, media_type, fetched_at, content FROM {StoreCollections.Documents} WHERE content_hash = $hash",
                ("$hash", contentHash));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new DocumentRecord(contentHash, reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(3),
                    DateTimeOffset.ParseExact(reader.GetString(2), "O", CultureInfo.InvariantCulture))
                : null;
        }, cancellationToken);

    public Task<bool> TryAddReportAsync(ReportRecord report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var row = ReportRow.Of(report); // serialized outside the writer
        return RememberedAsync([row], WriteAsync(db => UpsertReport(db, row, overwrite: false) == 1, cancellationToken));
    }

    public async Task<ReportRecord?> GetReportAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await ReadAsync(db => ReportsById(db, [Key(id)]), cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<ReportRecord>> GetReportsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
            return [];
        var keys = ids.Distinct().Select(Key).ToList();
        return await ReadAsync(db => ReportsById(db, keys), cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveReportAsync(ReportRecord report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var row = ReportRow.Of(report);
        await RememberedAsync([row], WriteAsync(db => UpsertReport(db, row, overwrite: true) == 1, cancellationToken)).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ReportRecord>> ListReportsAsync(ReportState? state = null, CancellationToken cancellationToken = default) =>
        ReadAsync(db => StoreOrder.ByFetch(state is { } s
            ? Reports(db, $"SELECT id, rev, json FROM {StoreCollections.Reports} WHERE state = $state", ("$state", s.ToString()))
            : Reports(db, $"SELECT id, rev, json FROM {StoreCollections.Reports}")), cancellationToken);

    public Task<ReportRecord?> FindLatestReportBySourceAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ReadAsync(db => StoreOrder.Latest(
            Reports(db, $"SELECT id, rev, json FROM {StoreCollections.Reports} WHERE source = $source", ("$source", source))), cancellationToken);
    }

    public Task<IReadOnlyDictionary<ReportState, long>> CountReportsByStateAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(db =>
        {
            var command = Command(db, $"SELECT state, COUNT(*) FROM {StoreCollections.Reports} GROUP BY state");
            using var reader = command.ExecuteReader();
            var counted = new List<KeyValuePair<ReportState, long>>();
            while (reader.Read())
                counted.Add(KeyValuePair.Create(Enum.Parse<ReportState>(reader.GetString(0)), reader.GetInt64(1)));
            return StoreOrder.Counts(counted);
        }, cancellationToken);

    public Task<long> GetClusterSequenceAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(ReadSequence, cancellationToken);

    public Task<CampaignRecord?> GetCampaignAsync(Guid id, CancellationToken cancellationToken = default) =>
        ReadAsync(db => Json(db, $"SELECT json FROM {StoreCollections.Campaigns} WHERE id = $id", ("$id", Key(id))) is { } json
            ? _campaignRows.Decode(Key(id), json)
            : null, cancellationToken);

    public async Task<IReadOnlyList<CampaignRecord>> FindCampaignsByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
            return [];
        var wanted = StoreJson.Serialize(keys.Distinct(StringComparer.Ordinal));
        // MatchKeys.Offered in SQL, so a crowded bucket's campaigns are counted through the index, never loaded.
        return await ReadAsync(db => StoreOrder.Campaigns(Campaigns(db, $"""
                WITH wanted (key) AS (SELECT DISTINCT value FROM json_each($keys)),
                buckets (key, alone) AS (
                    SELECT key, substr(key, 1, {MatchKeys.NamePrefix.Length}) = '{MatchKeys.NamePrefix}'
                        OR substr(key, 1, {MatchKeys.PartPrefix.Length}) = '{MatchKeys.PartPrefix}'
                        OR (SELECT COUNT(*) FROM {SqliteSchema.CampaignKeys} k WHERE k.key = wanted.key) <= {MatchKeys.CrowdedBucket}
                    FROM wanted),
                hits (campaign_id, alone, shared) AS (
                    SELECT k.campaign_id, MAX(b.alone), COUNT(*)
                    FROM {SqliteSchema.CampaignKeys} k JOIN buckets b ON k.key = b.key GROUP BY k.campaign_id)
                SELECT id, json FROM {StoreCollections.Campaigns} WHERE live = 1 AND id IN (
                    SELECT campaign_id FROM hits WHERE alone = 1 OR shared > 1)
                """, ("$keys", wanted))), cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<CampaignRecord>> ListCampaignsAsync(bool includeMerged = false, CancellationToken cancellationToken = default) =>
        ReadAsync(db => StoreOrder.Campaigns(Campaigns(db,
            $"SELECT id, json FROM {StoreCollections.Campaigns}" + (includeMerged ? "" : " WHERE live = 1"))), cancellationToken);

    public Task<bool> TryCommitClusterAsync(ClusterCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var campaigns = commit.Campaigns.Select(c => (Campaign: c, Json: StoreJson.Serialize(c),
            Keys: StoreJson.Serialize(c.Keys.Distinct(StringComparer.Ordinal)))).ToList();
        var reports = commit.Reports.Select(ReportRow.Of).ToList();
        return RememberedAsync(reports, WriteAsync(db =>
        {
            // Every write runs in a transaction that holds the write lock (GroupCommitWriter), inside its own
            // savepoint: the sequence read below cannot go stale before the write, across processes too, and
            // a throw (or the cancellation check) undoes this commit alone.
            if (ReadSequence(db) != commit.ExpectedSequence)
                return false;
            Execute(db, $"""
                INSERT INTO {StoreCollections.ClusterSequence} (id, value) VALUES ($id, $value)
                ON CONFLICT (id) DO UPDATE SET value = excluded.value
                """, ("$id", StoreCollections.SequenceId), ("$value", commit.ExpectedSequence + 1));
            foreach (var (campaign, json, keys) in campaigns)
                UpsertCampaign(db, campaign, json, keys);
            foreach (var report in reports)
                UpsertReport(db, report, overwrite: true);
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        }, cancellationToken));
    }

    public Task SaveCampaignViewAsync(CampaignExport view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        var json = StoreJson.Serialize(view);
        return WriteAsync(db => Execute(db, $"""
            INSERT INTO {StoreCollections.CampaignViews} (id, json) VALUES ($id, $json)
            ON CONFLICT (id) DO UPDATE SET json = excluded.json
            """, ("$id", Key(view.Id)), ("$json", json)), cancellationToken);
    }

    public Task<CampaignExport?> GetCampaignViewAsync(Guid id, CancellationToken cancellationToken = default) =>
        ReadAsync(db => Json(db, $"SELECT json FROM {StoreCollections.CampaignViews} WHERE id = $id", ("$id", Key(id))) is { } json
            ? StoreJson.Deserialize<CampaignExport>(json)
            : null, cancellationToken);

    public Task<IReadOnlyList<CampaignExport>> ListCampaignViewsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(db => StoreOrder.Views(Values<CampaignExport>(db, $"SELECT json FROM {StoreCollections.CampaignViews}")), cancellationToken);

    public Task DeleteCampaignViewAsync(Guid id, CancellationToken cancellationToken = default) =>
        WriteAsync(db => Execute(db, $"DELETE FROM {StoreCollections.CampaignViews} WHERE id = $id", ("$id", Key(id))), cancellationToken);

    public Task<SourceState?> GetSourceStateAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ReadAsync(db => Json(db, $"SELECT json FROM {StoreCollections.SourceStates} WHERE source = $source", ("$source", source)) is { } json
            ? StoreJson.Deserialize<SourceState>(json)
            : null, cancellationToken);
    }

    public Task SaveSourceStateAsync(SourceState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var json = StoreJson.Serialize(state);
        return WriteAsync(db => Execute(db, $"""
            INSERT INTO {StoreCollections.SourceStates} (source, json) VALUES ($source, $json)
            ON CONFLICT (source) DO UPDATE SET json = excluded.json
            """, ("$source", state.Source), ("$json", json)), cancellationToken);
    }

    public Task<IReadOnlyList<SourceState>> ListSourceStatesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(db => StoreOrder.Sources(Values<SourceState>(db, $"SELECT json FROM {StoreCollections.SourceStates}")), cancellationToken);

    public Task<bool> DeleteSourceStateAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return WriteAsync(db => Execute(db, $"DELETE FROM {StoreCollections.SourceStates} WHERE source = $source", ("$source", source)) == 1,
            cancellationToken);
    }

    /// <summary>
    /// Loads clustered state in one transaction per call, bypassing the cluster sequence: for benchmark
    /// fixtures of up to millions of campaigns, which would take hours through one commit each.
    /// </summary>
    internal Task BulkLoadAsync(IReadOnlyList<ReportRecord> reports, IReadOnlyList<CampaignRecord> campaigns, CancellationToken cancellationToken = default)
    {
        var reportRows = reports.Select(ReportRow.Of).ToList();
        var campaignRows = campaigns.Select(c => (Campaign: c, Json: StoreJson.Serialize(c), Keys: StoreJson.Serialize(c.Keys.Distinct(StringComparer.Ordinal)))).ToList();
        return WriteAsync(db =>
        {
            foreach (var report in reportRows)
                UpsertReport(db, report, overwrite: true);
            foreach (var (campaign, json, keys) in campaignRows)
                UpsertCampaign(db, campaign, json, keys);
            return true;
        }, cancellationToken);
    }

    public void Dispose()
    {
        _connections.Dispose();
        _initialization.Dispose();
    }

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await _connections.WriteAsync(write, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await _connections.ReadAsync(read, cancellationToken).ConfigureAwait(false);
    }

    private Task EnsureInitializedAsync(CancellationToken cancellationToken) =>
        _initialized ? Task.CompletedTask : InitializeAsync(cancellationToken);

    /// <summary>A report as one write stores it: its JSON and the row's new revision (see <see cref="RowCache{T}"/>).</summary>
    private sealed record ReportRow(ReportRecord Report, string Json, long Revision)
    {
        public static ReportRow Of(ReportRecord report) =>
            new(report, StoreJson.Serialize(report), Random.Shared.NextInt64(1, long.MaxValue));
    }

    private static int UpsertReport(SqliteConnection db, ReportRow row, bool overwrite)
    {
        var report = row.Report;
        return Execute(db, $"""
            INSERT INTO {StoreCollections.Reports} (id, content_hash, source, state, fetched_at, rev, json)
            VALUES ($id, $hash, $source, $state, $fetched, $rev, $json)
            """ + (overwrite
                ? " ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, source = excluded.source, state = excluded.state, fetched_at = excluded.fetched_at, rev = excluded.rev, json = excluded.json"
                : " ON CONFLICT DO NOTHING"),
            ("$id", Key(report.Id)), ("$hash", report.ContentHash), ("$source", report.Source), ("$state", report.State.ToString()),
            ("$fetched", report.FetchedAt.UtcTicks), ("$rev", row.Revision), ("$json", row.Json));
    }

    /// <summary>After the write committed (true: the rows were stored), the next read of these reports needs no decoding.</summary>
    private async Task<bool> RememberedAsync(IReadOnlyList<ReportRow> rows, Task<bool> write)
    {
        var stored = await write.ConfigureAwait(false);
        if (stored)
            foreach (var row in rows)
                _reportRows.Remember(Key(row.Report.Id), row.Revision, row.Report);
        return stored;
    }

    /// <summary>
    /// Reports by id. Each id goes with the revision this process holds it at, and the query leaves the JSON
    /// of a row still at that revision unread: a report the pipeline has just written is not read back.
    /// </summary>
    private List<ReportRecord> ReportsById(SqliteConnection db, IReadOnlyList<string> ids)
    {
        var found = new List<ReportRecord>(ids.Count);
        var unheld = new List<string>();
        ReadById(ids, known: true);
        if (unheld.Count > 0) // dropped from the cache between the query and now: read them whole
            ReadById(unheld.ToArray(), known: false);
        return found;

        void ReadById(IReadOnlyList<string> wanted, bool known)
        {
            var pairs = StoreJson.Serialize(wanted.Select(id => new object?[] { id, known ? _reportRows.KnownRevision(id) : null }));
            var command = Command(db, $"""
                WITH wanted (id, rev) AS (SELECT value ->> 0, value ->> 1 FROM json_each($wanted))
                SELECT r.id, r.rev, CASE WHEN r.rev = wanted.rev THEN NULL ELSE r.json END
                FROM wanted JOIN {StoreCollections.Reports} r ON r.id = wanted.id
                """, ("$wanted", pairs));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var (id, revision) = (reader.GetString(0), reader.GetInt64(1));
                if (!reader.IsDBNull(2))
                    found.Add(_reportRows.Decode(id, revision, reader.GetString(2)));
                else if (_reportRows.TryGet(id, revision, out var held))
                    found.Add(held);
                else
                    unheld.Add(id);
            }
        }
    }

    private static void UpsertCampaign(SqliteConnection db, CampaignRecord campaign, string json, string keys)
    {
        var id = Key(campaign.Id);
        Execute(db, $"""
            INSERT INTO {StoreCollections.Campaigns} (id, live, json) VALUES ($id, $live, $json)
            ON CONFLICT (id) DO UPDATE SET live = excluded.live, json = excluded.json
            """, ("$id", id), ("$live", campaign.MergedInto is null ? 1 : 0), ("$json", json));
        Execute(db, $"DELETE FROM {SqliteSchema.CampaignKeys} WHERE campaign_id = $id", ("$id", id));
        Execute(db, $"INSERT OR IGNORE INTO {SqliteSchema.CampaignKeys} (key, campaign_id) SELECT value, $id FROM json_each($keys)",
            ("$id", id), ("$keys", keys));
    }

    private static long ReadSequence(SqliteConnection db) =>
        Scalar(db, $"SELECT value FROM {StoreCollections.ClusterSequence} WHERE id = $id", ("$id", StoreCollections.SequenceId)) is long value
            ? value
            : 0;

    /// <summary>Reports from a query selecting <c>id, rev, json</c>.</summary>
    private List<ReportRecord> Reports(SqliteConnection db, string sql, params (string, object)[] parameters)
    {
        var command = Command(db, sql, parameters);
        using var reader = command.ExecuteReader();
        var values = new List<ReportRecord>();
        while (reader.Read())
            values.Add(_reportRows.Decode(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        return values;
    }

    /// <summary>Campaigns from a query selecting <c>id, json</c>.</summary>
    private List<CampaignRecord> Campaigns(SqliteConnection db, string sql, params (string, object)[] parameters) =>
        Rows(_campaignRows, db, sql, parameters);

    private static List<T> Rows<T>(RowCache<T> cache, SqliteConnection db, string sql, params (string, object)[] parameters) where T : class
    {
        var command = Command(db, sql, parameters);
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
            values.Add(cache.Decode(reader.GetString(0), reader.GetString(1)));
        return values;
    }

    private static List<T> Values<T>(SqliteConnection db, string sql, params (string, object)[] parameters)
    {
        var command = Command(db, sql, parameters);
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
            values.Add(StoreJson.Deserialize<T>(reader.GetString(0)));
        return values;
    }

    private static string? Json(SqliteConnection db, string sql, params (string, object)[] parameters) =>
        Scalar(db, sql, parameters) as string;

    private static object? Scalar(SqliteConnection db, string sql, params (string, object)[] parameters)
    {
        var command = Command(db, sql, parameters);
        return command.ExecuteScalar();
    }

    private static int Execute(SqliteConnection db, string sql, params (string, object)[] parameters)
    {
        var command = Command(db, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// The connection's prepared command for this SQL, with the parameters bound: each statement is parsed
    /// once per connection, not once per call (connections live as long as the store). Not to be disposed.
    /// </summary>
    private static SqliteCommand Command(SqliteConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        var prepared = PreparedCommands.GetOrCreateValue(db);
        if (!prepared.TryGetValue(sql, out var command))
        {
            command = db.CreateCommand();
            command.CommandText = sql;
            prepared[sql] = command;
        }
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static string Key(Guid id) => id.ToString("D");

    private static string Exact(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}
