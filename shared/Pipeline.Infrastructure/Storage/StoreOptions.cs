namespace Pipeline.Infrastructure.Storage;

/// <summary>Which store the pipeline uses, bound from the "Store" configuration section.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Store";

    /// <summary>
    /// <see cref="StoreProvider.Embedded"/> (default: a local SQLite file), <see cref="StoreProvider.Mongo"/>,
    /// or <see cref="StoreProvider.LiteDb"/> (the earlier embedded engine, kept for existing files).
    /// </summary>
    public string Provider { get; set; } = StoreProvider.Embedded;

    /// <summary>The embedded store's file (Embedded or LiteDb); several processes on one host may share it.</summary>
    public string EmbeddedPath { get; set; } = "./.data/pipeline.sqlite";

    /// <summary>
    /// How long an embedded operation waits for another process to release the file before it
    /// fails with <see cref="StoreUnavailableException"/> (so the caller's retry policy takes over).
    /// </summary>
    public TimeSpan EmbeddedBusyTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Embedded (SQLite): fsync every commit, so the last commits also survive an OS crash or power cut.
    /// Off by default: a commit is then durable against the process being killed, and far cheaper.
    /// </summary>
    public bool EmbeddedSyncEveryCommit { get; set; }

    /// <summary>
    /// LiteDb only: true when a single process uses the file (the CLI's in-process pipeline): much faster.
    /// Leave false when several worker processes share the file.
    /// </summary>
    public bool EmbeddedExclusive { get; set; }

    /// <summary>A replica-set connection string: clustering commits need transactions.</summary>
    public string? MongoConnectionString { get; set; }

    public string MongoDatabase { get; set; } = "takedowns";
}

public static class StoreProvider
{
    public const string Embedded = "Embedded";
    public const string Mongo = "Mongo";
    public const string LiteDb = "LiteDb";
}
