using System.Globalization;
using Pipeline.Domain.Campaigns;
using Pipeline.Domain.Reports;

namespace Pipeline.Benchmarks;

/// <summary>
/// How synthetic campaigns fill the blocking keys as their number grows.
/// <list type="bullet">
/// <item><see cref="History"/>: more campaigns means a longer history of a larger world, not a more
/// crowded month: origin-months and figure values grow with the count so that every key's expected
/// bucket stays about the same size (~1 campaign per origin-month). What a blocking index can keep flat.</item>
/// <item><see cref="Crowded"/>: today's real ranges (60 origins, 15 years, accounts up to 20,000, Pages
/// 20-500) filled with ever more campaigns: origin-month and small-figure buckets grow linearly. The
/// stress case: it shows how the candidate count, and so the cost, grows when keys get crowded.</item>
/// </list>
/// </summary>
public enum FixtureProfile
{
    History,
    Crowded,
}

/// <summary>Deterministic synthetic campaigns (1-2 member reports each) and probe reports to place among them.</summary>
public static class CampaignFixture
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ren", "sa", "tor", "vel", "zu", "ba", "den", "fi", "gor", "ha", "jin", "ku", "lar", "mo", "nel", "pa", "quo",
        "ri", "sen", "ta", "ul", "vo", "wen", "xa", "yor", "ze", "bri", "cal", "dro", "ea", "fen", "gri", "hol", "ira", "jet", "kro", "lum",
    ];
    private static readonly string[] Origins =
    [
        "RU", "CN", "IR", "KP", "VE", "NG", "EG", "AE", "SA", "IL", "PK", "IN", "BD", "MM", "TH", "VN", "PH", "ID", "MY", "TR",
        "AZ", "AM", "GE", "BY", "UA", "RS", "MX", "BR", "AR", "CO", "PE", "CU", "NI", "HN", "SV", "GT", "ET", "SD", "UG", "KE",
        "TZ", "ZA", "ZW", "CM", "CI", "GH", "SN", "ML", "LY", "DZ", "MA", "TN", "IQ", "SY", "LB", "JO", "QA", "KW", "OM", "YE",
    ];
    private static readonly string[] Targets = ["US", "GB", "DE", "FR", "UA", "IN", "KE", "CA", "JP", "TR", "PL", "ES"];
    private const string Quote = "The network used fake accounts to post about politics and news in the region, and to amplify its websites.";

    public static string CampaignSource(int campaign, int member) => $"syn-{campaign:D7}-{member}.txt";

    public static int MemberCount(int campaign) => campaign % 3 == 0 ? 2 : 1;

    /// <summary>
    /// Campaign <paramref name="campaign"/> as the store would hand it to the matcher: fresh member reports
    /// (so their facts are computed, as for reports read back from the store) under ids derived from the
    /// ordinal, so the fixture keeps nothing per campaign and the same campaign always has the same ids.
    /// </summary>
    public static CampaignCandidate Candidate(int campaign, int count, FixtureProfile profile) =>
        new(new Guid(campaign, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            Members(campaign, count, profile).Select((r, m) => new CampaignMember(new Guid(campaign, (short)(m + 1), 0, 0, 0, 0, 0, 0, 0, 0, 0), r)).ToArray());

    /// <summary>The member reports of campaign <paramref name="campaign"/> out of <paramref name="count"/>.</summary>
    public static ExtractedReport[] Members(int campaign, int count, FixtureProfile profile)
    {
        var facts = Facts(campaign, count, profile);
        return Enumerable.Range(0, MemberCount(campaign))
            .Select(m => Report(CampaignSource(campaign, m), facts.Name, facts.Origin, facts.Day.AddDays(m * 2), facts.Accounts, facts.Pages, facts.Target))
            .ToArray();
    }

    /// <summary>
    /// Probe <paramref name="index"/>: even ones are more coverage of an existing campaign (same name,
    /// origin and figure, a few days later: they join it); odd ones describe a new operation (an unseen
    /// name, found only through origin-month and figure keys: they open a campaign).
    /// </summary>
    public static ExtractedReport Probe(int index, int count, FixtureProfile profile)
    {
        var rng = new Random(index * 7919 + 17);
        if (index % 2 == 0)
        {
            var campaign = rng.Next(count);
            var facts = Facts(campaign, count, profile);
            return Report($"probe-{index}.txt", facts.Name, facts.Origin, facts.Day.AddDays(3), facts.Accounts, null, facts.Target);
        }
        var fresh = Facts(count + index, count, profile); // a name no campaign has, in the same world
        return Report($"probe-{index}.txt", fresh.Name, fresh.Origin, fresh.Day, fresh.Accounts, fresh.Pages, fresh.Target);
    }

    private readonly record struct CampaignFacts(string Name, string Origin, DateOnly Day, long Accounts, long Pages, string Target);

    private static CampaignFacts Facts(int campaign, int count, FixtureProfile profile)
    {
        var rng = new Random(campaign * 31 + 7);
        var months = profile == FixtureProfile.History ? Math.Max(180, (int)Math.Ceiling(count / (double)Origins.Length)) : 180;
        var end = new DateOnly(2025, 12, 1);
        var start = end.AddMonths(-months);
        var day = start.AddDays(rng.Next(end.DayNumber - start.DayNumber));
        var accounts = profile == FixtureProfile.History ? 100 + rng.NextInt64(20L * Math.Max(count, 1000)) : 100 + rng.Next(20_000);
        var pages = profile == FixtureProfile.History ? 50 + rng.NextInt64(2L * Math.Max(count, 1000)) : 20 + rng.Next(480);
        return new CampaignFacts(Name(campaign), Origins[rng.Next(Origins.Length)], day, accounts, pages, Targets[rng.Next(Targets.Length)]);
    }

    /// <summary>A unique invented name per number (four syllables, a permutation of the number), some with a generic second word.</summary>
    private static string Name(int n)
    {
        var x = (long)n * 1_000_003 % (40L * 40 * 40 * 40 * 40);
        var word = string.Concat(Enumerable.Range(0, 5).Select(i => Syllables[(int)(x / (long)Math.Pow(40, i) % 40)]));
        var display = char.ToUpperInvariant(word[0]) + word[1..];
        return n % 4 == 0 ? display + " Storm" : display;
    }

    private static ExtractedReport Report(string source, string name, string origin, DateOnly day, long accounts, long? pages, string target)
    {
        var evidence = new Evidence(new TextSpan(0, Quote.Length), Quote);
        var counts = new List<TakedownCount> { new("facebook", "accounts", accounts, evidence) };
        if (pages is { } p)
            counts.Add(new TakedownCount("facebook", "pages", p, evidence));
        return new ExtractedReport
        {
            Source = source,
            Title = $"Takedown of the {name} network",
            DescribesTakedown = true,
            ReportedOn = day,
            OriginCountries = [new Finding(origin, evidence)],
            TargetCountries = [new Finding(target, evidence)],
            OperationNames = [new Finding(name, evidence)],
            Counts = counts,
        };
    }

    public static string Describe(int count, FixtureProfile profile) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} campaigns ({profile})");
}
