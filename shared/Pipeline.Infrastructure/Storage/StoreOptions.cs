namespace Pipeline.Infrastructure.Storage;

/// <summary>Which store the pipeline uses, bound from the "Store" configuration section.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Store";

    /// <summary><see cref="StoreProvider.Embedded"/> (default, a local file) or <see cref="StoreProvider.Mongo"/>.</summary>
    public string Provider { get; set; } = StoreProvider.Embedded;

    /// <summary>The embedded store's file; several processes may share it.</summary>
    public string EmbeddedPath { get; set; } = "./.data/pipeline.db";

    /// <summary>
    /// How long an embedded operation waits for another process to release the file before it
    /// fails with <see cref="StoreUnavailableException"/> (so the caller's retry policy takes over).
    /// </summary>
    public TimeSpan EmbeddedBusyTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// True when a single process uses the embedded file (the CLI's in-process pipeline): much faster.
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
}
