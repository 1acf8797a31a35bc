using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Cli;

/// <summary>--store / --mongo / --rabbitmq, shared by every command that touches the pipeline's state.</summary>
internal sealed class ConnectionOptions
{
    public const string RabbitMqVariable = "PIPELINE_RABBITMQ";
    public const string MongoVariable = "PIPELINE_MONGO";
    public const string StoreVariable = "PIPELINE_STORE";

    public Option<string?> Store { get; } = new("--store")
    {
        Description = $"Embedded store file (default for ingest: .data/<folder>-<hash>.sqlite, one per input folder; env {StoreVariable}).",
        HelpName = "file",
    };

    public Option<string?> Mongo { get; } = new("--mongo")
    {
        Description = $"Use MongoDB instead of the embedded store, e.g. mongodb://localhost:27017/?replicaSet=rs0 (env {MongoVariable}).",
        HelpName = "uri",
    };

    public Option<string?> RabbitMq { get; } = new("--rabbitmq")
    {
        Description = $"Use RabbitMQ instead of the in-memory bus, e.g. amqp://guest:guest@localhost:5672/ (env {RabbitMqVariable}).",
        HelpName = "uri",
    };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Log what the workers do (to stderr)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(Mongo);
        command.Options.Add(RabbitMq);
        command.Options.Add(Verbose);
    }

    /// <summary>Configuration for the pipeline host, from the options, then the environment, then defaults.</summary>
    public PipelineSettings Resolve(ParseResult parse, string? defaultStorePath)
    {
        var rabbit = parse.GetValue(RabbitMq) ?? Environment.GetEnvironmentVariable(RabbitMqVariable);
        var mongo = parse.GetValue(Mongo) ?? Environment.GetEnvironmentVariable(MongoVariable);
        var store = parse.GetValue(Store) ?? Environment.GetEnvironmentVariable(StoreVariable) ?? defaultStorePath;
        return new PipelineSettings(NullIfEmpty(rabbit), NullIfEmpty(mongo), store, parse.GetValue(Verbose));
    }

    /// <summary>One embedded store per input folder, so ingesting one folder never mixes in another's campaigns.</summary>
    public static string DefaultStoreFor(string folder)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..8];
        var name = Path.GetFileName(full);
        return Path.Combine(".data", $"{(string.IsNullOrEmpty(name) ? "root" : name)}-{hash}.sqlite");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>Where the pipeline's bus and store are.</summary>
internal sealed record PipelineSettings(string? RabbitMqUri, string? MongoUri, string? EmbeddedStorePath, bool Verbose)
{
    public string Describe() =>
        $"bus: {(RabbitMqUri is null ? "in-memory" : "RabbitMQ " + Infrastructure.Messaging.BusOptions.Redact(RabbitMqUri))}, " +
        $"store: {(MongoUri is null ? "embedded " + EmbeddedStorePath : "MongoDB")}";

    public StoreOptions ToStoreOptions() => MongoUri is null
        ? new StoreOptions { Provider = StoreProvider.Embedded, EmbeddedPath = EmbeddedStorePath ?? new StoreOptions().EmbeddedPath }
        : new StoreOptions { Provider = StoreProvider.Mongo, MongoConnectionString = MongoUri };

    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration()
    {
        yield return new("Bus:Transport", RabbitMqUri is null ? "InMemory" : "RabbitMq");
        yield return new("Bus:RabbitMqUri", RabbitMqUri);
        yield return new("Store:Provider", MongoUri is null ? "Embedded" : "Mongo");
        yield return new("Store:MongoConnectionString", MongoUri);
        yield return new("Store:EmbeddedPath", EmbeddedStorePath);
    }
}
