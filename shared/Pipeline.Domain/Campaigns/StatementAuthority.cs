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

    /// <summary>Platforms whose operator published the report, judged from its source; empty for others.</summary>
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

    [GeneratedRegex(@"\b(?:we|we've|we’ve)(?:\s+(?:have|also|then|recently|today|subsequently))*\s+(?:removed|took down|taken down|terminated|suspended|disabled|banned|blocked|disrupted|actioned|deleted|shut down)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstPersonAction();
}
