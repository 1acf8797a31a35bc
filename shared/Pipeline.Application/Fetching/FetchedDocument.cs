namespace Pipeline.Application.Fetching;

/// <summary>A document as a source delivered it, before it is stored.</summary>
public sealed record FetchedDocument(string Source, string MediaType, byte[] Content, string? Title = null, DateOnly? PublishedOn = null);

/// <summary>
/// A document refused before it was read whole. <see cref="Fingerprint"/> tells versions apart without
/// the full bytes ("partial:" + hash of what was read, "declared:" + length and validators,
/// "file:" + length and write time); it becomes the failed report's ContentHash (no document is stored).
/// </summary>
public sealed record DocumentRejection(string Source, string MediaType, string Reason, string Fingerprint, string? Title = null);

public enum IngestOutcome
{
    /// <summary>Stored and announced for extraction.</summary>
    New,
    /// <summary>The same bytes were stored before: not announced again.</summary>
    AlreadyKnown,
    /// <summary>Rejected before extraction (too large, unsupported); recorded as a failed report.</summary>
    Rejected,
}

/// <param name="Error">Why the document is a failed report (rejected now, or found failed before); null otherwise.</param>
/// <param name="Code">For <see cref="IngestOutcome.Rejected"/>: one of <see cref="Http.FetchFailures"/>.</param>
public sealed record IngestResult(Guid ReportId, IngestOutcome Outcome, string? Error = null, string? Code = null);
