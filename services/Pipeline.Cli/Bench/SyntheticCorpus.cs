using System.Globalization;
using System.Text;

namespace Pipeline.Cli.Bench;

/// <summary>One synthetic report and the operation it truly describes (the ground truth).</summary>
public sealed record SyntheticReport(string FileName, string OperationName, string Text);

/// <summary>
/// Generates realistic takedown reports for invented operations, in the genres real reports use
/// (platform announcement, news with reported speech, bulletin line), for load and end-to-end tests.
/// Deterministic for a seed. Operation names are invented two-word names, so any grouping the
/// pipeline produces can be checked against the truth.
/// </summary>
public sealed class SyntheticCorpus(int seed = 1)
{
    private static readonly string[] FirstWords =
        ["Amber", "Silent", "Copper", "Hollow", "Velvet", "Northern", "Glass", "Crimson", "Paper", "Iron", "Quiet", "Distant", "Broken", "Golden", "Salt", "Winter", "Cobalt", "Ashen", "Marble", "Lunar"];
    private static readonly string[] SecondWords =
        ["Lantern", "Harbor", "Meridian", "Orchard", "Compass", "Falcon", "Mirror", "Current", "Bridge", "Signal", "Garden", "Anchor", "Thicket", "Beacon", "Canal", "Summit", "Tide", "Quarry", "Willow", "Ember"];
    private static readonly string[] Origins = ["Iran", "Russia", "China", "Nigeria", "Egypt", "Israel", "Pakistan", "Mexico", "Brazil", "Vietnam", "Thailand", "Serbia"];
    private static readonly string[] Targets = ["the United States", "Germany", "France", "Ukraine", "India", "Kenya", "the United Kingdom", "Canada", "Japan", "Turkey", "Poland", "Spain"];
    private static readonly string[] Filler =
    [
        "The accounts posted in several languages about current events, often repeating the same talking points within minutes of each other.",
        "Many of the profiles used names and photos that did not belong to real people, and some claimed to be local journalists.",
        "The content praised the government of the day and criticised its opponents, and it rarely drew genuine engagement.",
        "Investigators noted that the pages were created in batches and shared administrators across what looked like unrelated brands.",
        "Some of the material was later picked up by small websites that presented themselves as independent news outlets.",
        "The operators tried to hide their location and coordination, which is what the platform's policy targets rather than the content itself.",
    ];

    private readonly Random _random = new(seed);

    /// <summary><paramref name="operations"/> invented operations, <paramref name="reportsPerOperation"/> reports each, padded to about <paramref name="targetBytes"/>.</summary>
    public IReadOnlyList<SyntheticReport> Generate(int operations, int reportsPerOperation, int targetBytes = 2_000)
    {
        if (operations > FirstWords.Length * SecondWords.Length)
            throw new ArgumentOutOfRangeException(nameof(operations), $"at most {FirstWords.Length * SecondWords.Length} distinct operations");
        var reports = new List<SyntheticReport>(operations * reportsPerOperation);
        var start = new DateOnly(2019, 1, 7);
        for (var op = 0; op < operations; op++)
        {
            var name = $"{FirstWords[op % FirstWords.Length]} {SecondWords[op / FirstWords.Length % SecondWords.Length]}";
            var origin = Origins[op % Origins.Length];
            var target = Targets[(op * 7 + 3) % Targets.Length];
            var date = start.AddDays(op * 37);
            // Distinctive figures shared by every report of the operation, as real coverage repeats them.
            var accounts = 100 + op * 13 + _random.Next(0, 7);
            var pages = 20 + op * 3;
            for (var r = 0; r < reportsPerOperation; r++)
            {
                var text = (r % 3) switch
                {
                    0 => PlatformAnnouncement(name, origin, target, date.AddDays(r), accounts, pages),
                    1 => NewsArticle(name, origin, target, date.AddDays(r), accounts),
                    _ => Bulletin(name, origin, target, date.AddDays(r), pages + 7),
                };
                reports.Add(new SyntheticReport($"op{op:D4}-report{r:D2}.txt", name, Pad(text, targetBytes)));
            }
        }
        return reports;
    }

    /// <summary>
    /// <paramref name="reports"/> reports for a load test: five per operation (up to the 400 distinct
    /// names, more per operation beyond 2,000 reports), about <paramref name="targetBytes"/> each, in
    /// arrival order interleaved across operations, as coverage of many operations arrives over time.
    /// </summary>
    public IReadOnlyList<SyntheticReport> ForLoad(int reports, int targetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reports, 1);
        var operations = Math.Clamp(reports / 5, 1, FirstWords.Length * SecondWords.Length);
        var perOperation = (reports + operations - 1) / operations;
        var generated = Generate(operations, perOperation, targetBytes);
        return Enumerable.Range(0, perOperation)
            .SelectMany(r => Enumerable.Range(0, operations).Select(op => generated[op * perOperation + r]))
            .Take(reports)
            .ToList();
    }

    private static string Date(DateOnly date) => date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    private static string PlatformAnnouncement(string name, string origin, string target, DateOnly date, int accounts, int pages) => $"""
        Taking down coordinated inauthentic behavior: the "{name}" network
        {Date(date)}

        We removed {accounts:N0} Facebook accounts, {pages} Pages and 12 Instagram accounts for violating our policy against coordinated inauthentic behavior. This network originated in {origin} and targeted audiences in {target}.
        The people behind this activity ran an operation that researchers have dubbed "{name}".
        """;

    private static string NewsArticle(string name, string origin, string target, DateOnly date, int accounts) => $"""
        Platform removes accounts tied to "{name}" campaign
        {Date(date)}

        Meta said on Tuesday it had removed {accounts:N0} Facebook accounts linked to a campaign known as "{name}", which it said originated in {origin}.
        The accounts posed as residents of {target} and shared content about local politics, the company said.
        """;

    private static string Bulletin(string name, string origin, string target, DateOnly date, int channels) => $"""
        Coordinated influence operation bulletin
        {Date(date)}

        We terminated {channels} YouTube channels as part of our investigation into coordinated influence operations linked to {origin}. The campaign, dubbed "{name}", was sharing content in support of {origin} and critical of {target}.
        """;

    private string Pad(string text, int targetBytes)
    {
        var builder = new StringBuilder(text);
        builder.AppendLine();
        while (builder.Length < targetBytes)
            builder.Append(Filler[_random.Next(Filler.Length)]).Append(' ');
        return builder.ToString();
    }
}
