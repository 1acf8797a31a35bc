using Pipeline.Contracts.Export;

namespace Pipeline.Cli;

/// <summary>The human view of an export: one line per campaign.</summary>
internal static class CampaignTable
{
    public static void Write(TextWriter writer, ExportDocument export)
    {
        var rows = export.Campaigns.Select(c => new[]
        {
            Truncate(c.Name + (c.Aliases.Count > 0 ? $" (aka {string.Join(", ", c.Aliases)})" : ""), 60),
            c.OriginCountries.Count > 0 ? string.Join(",", c.OriginCountries) : "?",
            c.FirstReported?.ToString("yyyy-MM-dd") ?? "",
            Truncate(Platforms(c.Platforms), 70),
            c.Reports.Count.ToString(),
        }).ToList();
        string[] header = ["CAMPAIGN", "ORIGIN", "FIRST", "PLATFORMS", "REPORTS"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();

        writer.WriteLine();
        writer.WriteLine(Row(header, widths));
        foreach (var row in rows)
            writer.WriteLine(Row(row, widths));
        writer.WriteLine();
        writer.WriteLine($"{export.Campaigns.Count} campaigns from {export.Campaigns.Sum(c => c.Reports.Count)} reports; " +
            $"{export.Unmatched.Count} unmatched (no takedown described); {export.Failed.Count} failed.");
        foreach (var failed in export.Failed)
            writer.WriteLine($"  failed: {failed.Source}: {failed.Error}");
    }

    private static string Platforms(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> platforms) =>
        platforms.Count == 0 ? "-" : string.Join("; ", platforms.Select(p => p.Value.Count == 0
            ? $"{p.Key} (no figure)" // removed assets, but no report gives a count
            : $"{p.Key} {string.Join(", ", p.Value.Select(a => $"{a.Value:N0} {a.Key}"))}"));

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
