using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Contracts.Export;
using Pipeline.Infrastructure.Storage;
using static Pipeline.Infrastructure.Tests.Storage.StoreSamples;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>The store's serializer keeps each report export's text, and that text is what plain System.Text.Json writes.</summary>
public sealed class StoreJsonTests
{
    // StoreJson's settings without the kept-text converter: what every stored value looked like before it.
    private static readonly JsonSerializerOptions Plain = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    [Fact]
    public void A_view_is_written_exactly_as_plain_serialization_writes_it_the_first_time_and_every_time_after()
    {
        var view = HostileView();
        var expected = JsonSerializer.Serialize(view, Plain);

        Assert.Equal(expected, StoreJson.Serialize(view));
        Assert.Equal(expected, StoreJson.Serialize(view)); // the members' kept text
        Assert.Equal(expected, StoreJson.Serialize(view with { Name = view.Name })); // another view, the same member instances
    }

    [Fact]
    public void A_view_reads_back_as_written_and_a_changed_member_is_written_anew()
    {
        var view = HostileView();
        StoreJson.Serialize(view);

        var read = StoreJson.Deserialize<CampaignExport>(StoreJson.Serialize(view));
        Assert.Equal(JsonSerializer.Serialize(view, Plain), JsonSerializer.Serialize(read, Plain));

        // A new instance (as a rebuilt report gives) is serialized from its own values, never from another's text.
        var changed = view with { Reports = [view.Reports[0] with { Title = "changed" }, view.Reports[1]] };
        Assert.Equal(JsonSerializer.Serialize(changed, Plain), StoreJson.Serialize(changed));
        Assert.Contains("\"title\":\"changed\"", StoreJson.Serialize(changed), StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_export_alone_and_in_a_list_is_written_as_plain_serialization_writes_it()
    {
        var reports = HostileView().Reports;
        Assert.Equal(JsonSerializer.Serialize(reports[1], Plain), StoreJson.Serialize(reports[1]));
        Assert.Equal(JsonSerializer.Serialize(reports, Plain), StoreJson.Serialize(reports));
    }

    /// <summary>A view whose members hold text that needs escaping: quotes, control characters, non-ASCII, a null title.</summary>
    private static CampaignExport HostileView()
    {
        var view = View("Liberty \"Front\" Press");
        var second = view.Reports[0] with
        {
            Source = "https://example.org/rapport?a=1&b=\u00e9t\u00e9",
            Title = null,
            Evidence = [new EvidenceExport("actors", "\u00abIRIB\u00bb", "line one\nline two\t\"quoted\" \u2014 \ud83d\ude00", 3, 40)],
        };
        return view with { Reports = [view.Reports[0], second] };
    }
}
