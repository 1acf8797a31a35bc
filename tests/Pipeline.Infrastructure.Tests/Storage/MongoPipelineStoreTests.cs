using MongoDB.Driver;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.Mongo;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>
/// The contract on MongoDB, one database per test. Every test reports as skipped, with the reason,
/// when no server is available (see <see cref="MongoTestServer"/>); it never passes without one.
/// </summary>
public sealed class MongoPipelineStoreTests : PipelineStoreContract
{
    protected override async Task<IPipelineStore> OpenInstanceAsync(string storeName)
    {
        var server = await MongoTestServer.GetAsync();
        Skip.If(server.ConnectionString is null, server.SkipReason);
        return new MongoPipelineStore(server.ConnectionString!, storeName);
    }

    protected override async Task DeleteStoreAsync(string storeName)
    {
        var server = await MongoTestServer.GetAsync();
        if (server.ConnectionString is null)
            return;
        using var client = new MongoClient(server.ConnectionString);
        try
        {
            await client.DropDatabaseAsync(storeName);
        }
        catch (Exception ex) when (ex is TimeoutException or MongoConnectionException)
        {
            // The test itself already failed on the unreachable server; don't bury that error under this one.
        }
    }
}
