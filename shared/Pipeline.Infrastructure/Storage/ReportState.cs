namespace Pipeline.Infrastructure.Storage;

/// <summary>Where a report is in the pipeline.</summary>
public enum ReportState
{
    Fetched,
    Extracted,
    /// <summary>Belongs to a campaign.</summary>
    Clustered,
    /// <summary>Extracted, but describes no takedown.</summary>
    Unmatched,
    /// <summary>Permanently failed; <see cref="ReportRecord.Error"/> says why.</summary>
    Failed,
}
