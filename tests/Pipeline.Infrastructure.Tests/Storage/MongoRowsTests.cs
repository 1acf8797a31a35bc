using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Storage.Mongo;
using static Pipeline.Infrastructure.Tests.Storage.StoreSamples;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>
/// The MongoDB document shapes, checked without a server: user-controlled strings must never become
/// field names, and every value must survive BSON encoding.
/// </summary>
public sealed class MongoRowsTests
{
    private static readonly string[] Hostile = ["$where", "a.b", "$set.x", ".", ""];

    [Fact]
    public void Field_names_are_fixed_whatever_the_values()
    {
        var platforms = Hostile.ToDictionary(k => k, k => (IReadOnlyDictionary<string, long>)new Dictionary<string, long> { [k] = 1 });
        var view = View("$name.x", platforms);
        var report = FullyExtracted("r") with { Source = "$where.source" };
        var campaign = Campaign("c", Hostile);

        var source = SourceState("$where.source");

        foreach (var row in new[] { MongoRows.FromView(view), MongoRows.FromReport(report), MongoRows.FromCampaign(campaign), MongoRows.FromSourceState(source) })
            Assert.All(FieldNames(row), name =>
            {
                Assert.DoesNotContain(".", name);
                Assert.False(name.StartsWith('$'), name);
            });
    }

    [Fact]
    public void Rows_survive_bson_encoding_unchanged()
    {
        var platforms = Hostile.ToDictionary(k => k, k => (IReadOnlyDictionary<string, long>)new Dictionary<string, long> { [k] = 7 });
        var view = View("v", platforms);
        var report = FullyExtracted("r");
        var campaign = Campaign("c", Hostile, IdOf("campaign-other"), report.Id);
        var document = Document("sha256:ff", "bytes\0and more");

        StoreAssert.Same(view, MongoRows.ToView(Reencode(MongoRows.FromView(view))));
        StoreAssert.Same(report, MongoRows.ToReport(Reencode(MongoRows.FromReport(report))));
        StoreAssert.Same(campaign, MongoRows.ToCampaign(Reencode(MongoRows.FromCampaign(campaign))));
        StoreAssert.Same(document, MongoRows.ToDocument(Reencode(MongoRows.FromDocument(document))));
        StoreAssert.Same(SourceState("s"), MongoRows.ToSourceState(Reencode(MongoRows.FromSourceState(SourceState("s")))));
    }

    [Fact]
    public void Ids_are_standard_uuids_and_dates_utc()
    {
        var report = Report("r", fetchedAt: new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.FromHours(5)));
        var row = Reencode(MongoRows.FromReport(report));

        Assert.Equal(BsonBinarySubType.UuidStandard, row["_id"].AsBsonBinaryData.SubType);
        Assert.Equal(new DateTime(2024, 1, 1, 7, 0, 0, DateTimeKind.Utc), row["fetched_at"].ToUniversalTime());
        Assert.Equal(nameof(ReportState.Fetched), row["state"].AsString);
    }

    private static BsonDocument Reencode(BsonDocument row) => BsonSerializer.Deserialize<BsonDocument>(row.ToBson());

    private static IEnumerable<string> FieldNames(BsonValue value) => value switch
    {
        BsonDocument document => document.Elements.SelectMany(e => FieldNames(e.Value).Prepend(e.Name)),
        BsonArray array => array.SelectMany(FieldNames),
        _ => [],
    };
}
