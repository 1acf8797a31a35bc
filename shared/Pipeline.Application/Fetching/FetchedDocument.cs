namespace Pipeline.Application.Fetching;

/// <summary>A document as a source delivered it, before it is stored.</summary>
public sealed record FetchedDocument(string Source, string MediaType, byte[] Content, string? Title = null, DateOnly? PublishedOn = null);

public enum IngestOutcome
{
    /// <summary>Stored and announced for extraction.</summary>
    New,
    /// <summary>The same bytes were stored before: not announced again.</summary>
    AlreadyKnown,
    /// <summary>Rejected before extraction (too large, unsupported); recorded as a failed report.</summary>
    Rejected,
}

public sealed record IngestResult(Guid ReportId, IngestOutcome Outcome, string? Error = null);
