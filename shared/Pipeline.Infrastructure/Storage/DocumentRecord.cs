namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// A raw fetched payload, kept by content hash so extraction can be re-run without fetching again.
/// </summary>
public sealed record DocumentRecord(
    string ContentHash,
    string Source,
    string MediaType,
    byte[] Content,
    DateTimeOffset FetchedAt);
