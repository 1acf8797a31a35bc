namespace Pipeline.Contracts.Messages;

/// <summary>
/// A new document was stored. Claim check: the body lives in the store under
/// <paramref name="ContentHash"/>; the message only says where to find it.
/// <paramref name="Reprocess"/> asks the extractor to run again on a report it has already read,
/// when that reading came from another extractor version (`pipeline reprocess`).
/// </summary>
public sealed record ReportFetched(
    Guid ReportId,
    string ContentHash,
    string Source,
    string? Title,
    string MediaType,
    DateTimeOffset FetchedAt,
    bool Reprocess = false);
