using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Contracts.Export;

namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// Writes each <see cref="ReportExport"/> instance's JSON once: a campaign view embeds every member's export
/// and is saved again at every join, so without this a campaign of k reports serializes k exports per join.
/// The text is exactly what the options would write; instances are immutable, so the kept text stays true.
/// </summary>
internal sealed class ReportExportJsonConverter(JsonSerializerOptions plain) : JsonConverter<ReportExport>
{
    private readonly ConditionalWeakTable<ReportExport, byte[]> _written = new();
    private readonly ConditionalWeakTable<ReportExport, byte[]>.CreateValueCallback _write = value => JsonSerializer.SerializeToUtf8Bytes(value, plain);

    public override ReportExport? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<ReportExport>(ref reader, plain);

    public override void Write(Utf8JsonWriter writer, ReportExport value, JsonSerializerOptions options) =>
        writer.WriteRawValue(_written.GetValue(value, _write), skipInputValidation: true);
}
