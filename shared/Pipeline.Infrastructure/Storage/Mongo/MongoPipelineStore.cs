using MongoDB.Bson;
using Pipeline.Domain.Campaigns;
using MongoDB.Driver;
using Pipeline.Contracts.Export;

namespace Pipeline.Infrastructure.Storage.Mongo;

/// <summary>
/// The MongoDB store. Requires a replica set (or mongos): <see cref="TryCommitClusterAsync"/> runs in
/// a multi-document transaction, which a standalone server does not offer, so deduplication is not
/// supported there (it fails with <see cref="NotSupportedException"/>; the other operations work).
/// Unreachable servers surface as <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed class MongoPipelineStore : IPipelineStore, IDisposable
{
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;
    private static readonly ReplaceOptions Upsert = new() { IsUpsert = true };

    private readonly MongoClient _client;
    private readonly IMongoCollection<BsonDocument> _documents;
    private readonly IMongoCollection<BsonDocument> _reports;
    private readonly IMongoCollection<BsonDocument> _campaigns;
    private readonly IMongoCollection<BsonDocument> _views;
    private readonly IMongoCollection<BsonDocument> _sequence;
    private readonly IMongoCollection<BsonDocument> _sourceStates;
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private volatile bool _initialized;
    private int _disposed;

    public MongoPipelineStore(string connectionString, string databaseName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseName);
        _client = new MongoClient(connectionString);
        // Majority writes: an acknowledged write must survive a primary failover.
        var database = _client.GetDatabase(databaseName, new MongoDatabaseSettings { WriteConcern = WriteConcern.WMajority });
        _documents = database.GetCollection<BsonDocument>(StoreCollections.Documents);
        _reports = database.GetCollection<BsonDocument>(StoreCollections.Reports);
        _campaigns = database.GetCollection<BsonDocument>(StoreCollections.Campaigns);
        _views = database.GetCollection<BsonDocument>(StoreCollections.CampaignViews);
        _sequence = database.GetCollection<BsonDocument>(StoreCollections.ClusterSequence);
        _sourceStates = database.GetCollection<BsonDocument>(StoreCollections.SourceStates);
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
            return;
        await _initialization.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
                return;
            await GuardAsync(async () =>
            {
                var keys = Builders<BsonDocument>.IndexKeys;
                await _reports.Indexes.CreateManyAsync(
                [
                    new CreateIndexModel<BsonDocument>(keys.Ascending("content_hash")),
                    new CreateIndexModel<BsonDocument>(keys.Ascending("source").Descending("fetched_at")),
                    new CreateIndexModel<BsonDocument>(keys.Ascending("state").Ascending("fetched_at")),
                ], cancellationToken).ConfigureAwait(false);
                await _documents.Indexes.CreateOneAsync(
                    new CreateIndexModel<BsonDocument>(keys.Ascending("source")), cancellationToken: cancellationToken).ConfigureAwait(false);
                await _campaigns.Indexes.CreateManyAsync(
                [
                    new CreateIndexModel<BsonDocument>(keys.Ascending("keys").Ascending("live")),
                    new CreateIndexModel<BsonDocument>(keys.Ascending("live")),
                ], cancellationToken).ConfigureAwait(false);
                await EnsureSequenceAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken, initialize: false).ConfigureAwait(false);
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
        return GuardAsync(() => TryInsertAsync(_documents, MongoRows.FromDocument(document), cancellationToken), cancellationToken);
    }

    public Task<DocumentRecord?> GetDocumentAsync(string contentHash, CancellationToken cancellationToken = default) =>
        GuardAsync(async () => await FindOneAsync(_documents, Filter.Eq("_id", contentHash), cancellationToken).ConfigureAwait(false)
            is { } row ? MongoRows.ToDocument(row) : null, cancellationToken);

    public Task<bool> TryAddReportAsync(ReportRecord report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return GuardAsync(() => TryInsertAsync(_reports, MongoRows.FromReport(report), cancellationToken), cancellationToken);
    }

    public async Task<bool> TryAddFetchedAsync(DocumentRecord document, ReportRecord report, CancellationToken cancellationToken = default)
    {
        await TryAddDocumentAsync(document, cancellationToken).ConfigureAwait(false);
        return await TryAddReportAsync(report, cancellationToken).ConfigureAwait(false);
    }

    public Task<ReportRecord?> GetReportAsync(Guid id, CancellationToken cancellationToken = default) =>
        GuardAsync(async () => await FindOneAsync(_reports, ById(id), cancellationToken).ConfigureAwait(false)
            is { } row ? MongoRows.ToReport(row) : null, cancellationToken);

    public async Task<IReadOnlyList<ReportRecord>> GetReportsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
            return [];
        return await GuardAsync(async () =>
        {
            var rows = await _reports.Find(Filter.In("_id", ids.Distinct().Select(MongoRows.Id)))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<ReportRecord>)rows.Select(MongoRows.ToReport).ToList();
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task SaveReportAsync(ReportRecord report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return GuardAsync(() => _reports.ReplaceOneAsync(ById(report.Id), MongoRows.FromReport(report), Upsert, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<ReportRecord>> ListReportsAsync(ReportState? state = null, CancellationToken cancellationToken = default) =>
        GuardAsync(async () =>
        {
            var filter = state is { } s ? Filter.Eq("state", s.ToString()) : Filter.Empty;
            var rows = await _reports.Find(filter).ToListAsync(cancellationToken).ConfigureAwait(false);
            return StoreOrder.ByFetch(rows.Select(MongoRows.ToReport));
        }, cancellationToken);

    public Task<ReportRecord?> FindLatestReportBySourceAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return GuardAsync(async () =>
        {
            // BSON dates keep milliseconds: fetch the newest few and let the exact timestamps decide.
            var rows = await _reports.Find(Filter.Eq("source", source))
                .Sort(Builders<BsonDocument>.Sort.Descending("fetched_at"))
                .Limit(16)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return StoreOrder.Latest(rows.Select(MongoRows.ToReport));
        }, cancellationToken);
    }

    public Task<IReadOnlyDictionary<ReportState, long>> CountReportsByStateAsync(CancellationToken cancellationToken = default) =>
        GuardAsync(async () =>
        {
            var groups = await _reports.Aggregate()
                .Group(new BsonDocument { { "_id", "$state" }, { "count", new BsonDocument("$sum", 1L) } })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return StoreOrder.Counts(groups
                .Where(g => g["_id"].IsString && Enum.TryParse<ReportState>(g["_id"].AsString, out _))
                .Select(g => KeyValuePair.Create(Enum.Parse<ReportState>(g["_id"].AsString), g["count"].ToInt64())));
        }, cancellationToken);

    public Task<long> GetClusterSequenceAsync(CancellationToken cancellationToken = default) =>
        GuardAsync(async () =>
        {
            var row = await FindOneAsync(_sequence, Filter.Eq("_id", StoreCollections.SequenceId), cancellationToken).ConfigureAwait(false);
            return row?["value"].ToInt64() ?? 0L;
        }, cancellationToken);

    public Task<CampaignRecord?> GetCampaignAsync(Guid id, CancellationToken cancellationToken = default) =>
        GuardAsync(async () => await FindOneAsync(_campaigns, ById(id), cancellationToken).ConfigureAwait(false)
            is { } row ? MongoRows.ToCampaign(row) : null, cancellationToken);

    public async Task<IReadOnlyList<CampaignRecord>> FindCampaignsByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
            return [];
        return await GuardAsync(async () =>
        {
            var filter = Filter.In("keys", keys.Distinct(StringComparer.Ordinal)) & Filter.Eq("live", true);
            var rows = await _campaigns.Find(filter).ToListAsync(cancellationToken).ConfigureAwait(false);
            return StoreOrder.Campaigns(MatchKeys.Offered(keys, rows.Select(MongoRows.ToCampaign).ToList(), c => c.Keys));
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<CampaignRecord>> ListCampaignsAsync(bool includeMerged = false, CancellationToken cancellationToken = default) =>
        GuardAsync(async () =>
        {
            var rows = await _campaigns.Find(includeMerged ? Filter.Empty : Filter.Eq("live", true))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return StoreOrder.Campaigns(rows.Select(MongoRows.ToCampaign));
        }, cancellationToken);

    public Task<bool> TryCommitClusterAsync(ClusterCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var campaignWrites = commit.Campaigns
            .Select(c => new ReplaceOneModel<BsonDocument>(ById(c.Id), MongoRows.FromCampaign(c)) { IsUpsert = true })
            .ToList();
        var reportWrites = commit.Reports
            .Select(r => new ReplaceOneModel<BsonDocument>(ById(r.Id), MongoRows.FromReport(r)) { IsUpsert = true })
            .ToList();
        return GuardAsync(async () =>
        {
            using var session = await _client.StartSessionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                // The sequence document is the single point every committer writes first: two
                // transactions racing on it write-conflict, the driver retries the loser, whose
                // retry then finds the value moved on and writes nothing.
                return await session.WithTransactionAsync(async (s, ct) =>
                {
                    var advanced = await _sequence.FindOneAndUpdateAsync(s,
                        Filter.Eq("_id", StoreCollections.SequenceId) & Filter.Eq("value", commit.ExpectedSequence),
                        Builders<BsonDocument>.Update.Inc("value", 1L),
                        cancellationToken: ct).ConfigureAwait(false);
                    if (advanced is null)
                        return false;
                    if (campaignWrites.Count > 0)
                        await _campaigns.BulkWriteAsync(s, campaignWrites, cancellationToken: ct).ConfigureAwait(false);
                    if (reportWrites.Count > 0)
                        await _reports.BulkWriteAsync(s, reportWrites, cancellationToken: ct).ConfigureAwait(false);
                    return true;
                }, new TransactionOptions(ReadConcern.Snapshot, writeConcern: WriteConcern.WMajority), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (IsStandalone(ex))
            {
                throw new NotSupportedException(
                    "The MongoDB store needs a replica set (or mongos) for clustering commits; a standalone server has no "
                    + "transactions. Start mongod with --replSet and initiate it, or use the embedded store.", ex);
            }
        }, cancellationToken);
    }

    public Task SaveCampaignViewAsync(CampaignExport view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        return GuardAsync(() => _views.ReplaceOneAsync(ById(view.Id), MongoRows.FromView(view), Upsert, cancellationToken), cancellationToken);
    }

    public Task<CampaignExport?> GetCampaignViewAsync(Guid id, CancellationToken cancellationToken = default) =>
        GuardAsync(async () => await FindOneAsync(_views, ById(id), cancellationToken).ConfigureAwait(false)
            is { } row ? MongoRows.ToView(row) : null, cancellationToken);

    public Task<IReadOnlyList<CampaignExport>> ListCampaignViewsAsync(CancellationToken cancellationToken = default) =>
        GuardAsync(async () =>
        {
            var rows = await _views.Find(Filter.Empty).ToListAsync(cancellationToken).ConfigureAwait(false);
            return StoreOrder.Views(rows.Select(MongoRows.ToView));
        }, cancellationToken);

    public Task DeleteCampaignViewAsync(Guid id, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _views.DeleteOneAsync(ById(id), cancellationToken), cancellationToken);

    public Task<SourceState?> GetSourceStateAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return GuardAsync(async () => await FindOneAsync(_sourceStates, Filter.Eq("_id", source), cancellationToken).ConfigureAwait(false)
            is { } row ? MongoRows.ToSourceState(row) : null, cancellationToken);
    }

    public Task SaveSourceStateAsync(SourceState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return GuardAsync(() => _sourceStates.ReplaceOneAsync(Filter.Eq("_id", state.Source), MongoRows.FromSourceState(state), Upsert, cancellationToken),
            cancellationToken);
    }

    public Task<IReadOnlyList<SourceState>> ListSourceStatesAsync(CancellationToken cancellationToken = default) =>
        GuardAsync(async () =>
        {
            var rows = await _sourceStates.Find(Filter.Empty).ToListAsync(cancellationToken).ConfigureAwait(false);
            return StoreOrder.Sources(rows.Select(MongoRows.ToSourceState));
        }, cancellationToken);

    public Task<bool> DeleteSourceStateAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return GuardAsync(async () => (await _sourceStates.DeleteOneAsync(Filter.Eq("_id", source), cancellationToken).ConfigureAwait(false))
            .DeletedCount > 0, cancellationToken);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _client.Dispose();
        _initialization.Dispose();
    }

    private async Task EnsureSequenceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _sequence.UpdateOneAsync(
                Filter.Eq("_id", StoreCollections.SequenceId),
                Builders<BsonDocument>.Update.SetOnInsert("value", 0L),
                new UpdateOptions { IsUpsert = true },
                cancellationToken).ConfigureAwait(false);
        }
        catch (MongoException ex) when (IsDuplicateKey(ex))
        {
            // Another instance created it between our match and insert: it exists, which is the goal.
        }
    }

    private static FilterDefinition<BsonDocument> ById(Guid id) => Filter.Eq("_id", MongoRows.Id(id));

    private static async Task<BsonDocument?> FindOneAsync(
        IMongoCollection<BsonDocument> collection, FilterDefinition<BsonDocument> filter, CancellationToken cancellationToken) =>
        await collection.Find(filter).Limit(1).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

    private static async Task<bool> TryInsertAsync(
        IMongoCollection<BsonDocument> collection, BsonDocument row, CancellationToken cancellationToken)
    {
        try
        {
            await collection.InsertOneAsync(row, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MongoException ex) when (IsDuplicateKey(ex))
        {
            return false;
        }
    }

    private static bool IsDuplicateKey(MongoException ex) => ex switch
    {
        MongoWriteException write => write.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoCommandException command => command.Code == 11000,
        _ => false,
    };

    private static bool IsStandalone(Exception ex) =>
        (ex is NotSupportedException && ex.Message.Contains("transaction", StringComparison.OrdinalIgnoreCase))
        || ex is MongoCommandException { Code: 20 }; // IllegalOperation: "Transaction numbers are only allowed on a replica set member or mongos"

    private Task GuardAsync(Func<Task> operation, CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        await operation().ConfigureAwait(false);
        return true;
    }, cancellationToken);

    /// <summary>Initializes on first use and turns "cannot reach the server" into <see cref="StoreUnavailableException"/>.</summary>
    private async Task<T> GuardAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken, bool initialize = true)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        try
        {
            if (initialize && !_initialized)
                await InitializeAsync(cancellationToken).ConfigureAwait(false);
            return await operation().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or MongoConnectionException)
        {
            throw new StoreUnavailableException($"MongoDB is unreachable: {ex.Message}", ex);
        }
    }
}
