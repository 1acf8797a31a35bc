using System.Globalization;
using LiteDB;
using Pipeline.Contracts.Export;

namespace Pipeline.Infrastructure.Storage.LiteDb;

/// <summary>
/// Row shapes of the embedded file: each value is one JSON text (<see cref="StoreJson"/>) beside the
/// few fields queries need. Only these fields are ever read by LiteDB, so user-controlled strings
/// never become field names.
/// </summary>
internal static class LiteDbRows
{
    private const string Json = "json";

    public static BsonDocument FromDocument(DocumentRecord document) => new()
    {
        ["_id"] = document.ContentHash,
        ["source"] = document.Source,
        ["media_type"] = document.MediaType,
        ["fetched_at"] = document.FetchedAt.UtcDateTime,
        // BSON dates keep milliseconds and no offset; the exact value round-trips as text.
        ["fetched_at_exact"] = document.FetchedAt.ToString("O", CultureInfo.InvariantCulture),
        ["content"] = document.Content,
    };

    public static DocumentRecord ToDocument(BsonDocument row) => new(
        row["_id"].AsString,
        row["source"].AsString,
        row["media_type"].AsString,
        row["content"].AsBinary,
        DateTimeOffset.ParseExact(row["fetched_at_exact"].AsString, "O", CultureInfo.InvariantCulture));

    public static BsonDocument FromReport(ReportRecord report) => new()
    {
        ["_id"] = report.Id,
        ["content_hash"] = report.ContentHash,
        ["source"] = report.Source,
        ["state"] = report.State.ToString(),
        ["fetched_at"] = report.FetchedAt.UtcDateTime,
        ["campaign_id"] = report.CampaignId is { } campaign ? new BsonValue(campaign) : BsonValue.Null,
        [Json] = StoreJson.Serialize(report),
    };

    public static ReportRecord ToReport(BsonDocument row) => StoreJson.Deserialize<ReportRecord>(row[Json].AsString);

    public static BsonDocument FromCampaign(CampaignRecord campaign) => new()
    {
        ["_id"] = campaign.Id,
        ["keys"] = new BsonArray(campaign.Keys.Distinct(StringComparer.Ordinal).Select(k => new BsonValue(k))),
        ["live"] = campaign.MergedInto is null,
        [Json] = StoreJson.Serialize(campaign),
    };

    public static CampaignRecord ToCampaign(BsonDocument row) => StoreJson.Deserialize<CampaignRecord>(row[Json].AsString);

    public static BsonDocument FromView(CampaignExport view) => new()
    {
        ["_id"] = view.Id,
        [Json] = StoreJson.Serialize(view),
    };

    public static CampaignExport ToView(BsonDocument row) => StoreJson.Deserialize<CampaignExport>(row[Json].AsString);

    public static BsonDocument FromSourceState(SourceState state) => new()
    {
        ["_id"] = state.Source,
        [Json] = StoreJson.Serialize(state),
    };

    public static SourceState ToSourceState(BsonDocument row) => StoreJson.Deserialize<SourceState>(row[Json].AsString);

    public static BsonDocument Sequence(long value) => new() { ["_id"] = StoreCollections.SequenceId, ["value"] = value };
}
