using Pipeline.Infrastructure.Storage.LiteDb;
using Pipeline.Infrastructure.Storage.Mongo;
using Pipeline.Infrastructure.Storage.Sqlite;

namespace Pipeline.Infrastructure.Storage;

/// <summary>Builds the configured store without DI (the CLI); the caller owns and disposes it.</summary>
public static class PipelineStoreFactory
{
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static IPipelineStore Create(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = StoreOptionsValidator.Problems(options).ToList();
        if (problems.Count > 0)
            throw new ArgumentException("Invalid store options: " + string.Join(" ", problems), nameof(options));

        if (StoreOptionsValidator.IsProvider(options.Provider, StoreProvider.Mongo))
            return new MongoPipelineStore(options.MongoConnectionString!, options.MongoDatabase);
        if (StoreOptionsValidator.IsProvider(options.Provider, StoreProvider.LiteDb))
            return new LiteDbPipelineStore(options.EmbeddedPath, options.EmbeddedBusyTimeout, options.EmbeddedExclusive);
        return new SqlitePipelineStore(options.EmbeddedPath, options.EmbeddedBusyTimeout, options.EmbeddedSyncEveryCommit);
    }
}
