using System.Text.RegularExpressions;

namespace Pipeline.Domain.Extraction;

/// <summary>Source-generated regular expressions, each run only on a small span that a cheaper test selected.</summary>
internal static partial class TextPatterns
{
    private const string Month =
        "(?<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

    private const string Day = "(?<d>3[01]|[12][0-9]|0?[1-9])";

    private const string Year = "(?<y>(?:19|20)[0-9]{2})";

    /// <summary>
    /// "2018-08-21", "August 21, 2018", "Aug. 21", "21 August 2018", "21st of August", and numeric
    /// "28.09.2022" (day first) or "9/28/2022" (month first unless the first number cannot be a month).
    /// </summary>
    [GeneratedRegex(
        "(?<![\\w-])(?:" + Year + "-(?<m>0[1-9]|1[0-2])-" + Day + "(?![0-9])"
        + "|" + Month + "\\.?\\s+" + Day + "(?:st|nd|rd|th)?(?![\\w])(?:,?\\s+" + Year + "(?![0-9]))?"
        + "|" + Day + "(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + Month + "\\.?(?![\\w])(?:,?\\s+" + Year + "(?![0-9]))?"
        + "|(?<n1>[0-9]{1,2})(?<sep>[./])(?<n2>[0-9]{1,2})\\k<sep>" + Year + "(?![0-9]))",
        RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    public static partial Regex Date();

    /// <summary>A day of the week as a whole word, not a possessive ("Thursday's election").</summary>
    [GeneratedRegex("(?<![\\w])(?<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\\w'’])", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    public static partial Regex Weekday();

    /// <summary>A reporting verb: the sentence tells when something was said or announced.</summary>
    [GeneratedRegex("\\b(?:said|says|announced|confirmed|disclosed|revealed|reported|published|told|wrote|posted)\\b", RegexOptions.CultureInvariant)]
    public static partial Regex ReportingVerb();

    /// <summary>"had removed", "had been taken down": a removal told as already done before the sentence's news.</summary>
    [GeneratedRegex("\\bhad\\s+(?:been\\s+|already\\s+|previously\\s+)?(?:removed|suspended|terminated|taken down|banned|disabled|deleted|cut off|shut down|disrupted)\\b", RegexOptions.CultureInvariant)]
    public static partial Regex Pluperfect();

    /// <summary>"June 2019": a month with no day, the best a few reports give as their date.</summary>
    [GeneratedRegex("(?<![\\w-])" + Month + "\\.?,?\\s+" + Year + "(?![0-9])", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    public static partial Regex MonthYear();

    /// <summary>A four-digit year from 1990 to 2039.</summary>
    [GeneratedRegex("(?<![\\w.,-])(?<y>19[9][0-9]|20[0-3][0-9])(?![\\w-])", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    public static partial Regex YearNumber();

    /// <summary>"In 2018, we removed" / "during March 2019": a year the sentence is set in.</summary>
    [GeneratedRegex("\\b(?:[Ii]n|[Dd]uring|[Bb]y)\\s+(?:(?:early|late|mid-?)\\s*)?(?:(?<mon>[A-Z][a-z]+)\\.?\\s+)?(?<y>(?:19|20)[0-9]{2})\\b", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    public static partial Regex SetInYear();

    /// <summary>A US-dollar amount: "$480", "US$1.2 million", "USD 5,000", "5,000 US dollars".</summary>
    [GeneratedRegex(
        "(?<![A-Za-z$])(?:US\\s?\\$|USD\\s?|\\$)\\s?(?<n>[0-9][0-9,]*(?:\\.[0-9]+)?)(?:\\s*(?<mult>million|thousand|billion|[kKmM](?![A-Za-z])))?"
        + "|(?<n>[0-9][0-9,]*(?:\\.[0-9]+)?)(?:\\s*(?<mult>million|thousand|billion))?\\s+(?:US\\s+dollars|U\\.S\\.\\s+dollars|USD\\b|dollars)",
        RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    public static partial Regex UsDollars();

    /// <summary>"15 influence operations", "across 12 networks": a tally of operations, so a report-wide figure.</summary>
    [GeneratedRegex("\\b[0-9][0-9,]*\\s+(?:(?:covert|coordinated|separate|different|distinct|new|other|influence|inauthentic)\\s+){0,3}(?:operations|networks|campaigns)\\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex OperationTally();

    /// <summary>A quoted name: straight or curly double quotes, or curly single quotes.</summary>
    [GeneratedRegex("[\"“](?<q>[^\"“”\\n]{2,60}?)[\"”]|‘(?<q>[^‘’\\n]{2,60}?)’", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    public static partial Regex Quoted();
}
