using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// Reads counts from Markdown-style tables ("| Accounts in network | Followers of network |"), the way
/// TikTok publishes its covert-influence networks: a header names the asset kind of each column, each
/// row gives one network's figures. The platform is the one the report is about.
/// </summary>
internal static class TableReader
{
    public static void Read(ReportDocument doc, List<TakedownCount> counts)
    {
        string?[]? columns = null;
        foreach (var line in TableLines(doc.Text))
        {
            if (line.Kind is LineKind.TableEnds)
                columns = null;
            else if (line.Kind is LineKind.Row && columns is null)
                columns = HeaderKinds(doc, line.Start, line.End);
            else if (line.Kind is LineKind.Row && columns is not null)
                ReadRow(doc, columns, line.Start, line.End, counts);
        }
    }

    /// <summary>
    /// Places from a table's origin and target columns ("| Network origin | … |" then "| Russia | … |"): a
    /// country in a column whose header says origin is the row's network origin; in a column whose header says
    /// target, a target. Other columns' places are left to the sentence rules.
    /// </summary>
    public static void ReadPlaces(ReportDocument doc, PlaceFindings found)
    {
        var text = doc.Text;
        int[]? roles = null; // per column: 0 none, 1 origin, 2 target
        foreach (var line in TableLines(text))
        {
            if (line.Kind is LineKind.TableEnds)
                roles = null;
            else if (line.Kind is LineKind.Row && roles is null)
                roles = Cells(text, line.Start, line.End).Select(c => HeaderRole(text.AsSpan(c.Start, c.End - c.Start))).ToArray();
            else if (line.Kind is LineKind.Row && roles is not null && roles.Any(r => r != 0))
                ReadPlaceRow(doc, roles, line.Start, line.End, found);
        }
    }

    private enum LineKind
    {
        /// <summary>Not a table line (or lines without a bar were skipped): any table ends here.</summary>
        TableEnds,
        /// <summary>"|---|---|": the header above stays in force for the rows below.</summary>
        Separator,
        /// <summary>A header, if no table is open, else a row.</summary>
        Row,
    }

    private readonly record struct TableLine(LineKind Kind, int Start, int End);

    /// <summary>
    /// The lines a table reader looks at. Lines without a bar are no table lines, so the walk jumps to the line
    /// of the next bar (reporting the gap as the end of any table) instead of looking at every line.
    /// </summary>
    private static IEnumerable<TableLine> TableLines(string text)
    {
        for (var lineStart = 0; lineStart < text.Length;)
        {
            var bar = text.IndexOf('|', lineStart);
            if (bar < 0)
                yield break;
            var barLine = text.LastIndexOf('\n', bar) + 1;
            if (barLine > lineStart)
            {
                yield return new TableLine(LineKind.TableEnds, lineStart, barLine);
                lineStart = barLine;
            }
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
                lineEnd = text.Length;
            yield return new TableLine(KindOf(text.AsSpan(lineStart, lineEnd - lineStart).Trim()), lineStart, lineEnd);
            lineStart = lineEnd + 1;
        }
    }

    private static LineKind KindOf(ReadOnlySpan<char> line) =>
        !line.StartsWith('|') ? LineKind.TableEnds : IsSeparator(line) ? LineKind.Separator : LineKind.Row;

    private static int HeaderRole(ReadOnlySpan<char> header) =>
        header.Contains("origin", StringComparison.OrdinalIgnoreCase) ? 1
        : header.Contains("target", StringComparison.OrdinalIgnoreCase) ? 2
        : 0;

    private static void ReadPlaceRow(ReportDocument doc, int[] roles, int lineStart, int lineEnd, PlaceFindings found)
    {
        var column = 0;
        foreach (var (start, end) in Cells(doc.Text, lineStart, lineEnd))
        {
            if (column < roles.Length && roles[column] != 0)
            {
                var sentence = doc.SentenceAt(start);
                if (sentence >= 0 && !doc.Has(sentence, SentenceFlags.SeparateNetwork | SentenceFlags.Comparison | SentenceFlags.Historical))
                {
                    foreach (var m in doc.MentionsBetween(start, end))
                    {
                        if (m.Kind is MentionKind.Country or MentionKind.Demonym)
                            (roles[column] == 1 ? found.Origins : found.Targets).Add(doc.Index.Countries[m.Id].Code, sentence);
                        else if (m.Kind is MentionKind.Region or MentionKind.RegionAdjective && roles[column] == 2)
                            found.Regions.Add(doc.Index.Regions[m.Id].Name, sentence);
                    }
                }
            }
            column++;
        }
    }

    private static bool IsSeparator(ReadOnlySpan<char> line) => line.IndexOfAnyExcept("|-: ") < 0;

    /// <summary>The asset kind each header cell names ("Accounts in network" → accounts), or null.</summary>
    private static string?[] HeaderKinds(ReportDocument doc, int lineStart, int lineEnd)
    {
        var kinds = new List<string?>();
        foreach (var (start, end) in Cells(doc.Text, lineStart, lineEnd))
        {
            string? kind = null;
            foreach (var m in doc.MentionsBetween(start, end))
            {
                if (m.Kind == MentionKind.Asset)
                {
                    kind = doc.Index.AssetWords[m.Id].Kind;
                    break;
                }
            }
            kinds.Add(kind);
        }
        return kinds.ToArray();
    }

    private static void ReadRow(ReportDocument doc, string?[] columns, int lineStart, int lineEnd, List<TakedownCount> counts)
    {
        var column = 0;
        foreach (var (start, end) in Cells(doc.Text, lineStart, lineEnd))
        {
            if (column < columns.Length && columns[column] is { } kind
                && NumberReader.TryReadAfter(doc.Text, CountReader.SkipApproximations(doc, start, end), end, out var value, out var numberEnd)
                && TextScan.SkipSpaces(doc.Text, numberEnd, end) == end)
            {
                var sentence = doc.SentenceAt(start);
                if (sentence >= 0)
                    CountReader.Add(counts, new TakedownCount(Platform(doc, kind), kind, value, doc.EvidenceFor(sentence)));
            }
            column++;
        }
    }

    private static string Platform(ReportDocument doc, string kind)
    {
        var p = doc.ReportingPlatform;
        return p >= 0 && doc.Index.Platforms[p].AssetKinds.Contains(kind) ? doc.Index.Platforms[p].Key : "other";
    }

    private static IEnumerable<(int Start, int End)> Cells(string text, int lineStart, int lineEnd)
    {
        var first = text.IndexOf('|', lineStart, lineEnd - lineStart);
        for (var bar = first; bar >= 0 && bar < lineEnd;)
        {
            var next = text.IndexOf('|', bar + 1, lineEnd - bar - 1);
            if (next < 0)
                yield break;
            yield return (bar + 1, next);
            bar = next;
        }
    }
}
