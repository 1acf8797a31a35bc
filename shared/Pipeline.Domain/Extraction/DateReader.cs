using System.Buffers;
using System.Text.RegularExpressions;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// Finds the date a takedown was reported. First the document's own date: a dated line near the top (a
/// dateline, "Published …"; a year-less "Aug. 21" takes the source's year), else the source's date, else a
/// month at the top, else an update stamp, else the first full date in the text. Then, when the text dates
/// the announcement or the takedown itself ("said on Tuesday", "On 31 August 2020, Facebook removed …"),
/// that date instead. Reporting periods ("between December 1 and December 31") are not dates of anything.
/// </summary>
internal static class DateReader
{
    /// <summary>How far from the top a dateline may stand: a title, a byline and a few short lines.</summary>
    private const int TopSentences = 6;
    private const int TopChars = 700;
    /// <summary>A takedown dated in the text is news only if it is this recent relative to the document.</summary>
    private const int MaxDaysBeforeDocument = 60;

    /// <summary>The document's own date (also used to tell old events from new), and its evidence.</summary>
    public static (DateOnly? Date, Evidence? Evidence) DocumentDate(ReportDocument doc, DateOnly? publishedOn) =>
        ReadDated(doc, publishedOn) is { } found ? (found.Date, found.Evidence) : (publishedOn, null);

    /// <summary>The date the takedown was reported, given the document's date.</summary>
    public static (DateOnly? Date, Evidence? Evidence) TakedownDate(ReportDocument doc, DateOnly? documentDate, Evidence? documentEvidence) =>
        DatedAnnouncement(doc, documentDate) is { } stated ? (stated.Date, stated.Evidence) : (documentDate, documentEvidence);

    private static (DateOnly Date, Evidence? Evidence)? ReadDated(ReportDocument doc, DateOnly? publishedOn)
    {
        int? latest = null;
        int? Year() => publishedOn?.Year ?? (latest ??= LatestYear(doc.Text)); // scanned only for a year-less date
        var top = TopEnd(doc);

        if (FirstDate(doc, 0, top, Year, requireYear: true, skipUpdated: true) is { } dated)
            return dated;
        if (FirstDate(doc, 0, top, Year, requireYear: false, skipUpdated: true) is { } yearless)
            return yearless;
        if (publishedOn is { } published)
            return (published, null);
        // A page that gives only a reporting period ("Reporting period: November 1–30, 2024") is not dated by
        // the month in its title: that month is the period's, not the publication's.
        if (!StatesPeriod(doc, top) && MonthOnly(doc, top) is { } month)
            return month;
        // Only a "Last updated" stamp at the top is still closer to publication than any date in the body.
        return FirstDate(doc, 0, top, Year, requireYear: true, skipUpdated: false)
            ?? FirstDate(doc, top, doc.Sentences.Count, Year, requireYear: true, skipUpdated: false);
    }

