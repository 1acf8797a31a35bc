using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>Reads one report's plain text and returns what it says. Pure: no I/O, thread-safe.</summary>
public interface IReportExtractor
{
    /// <summary>Version stamp stored with each extraction so `pipeline reprocess` knows what is stale.</summary>
    string Version { get; }

    ExtractedReport Extract(ReportText report);
}
