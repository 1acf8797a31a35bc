namespace Pipeline.Infrastructure.Storage.Sqlite;

/// <summary>
/// Tables of the embedded file, named as the collections of the other adapters. Each value is one JSON
/// text (<see cref="StoreJson"/>) beside the few columns queries need; a campaign's blocking keys are
/// rows of their own so a key lookup is an index seek.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Stored in PRAGMA user_version; a file written by a newer layout is refused, not misread.</summary>
    /// <remarks>2 added reports.rev (<see cref="RowCache{T}"/>); <see cref="Upgrade"/> adds it to a layout-1 file.</remarks>
    public const int Version = 2;

    public static readonly string Create = $"""
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS {StoreCollections.Documents} (
            content_hash TEXT PRIMARY KEY, source TEXT NOT NULL, media_type TEXT NOT NULL,
            fetched_at TEXT NOT NULL, content BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS {StoreCollections.Reports} (
            id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, source TEXT NOT NULL, state TEXT NOT NULL,
            fetched_at INTEGER NOT NULL, rev INTEGER NOT NULL DEFAULT 0, json TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS reports_state ON {StoreCollections.Reports} (state);
        CREATE INDEX IF NOT EXISTS reports_source ON {StoreCollections.Reports} (source, fetched_at);
        CREATE INDEX IF NOT EXISTS reports_content_hash ON {StoreCollections.Reports} (content_hash);
        CREATE TABLE IF NOT EXISTS {StoreCollections.Campaigns} (
            id TEXT PRIMARY KEY, live INTEGER NOT NULL, json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS {CampaignKeys} (
            key TEXT NOT NULL, campaign_id TEXT NOT NULL, PRIMARY KEY (key, campaign_id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS campaign_keys_campaign ON {CampaignKeys} (campaign_id);
        CREATE TABLE IF NOT EXISTS {StoreCollections.CampaignViews} (id TEXT PRIMARY KEY, json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS {StoreCollections.ClusterSequence} (id TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS {StoreCollections.SourceStates} (source TEXT PRIMARY KEY, json TEXT NOT NULL);
        """;

    public const string CampaignKeys = "campaign_keys";

    /// <summary>
    /// Layout 1 to 2: the revision column, appended (SQLite cannot insert a column before json; reading it
    /// then walks the row's overflow pages, which only costs speed). Existing rows get revision 0.
    /// </summary>
    public const string Upgrade = $"ALTER TABLE {StoreCollections.Reports} ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;";

    public const string HasRevision = $"SELECT COUNT(*) FROM pragma_table_info('{StoreCollections.Reports}') WHERE name = 'rev'";
}
