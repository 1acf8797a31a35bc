using System.Globalization;
using MongoDB.Bson;
using Pipeline.Contracts.Export;

namespace Pipeline.Infrastructure.Storage.Mongo;

/// <summary>
/// Document shapes in MongoDB. Each value is stored as one JSON string (<see cref="StoreJson"/>, the
/// same text the embedded store keeps) in "json", beside native, indexed fields for queries.
/// Why a string and not nested BSON: records carry dictionaries keyed by user-controlled strings
/// (platform names read from reports); as BSON field names, a key starting with '$' or containing
/// '.' would be rejected or read as an operator or a path. In a string it is inert and round-trips
/// byte for byte. Only fixed names become field names; user strings appear only as values.
/// Dates in queryable fields are UTC BSON dates; ids are UUIDs in the standard binary subtype 4.
/// </summary>
internal static class MongoRows
{
    public const string Json = "json";

    public static BsonBinaryData Id(Guid id) => new(id, GuidRepresentation.Standard);

    public static BsonDocument FromDocument(DocumentRecord document) => new()
    {
        { "_id", document.ContentHash },
        { "source", document.Source },
        { "media_type", document.MediaType },
        { "fetched_at", new BsonDateTime(document.FetchedAt.UtcDateTime) },
        // BSON dates keep milliseconds and no offset; the exact value round-trips as text.
        { "fetched_at_exact", document.FetchedAt.ToString("O", CultureInfo.InvariantCulture) },
        { "content", new BsonBinaryData(document.Content) },
    };

    public static DocumentRecord ToDocument(BsonDocument row) => new(
        row["_id"].AsString,
        row["source"].AsString,
        row["media_type"].AsString,
        row["content"].AsByteArray,
        DateTimeOffset.ParseExact(row["fetched_at_exact"].AsString, "O", CultureInfo.InvariantCulture));

    public static BsonDocument FromReport(ReportRecord report) => new()
    {
        { "_id", Id(report.Id) },
        { "content_hash", report.ContentHash },
        { "source", report.Source },
        { "state", report.State.ToString() },
        { "fetched_at", new BsonDateTime(report.FetchedAt.UtcDateTime) },
        { "updated_at", new BsonDateTime(report.UpdatedAt.UtcDateTime) },
        { "campaign_id", report.CampaignId is { } campaign ? Id(campaign) : BsonNull.Value },
        { Json, StoreJson.Serialize(report) },
    };

    public static ReportRecord ToReport(BsonDocument row) => StoreJson.Deserialize<ReportRecord>(row[Json].AsString);

    public static BsonDocument FromCampaign(CampaignRecord campaign) => new()
    {
        { "_id", Id(campaign.Id) },
        // Multikey-indexed: the blocking keys are values in an array, never field names.
        { "keys", new BsonArray(campaign.Keys.Distinct(StringComparer.Ordinal)) },
        { "live", campaign.MergedInto is null },
        { "version", campaign.Version },
        { "updated_at", new BsonDateTime(campaign.UpdatedAt.UtcDateTime) },
        { Json, StoreJson.Serialize(campaign) },
    };

    public static CampaignRecord ToCampaign(BsonDocument row) => StoreJson.Deserialize<CampaignRecord>(row[Json].AsString);

    public static BsonDocument FromView(CampaignExport view) => new()
    {
        { "_id", Id(view.Id) },
        { "name", view.Name },
        { Json, StoreJson.Serialize(view) },
    };

    public static CampaignExport ToView(BsonDocument row) => StoreJson.Deserialize<CampaignExport>(row[Json].AsString);

    public static BsonDocument FromSourceState(SourceState state) => new()
    {
        { "_id", state.Source },
        { "updated_at", new BsonDateTime(state.UpdatedAt.UtcDateTime) },
        { Json, StoreJson.Serialize(state) },
    };

    public static SourceState ToSourceState(BsonDocument row) => StoreJson.Deserialize<SourceState>(row[Json].AsString);
}