    /// <summary>
    /// The first takedown sentence that dates itself ("removed … on Tuesday", "On 31 August, … removed"),
    /// else the first sentence that dates a statement ("The company said on Thursday …").
    /// </summary>
    private static (DateOnly Date, Evidence Evidence)? DatedAnnouncement(ReportDocument doc, DateOnly? documentDate)
    {
        const SentenceFlags other = SentenceFlags.Historical | SentenceFlags.SeparateNetwork | SentenceFlags.Comparison | SentenceFlags.OtherNetwork;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var s = 0; s < doc.Sentences.Count; s++)
            {
                if (doc.Has(s, other) || (pass == 0 && !doc.Has(s, SentenceFlags.Takedown)))
                    continue; // the first pass reads takedown sentences only
                var sentence = doc.Sentences[s];
                var span = doc.Text.AsSpan(sentence.Start, sentence.Length);
                if (!MayHoldDate(doc, s, weekdaysOnly: pass == 1))
                    continue;
                // "On June 3, Twitter shared datasets of accounts it had removed": a date of something else.
                var notThisTakedown = pass == 0
                    ? documentDate is not null && TextPatterns.Pluperfect().IsMatch(span)
                    : !TextPatterns.ReportingVerb().IsMatch(span) || !TakedownClassifier.HasRemover(doc, s);
                if (notThisTakedown)
                    continue;
                if (StatedDate(doc, s, documentDate, weekdaysOnly: pass == 1) is { } date)
                    return (date, doc.EvidenceFor(s));
            }
        }
        return null;
    }

    private static readonly SearchValues<string> MonthNames = SearchValues.Create(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], StringComparison.Ordinal);

    private const byte HasDay = 1;
    private const byte HasMonth = 2;
    private const byte SeparatorKnown = 4;
    private const byte HasSeparator = 8;

    /// <summary>
    /// A cheap test before the date patterns run: a weekday ("…day"), a month name or an ISO date. Weekdays and
    /// months are searched once over the whole text and marked on the sentences that wholly contain them; the
    /// frequent separators ('.', '-') only in the sentences asked about, once each.
    /// </summary>
    private static bool MayHoldDate(ReportDocument doc, int s, bool weekdaysOnly)
    {
        var hints = doc.DateHints ??= DateHints(doc);
        if (weekdaysOnly || (hints[s] & (HasDay | HasMonth)) != 0)
            return (hints[s] & (weekdaysOnly ? HasDay : HasDay | HasMonth)) != 0;
        if ((hints[s] & SeparatorKnown) == 0)
        {
            var span = doc.Text.AsSpan(doc.Sentences[s].Start, doc.Sentences[s].Length);
            var separator = HasDigitSeparator(span, '-') || HasDigitSeparator(span, '.') || HasDigitSeparator(span, '/');
            hints[s] |= (byte)(SeparatorKnown | (separator ? HasSeparator : 0));
        }
        return (hints[s] & HasSeparator) != 0;
    }

    /// <summary>"2018-08-21", "28.09.2022", "9/28/2022": a separator between digits.</summary>
    private static bool HasDigitSeparator(ReadOnlySpan<char> span, char separator)
    {
        for (var i = span.IndexOf(separator); i >= 0; i = span[(i + 1)..].IndexOf(separator) is var next and >= 0 ? i + 1 + next : -1)
        {
            if (i > 0 && i + 1 < span.Length && char.IsDigit(span[i - 1]) && char.IsDigit(span[i + 1]))
                return true;
        }
        return false;
    }

    private static byte[] DateHints(ReportDocument doc)
    {
        var hints = new byte[doc.Sentences.Count];
        var text = doc.Text.AsSpan();
        for (var at = text.IndexOf("day", StringComparison.Ordinal); at >= 0; at = Next(at, text[(at + 1)..].IndexOf("day", StringComparison.Ordinal)))
        {
            if (EndsWeekday(text, at))
                Mark(doc, hints, at, at + 3, HasDay);
        }
        for (var at = text.IndexOfAny(MonthNames); at >= 0; at = Next(at, text[(at + 1)..].IndexOfAny(MonthNames)))
        {
            if (IsMonthWord(text, at))
                Mark(doc, hints, at, at + 3, HasMonth);
        }
        return hints;
    }

    // The date patterns name weekdays and months in full or by these abbreviations, in this case: "days", "today",
    // "Separately", "Market" hold the letters but no date, and their sentences need not be read for one.
    private static readonly string[] WeekdayStems = ["Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun"];
    private static readonly string[] MonthWords =
    [
        "Jan", "January", "Feb", "February", "Mar", "March", "Apr", "April", "May", "Jun", "June", "Jul", "July",
        "Aug", "August", "Sep", "Sept", "September", "Oct", "October", "Nov", "November", "Dec", "December",
    ];

    /// <summary>Whether the "day" at <paramref name="at"/> ends a weekday's name ("Tuesday").</summary>
    private static bool EndsWeekday(ReadOnlySpan<char> text, int at)
    {
        foreach (var stem in WeekdayStems)
        {
            if (at >= stem.Length && text.Slice(at - stem.Length, stem.Length).SequenceEqual(stem))
                return true;
        }
        return false;
    }

    /// <summary>Whether the letters from <paramref name="at"/> spell a month or its abbreviation ("Aug", "August"; not "Augment").</summary>
    private static bool IsMonthWord(ReadOnlySpan<char> text, int at)
    {
        var end = at;
        while (end < text.Length && char.IsAsciiLetter(text[end]))
            end++;
        var word = text[at..end];
        foreach (var month in MonthWords)
        {
            if (word.SequenceEqual(month))
                return true;
        }
        return false;
    }

    private static int Next(int at, int found) => found < 0 ? -1 : at + 1 + found;

    /// <summary>Marks the sentence that wholly contains [start, end), if any.</summary>
    private static void Mark(ReportDocument doc, byte[] hints, int start, int end, byte hint)
    {
        var s = doc.SentenceAt(start);
        if (s >= 0 && end <= doc.Sentences[s].End)
            hints[s] |= hint;
    }

    private static DateOnly? StatedDate(ReportDocument doc, int s, DateOnly? documentDate, bool weekdaysOnly)
    {
        var sentence = doc.Sentences[s];
        var span = doc.Text.AsSpan(sentence.Start, sentence.Length);
        if (documentDate is { } today && AnnouncementWeekday(span) is { } weekday)
            return MostRecent(today, weekday);
        if (weekdaysOnly)
            return null;
        foreach (var match in TextPatterns.Date().EnumerateMatches(span))
        {
            var at = sentence.Start + match.Index;
            if (IsPeriod(doc.Text, sentence.Start, at, at + match.Length) || IsStatusDate(doc.Text, sentence.Start, at))
                continue;
            var m = TextPatterns.Date().Match(doc.Text, at, match.Length);
            var year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].ValueSpan) : documentDate?.Year;
            if (year is null || ToDate(year.Value, m) is not { } date)
                continue;
            if (documentDate is not { } reference || (date <= reference && date.DayNumber >= reference.DayNumber - MaxDaysBeforeDocument))
                return date;
        }
        return null;
    }

    /// <summary>
    /// The weekday the sentence dates its news by: one right after a reporting verb ("told lawmakers on
    /// Tuesday") over others ("as recently as last Friday"); "last Tuesday" looks back past the news.
    /// </summary>
    private static string? AnnouncementWeekday(ReadOnlySpan<char> span)
    {
        string? first = null;
        foreach (var m in TextPatterns.Weekday().EnumerateMatches(span))
        {
            var before = span[Math.Max(0, m.Index - 40)..m.Index];
            if (before.TrimEnd().EndsWith("last", StringComparison.OrdinalIgnoreCase))
                continue;
            var day = span.Slice(m.Index, m.Length).ToString();
            if (TextPatterns.ReportingVerb().IsMatch(before))
                return day;
            first ??= day;
        }
        return first;
    }

    /// <summary>The latest such weekday on or before the document's date: "said on Tuesday" in a Wednesday paper.</summary>
    private static DateOnly MostRecent(DateOnly today, string weekday)
    {
        var target = Enum.Parse<DayOfWeek>(weekday);
        var back = ((int)today.DayOfWeek - (int)target + 7) % 7;
        return today.AddDays(-back);
    }

    private static int TopEnd(ReportDocument doc)
    {
        var n = 0;
        while (n < doc.Sentences.Count && n < TopSentences && doc.Sentences[n].Start < TopChars)
            n++;
        return n;
    }

    private static (DateOnly Date, Evidence? Evidence)? FirstDate(
        ReportDocument doc, int fromSentence, int toSentence, Func<int?> year, bool requireYear, bool skipUpdated)
    {
        for (var s = fromSentence; s < toSentence; s++)
        {
            var span = doc.Sentences[s];
            if (!MayHoldDate(doc, s, weekdaysOnly: false))
                continue;
            foreach (var match in TextPatterns.Date().EnumerateMatches(doc.Text.AsSpan(span.Start, span.Length)))
            {
                var at = span.Start + match.Index;
                if ((skipUpdated && IsUpdateStamp(doc.Text, span.Start, at)) || IsPeriod(doc.Text, span.Start, at, at + match.Length))
                    continue;
                var m = TextPatterns.Date().Match(doc.Text, at, match.Length);
                var hasYear = m.Groups["y"].Success;
                if (requireYear && !hasYear)
                    continue;
                var y = hasYear ? int.Parse(m.Groups["y"].ValueSpan) : year();
                if (y is null || ToDate(y.Value, m) is not { } date)
                    continue;
                return (date, doc.EvidenceFor(s));
            }
        }
        return null;
    }

    /// <summary>"June 2019" at the top, when that is all the report says: the first of that month.</summary>
    private static (DateOnly Date, Evidence? Evidence)? MonthOnly(ReportDocument doc, int top)
    {
        for (var s = 0; s < top; s++)
        {
            var sentence = doc.Sentences[s];
            if (doc.Text.AsSpan(sentence.Start, sentence.Length).IndexOfAny(MonthNames) < 0)
                continue;
            var m = TextPatterns.MonthYear().Match(doc.Text, sentence.Start, sentence.Length);
            if (m.Success && !IsUpdateStamp(doc.Text, sentence.Start, m.Index) && !AfterDayNumber(doc.Text, m.Index)
                && !IsPeriod(doc.Text, sentence.Start, m.Index, m.Index + m.Length)
                && MonthNumber(m.Groups["mon"].ValueSpan) is var month and > 0)
                return (new DateOnly(int.Parse(m.Groups["y"].ValueSpan), month, 1), doc.EvidenceFor(s));
        }
        return null;
    }

    /// <summary>Whether a sentence at the top states a period of time ("November 1–30, 2024", "between … and …").</summary>
    private static bool StatesPeriod(ReportDocument doc, int top)
    {
        for (var s = 0; s < top; s++)
        {
            var span = doc.Sentences[s];
            if (!MayHoldDate(doc, s, weekdaysOnly: false))
                continue;
            foreach (var match in TextPatterns.Date().EnumerateMatches(doc.Text.AsSpan(span.Start, span.Length)))
            {
                var at = span.Start + match.Index;
                if (IsPeriod(doc.Text, span.Start, at, at + match.Length))
                    return true;
            }
        }
        return false;
    }

    /// <summary>"As of 22 August, the site was still online": a date the text checks a status at.</summary>
    private static bool IsStatusDate(string text, int sentenceStart, int at)
    {
        var before = text.AsSpan(Math.Max(sentenceStart, at - 8), at - Math.Max(sentenceStart, at - 8)).TrimEnd();
        return before.EndsWith("as of", StringComparison.OrdinalIgnoreCase) || before.EndsWith("until", StringComparison.OrdinalIgnoreCase);
    }

    private static bool AfterDayNumber(string text, int at)
    {
        var p = TextScan.SkipSpacesBack(text, at, 0);
        return p > 0 && char.IsDigit(text[p - 1]);
    }

    private static bool IsUpdateStamp(string text, int sentenceStart, int at)
    {
        var before = text.AsSpan(Math.Max(sentenceStart, at - 25), at - Math.Max(sentenceStart, at - 25));
        return before.Contains("updated", StringComparison.OrdinalIgnoreCase)
            || before.Contains("update,", StringComparison.OrdinalIgnoreCase)
            || before.Contains("update:", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"between December 1 and December 31", "November 1–30", "Reporting period: …": a span of time.</summary>
    private static bool IsPeriod(string text, int sentenceStart, int start, int end)
    {
        var from = Math.Max(sentenceStart, start - 40);
        var before = text.AsSpan(from, start - from);
        if (before.Contains("between", StringComparison.OrdinalIgnoreCase) || before.Contains("period", StringComparison.OrdinalIgnoreCase))
            return true;
        // A range continues after a dash with a day or a month ("1–30", "1 – April 30"); a dateline dash does not.
        var dash = TextScan.SkipSpaces(text, end, Math.Min(text.Length, end + 3));
        if (dash >= text.Length || text[dash] is not ('–' or '—' or '-'))
            return false;
        var next = TextScan.SkipSpaces(text, dash + 1, Math.Min(text.Length, dash + 4));
        return next < text.Length && (char.IsDigit(text[next]) || (next + 3 <= text.Length && MonthNumber(text.AsSpan(next, 3)) > 0));
    }

    private static DateOnly? ToDate(int year, Match m)
    {
        int month, day;
        if (m.Groups["n1"].Success)
        {
            (var a, var b) = (int.Parse(m.Groups["n1"].ValueSpan), int.Parse(m.Groups["n2"].ValueSpan));
            var dayFirst = m.Groups["sep"].ValueSpan[0] == '.' || a > 12;
            (day, month) = dayFirst ? (a, b) : (b, a);
            if (month is < 1 or > 12 || day < 1)
                return null;
        }
        else
        {
            month = m.Groups["m"].Success ? int.Parse(m.Groups["m"].ValueSpan) : MonthNumber(m.Groups["mon"].ValueSpan);
            day = int.Parse(m.Groups["d"].ValueSpan);
        }
        return month > 0 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    public static int MonthNumber(ReadOnlySpan<char> name) => name.Length < 3 ? 0 : name[..3] switch
    {
        "Jan" => 1, "Feb" => 2, "Mar" => 3, "Apr" => 4, "May" => 5, "Jun" => 6,
        "Jul" => 7, "Aug" => 8, "Sep" => 9, "Oct" => 10, "Nov" => 11, "Dec" => 12,
        _ => 0,
    };

    /// <summary>The latest year the text mentions: the best guess of its own year when nothing else says.</summary>
    private static int? LatestYear(string text)
    {
        int? latest = null;
        foreach (var m in TextPatterns.YearNumber().EnumerateMatches(text))
        {
            var y = int.Parse(text.AsSpan(m.Index, m.Length));
            if (latest is null || y > latest)
                latest = y;
        }
        return latest;
    }
}
