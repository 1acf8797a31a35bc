using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// The one serializer both adapters store values with, so a record reads back the same from either.
/// Dictionary keys (platform names, user-controlled) are kept verbatim; only property names are cased.
/// </summary>
internal static class StoreJson
{
    public static readonly JsonSerializerOptions Options = WithReportExportsKept(new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    });

    private static JsonSerializerOptions WithReportExportsKept(JsonSerializerOptions plain)
    {
        var options = new JsonSerializerOptions(plain);
        options.Converters.Add(new ReportExportJsonConverter(plain));
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidDataException($"Stored {typeof(T).Name} is null.");
}
