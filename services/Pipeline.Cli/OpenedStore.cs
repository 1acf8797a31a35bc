using Pipeline.Infrastructure.Storage;

namespace Pipeline.Cli;

/// <summary>A store opened directly by a command (no host), disposed with it.</summary>
internal sealed class OpenedStore : IAsyncDisposable
{
    private OpenedStore(IPipelineStore store) => Store = store;

    public IPipelineStore Store { get; }

    /// <summary>Opens the store the settings name, or explains on stderr why it cannot (returns null).</summary>
    public static async Task<OpenedStore?> OpenAsync(PipelineSettings settings, CancellationToken ct)
    {
        if (settings.MongoUri is null && settings.EmbeddedStorePath is null)
        {
            await Console.Error.WriteLineAsync($"error: say which store to use: --store <file> (ingest prints its path) or --mongo <uri> (or set {ConnectionOptions.StoreVariable} / {ConnectionOptions.MongoVariable}).");
            return null;
        }
        if (settings.MongoUri is null && !File.Exists(settings.EmbeddedStorePath))
        {
            await Console.Error.WriteLineAsync($"error: no store at '{settings.EmbeddedStorePath}'. Run `pipeline ingest <folder>` first; it prints where it stored the campaigns.");
            return null;
        }
        var store = PipelineStoreFactory.Create(settings.ToStoreOptions());
        await store.InitializeAsync(ct);
        return new OpenedStore(store);
    }

    public async ValueTask DisposeAsync()
    {
        if (Store is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync();
        else if (Store is IDisposable disposable)
            disposable.Dispose();
    }
}
