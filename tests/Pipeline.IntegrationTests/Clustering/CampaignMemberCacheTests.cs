using Pipeline.Application.Clustering;
using Pipeline.Domain.Reports;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.IntegrationTests.Clustering;

public sealed class CampaignMemberCacheTests
{
    [Fact]
    public void A_member_is_served_only_under_the_extractor_version_it_was_cached_with()
    {
        var cache = new CampaignMemberCache();
        var v1 = Report("a", "rules-1");
        var cached = cache.Add(v1);

        var (found, missing) = cache.Lookup([v1.Id, Guid.NewGuid()], "rules-1");
        Assert.Same(cached, found[v1.Id]); // the same instance, so the matcher's facts cache hits
        Assert.Single(missing);

        // A report extracted by a newer extractor: the old member must be reloaded from the store.
        var (stale, reload) = cache.Lookup([v1.Id], "rules-2");
        Assert.Empty(stale);
        Assert.Equal([v1.Id], reload);

        var v2 = cache.Add(v1 with { ExtractorVersion = "rules-2", Extraction = new ExtractedReport { Source = "a", DescribesTakedown = false } });
        Assert.Same(v2, cache.Lookup([v1.Id], "rules-2").Found[v1.Id]);
        Assert.Empty(cache.Lookup([v1.Id], "rules-1").Found);
    }

    private static ReportRecord Report(string name, string version) => new()
    {
        Id = Guid.NewGuid(),
        ContentHash = "sha256:" + name,
        Source = name,
        MediaType = "text/plain",
        FetchedAt = DateTimeOffset.UnixEpoch,
        State = ReportState.Extracted,
        Extraction = new ExtractedReport { Source = name, DescribesTakedown = true },
        ExtractorVersion = version,
    };
}
