using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.LiteDb;
using Pipeline.Infrastructure.Storage.Mongo;
using Pipeline.Infrastructure.Storage.Sqlite;

namespace Pipeline.Infrastructure.Tests.Storage;

public sealed class StoreOptionsTests
{
    [Fact]
    public void Defaults_are_the_embedded_store_under_dot_data()
    {
        var options = new StoreOptions();

        Assert.Equal(StoreProvider.Embedded, options.Provider);
        Assert.Equal("./.data/pipeline.sqlite", options.EmbeddedPath);
        Assert.Equal("takedowns", options.MongoDatabase);
        Assert.Empty(StoreOptionsValidator.Problems(options));
    }

    [Fact]
    public void Mongo_without_a_connection_string_is_rejected_at_start_with_the_setting_named()
    {
        using var services = Services(new() { ["Store:Provider"] = "Mongo" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Store:MongoConnectionString is not set", error.Message);
    }

    [Fact]
    public void An_unknown_provider_is_rejected_with_the_choices()
    {
        var problems = StoreOptionsValidator.Problems(new StoreOptions { Provider = "Postgres" }).ToList();

        Assert.Equal(["Store:Provider 'Postgres' is unknown; use \"Embedded\" (a local SQLite file), \"Mongo\" or \"LiteDb\"."], problems);
        Assert.Throws<ArgumentException>(() => PipelineStoreFactory.Create(new StoreOptions { Provider = "Postgres" }));
    }

    [Fact]
    public async Task AddPipelineStore_binds_the_section_and_builds_the_embedded_store()
    {
        var path = Path.Combine(Path.GetTempPath(), "pipeline-store-tests", Guid.NewGuid().ToString("N"), "p.db");
        try
        {
            await using (var services = Services(new() { ["Store:Provider"] = "embedded", ["Store:EmbeddedPath"] = path }))
            {
                services.GetRequiredService<IStartupValidator>().Validate();
                var store = Assert.IsType<SqlitePipelineStore>(services.GetRequiredService<IPipelineStore>());
                Assert.Same(store, services.GetRequiredService<IPipelineStore>());
                Assert.Equal(Path.GetFullPath(path), store.FilePath);
                Assert.True(await store.TryAddDocumentAsync(StoreSamples.Document("h", "x")));
            }
            Assert.True(File.Exists(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void LiteDb_stays_selectable_for_files_written_before_sqlite_became_the_default()
    {
        var path = Path.Combine(Path.GetTempPath(), "pipeline-store-tests", Guid.NewGuid().ToString("N"), "old.db");
        try
        {
            using var store = PipelineStoreFactory.Create(new StoreOptions { Provider = "litedb", EmbeddedPath = path }) as IDisposable;
            Assert.Equal(Path.GetFullPath(path), Assert.IsType<LiteDbPipelineStore>(store).FilePath);
        }
        finally
        {
            if (Directory.Exists(Path.GetDirectoryName(path)))
                Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_litedb_file_opened_as_the_sqlite_default_fails_with_what_to_do()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pipeline-store-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "old.db");
        try
        {
            using (var old = new LiteDbPipelineStore(path, TimeSpan.FromSeconds(5)))
                Assert.True(await old.TryAddDocumentAsync(StoreSamples.Document("h", "x")));

            using var store = new SqlitePipelineStore(path, TimeSpan.FromSeconds(5));
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetDocumentAsync("h"));
            Assert.Contains("not a SQLite database", error.Message);
            Assert.Contains("Store:Provider=LiteDb", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_factory_builds_the_mongo_store_without_connecting()
    {
        using var store = PipelineStoreFactory.Create(new StoreOptions
        {
            Provider = "Mongo",
            MongoConnectionString = "mongodb://127.0.0.1:1/?replicaSet=rs0",
        }) as IDisposable;

        Assert.IsType<MongoPipelineStore>(store);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddPipelineStore(configuration).BuildServiceProvider();
    }
}
