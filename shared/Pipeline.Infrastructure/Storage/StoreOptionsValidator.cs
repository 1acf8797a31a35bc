using Microsoft.Extensions.Options;

namespace Pipeline.Infrastructure.Storage;

/// <summary>Rejects a store configuration that could only fail later, with a message naming the setting.</summary>
public sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The same checks, for callers without DI (the CLI through <see cref="PipelineStoreFactory"/>).</summary>
    public static IEnumerable<string> Problems(StoreOptions options)
    {
        var section = StoreOptions.SectionName;
        if (IsProvider(options.Provider, StoreProvider.Embedded) || IsProvider(options.Provider, StoreProvider.LiteDb))
        {
            if (string.IsNullOrWhiteSpace(options.EmbeddedPath))
                yield return $"{section}:EmbeddedPath is empty; give the embedded store's file path (default ./.data/pipeline.sqlite).";
            if (options.EmbeddedBusyTimeout <= TimeSpan.Zero)
                yield return $"{section}:EmbeddedBusyTimeout must be positive (was {options.EmbeddedBusyTimeout}).";
        }
        else if (IsProvider(options.Provider, StoreProvider.Mongo))
        {
            if (string.IsNullOrWhiteSpace(options.MongoConnectionString))
                yield return $"{section}:Provider is Mongo but {section}:MongoConnectionString is not set (e.g. mongodb://localhost:27017/?replicaSet=rs0).";
            else if (!options.MongoConnectionString.StartsWith("mongodb://", StringComparison.OrdinalIgnoreCase)
                     && !options.MongoConnectionString.StartsWith("mongodb+srv://", StringComparison.OrdinalIgnoreCase))
                yield return $"{section}:MongoConnectionString must start with mongodb:// or mongodb+srv://.";
            if (string.IsNullOrWhiteSpace(options.MongoDatabase))
                yield return $"{section}:MongoDatabase is empty (default \"takedowns\").";
        }
        else
        {
            yield return $"{section}:Provider '{options.Provider}' is unknown; use \"{StoreProvider.Embedded}\" (a local SQLite file), \"{StoreProvider.Mongo}\" or \"{StoreProvider.LiteDb}\".";
        }
    }

    internal static bool IsProvider(string? value, string provider) =>
        string.Equals(value?.Trim(), provider, StringComparison.OrdinalIgnoreCase);
}
