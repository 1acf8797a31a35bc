using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.Embedded;
using Pipeline.Infrastructure.Storage.Mongo;

namespace Pipeline.Infrastructure.Tests.Storage;

public sealed class StoreOptionsTests
{
    [Fact]
    public void Defaults_are_the_embedded_store_under_dot_data()
    {
        var options = new StoreOptions();

        Assert.Equal(StoreProvider.Embedded, options.Provider);
        Assert.Equal("./.data/pipeline.db", options.EmbeddedPath);
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

        Assert.Equal(["Store:Provider 'Postgres' is unknown; use \"Embedded\" or \"Mongo\"."], problems);
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
                var store = Assert.IsType<EmbeddedPipelineStore>(services.GetRequiredService<IPipelineStore>());
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
