using System.Text.RegularExpressions;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Campaigns;

/// <summary>
/// How authoritative a report's statement of a figure is: the platform's own first-person statement
/// ("We removed 954 Pages" in Meta's report) beats the platform's own tables, which beat third parties
/// and news ("Facebook said it removed …", rounded and relayed).
/// </summary>
public static partial class StatementAuthority
{
    public const int ThirdParty = 0;
    public const int OwnReport = 1;
    public const int OwnFirstPerson = 2;

    // Source words (URL host/path or file name) that identify who published a report.
    private static readonly (string[] Words, string[] Platforms)[] Publishers =
    [
        (["meta", "facebook", "fb", "instagram"], ["facebook", "instagram"]),
        (["google", "youtube", "blogger"], ["youtube", "blogger", "google_ads", "gmail"]),
        (["twitter", "x"], ["twitter"]),
        (["tiktok"], ["tiktok"]),
        (["reddit", "redditinc"], ["reddit"]),
        (["microsoft", "linkedin"], ["linkedin"]),
        (["telegram"], ["telegram"]),
        (["pinterest"], ["pinterest"]),
        (["medium"], ["medium"]),
        (["vk"], ["vk"]),
    ];

    /// <summary>
    /// Platforms whose operator published the report: named by its source (URL host/path or file name), or,
    /// whatever the file is called, a report that speaks in the first person about removing ("We removed
    /// 7,704 Facebook accounts", "we terminated 39 YouTube channels") and counts the assets of one operator
    /// only: that is how a platform's own report reads. The operator speaks for all its platforms (Meta for
    /// Facebook and Instagram). Empty for third parties and the news.
    /// </summary>
    public static IReadOnlySet<string> PublishingPlatforms(ExtractedReport report)
    {
        var platforms = PublishingPlatforms(report.Source).ToHashSet(StringComparer.Ordinal);
        if (platforms.Count > 0 || !SpeaksAsRemover(report))
            return platforms;
        var operators = Publishers.Where(p => report.Counts.Any(c => p.Platforms.Contains(c.Platform))).ToList();
        if (operators.Count == 1)
            platforms.UnionWith(operators[0].Platforms);
        return platforms;
    }

    /// <summary>A first-person removal in the report's own voice: not quoted from someone ("… Facebook said"), not someone else's ("after Twitter suspended …").</summary>
    private static bool SpeaksAsRemover(ExtractedReport report) =>
        Quotes(report).Any(q => FirstPersonAction().IsMatch(q) && !ReportedSpeech().IsMatch(q) && !NamedActorAction().IsMatch(q));

    private static IEnumerable<string> Quotes(ExtractedReport report) =>
        report.Counts.Select(c => c.Evidence.Quote)
            .Concat(new[] { report.OriginCountries, report.TargetCountries, report.TargetRegions, report.OperationNames, report.Actors, report.Partners }
                .SelectMany(findings => findings.Select(f => f.Evidence.Quote)))
            .Concat(report.Tactics.Select(t => t.Evidence.Quote))
            .Concat(report.ReportedOnEvidence is { } date ? [date.Quote] : []);

    /// <summary>Platforms whose operator published the report, judged from its source alone.</summary>
    public static IReadOnlySet<string> PublishingPlatforms(string source)
    {
        var words = SourceWords().Matches(source.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        return Publishers.Where(p => p.Words.Any(words.Contains)).SelectMany(p => p.Platforms).ToHashSet(StringComparer.Ordinal);
    }

    public static int Of(TakedownCount count, IReadOnlySet<string> publishingPlatforms)
    {
        if (!publishingPlatforms.Contains(count.Platform) || ReportedSpeech().IsMatch(count.Evidence.Quote)) return ThirdParty;
        return FirstPersonAction().IsMatch(count.Evidence.Quote) ? OwnFirstPerson : OwnReport;
    }

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex SourceWords();

    [GeneratedRegex(@"\b(?:said|says|told|according to|reported that|announced that)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReportedSpeech();

    /// <summary>Someone named doing the removing ("Twitter suspended", "Google also terminated"), not "we".</summary>
    [GeneratedRegex(@"\b(?!We\b)\p{Lu}[\w-]*\s+(?:has\s+|have\s+|had\s+|also\s+)*(?:removed|took down|taken down|terminated|suspended|disabled|banned|blocked|deleted|shut down)\b")]
    private static partial Regex NamedActorAction();

    [GeneratedRegex(@"\b(?:we|we've|we’ve)(?:\s+(?:have|also|then|recently|today|subsequently))*\s+(?:removed|took down|taken down|terminated|suspended|disabled|banned|blocked|disrupted|actioned|deleted|shut down)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstPersonAction();
}
