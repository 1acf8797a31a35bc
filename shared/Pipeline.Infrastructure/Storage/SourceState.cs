namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// A fetch source's checkpoint, saved as the fetcher goes so a restart resumes where it stopped:
/// conditional-request validators, the feed items and links already taken, the folder files already
/// read, and how the last polls went. Keyed by the source's configured name. URLs and file paths are
/// dictionary keys here, so both adapters store the record as one JSON text, never as field names.
/// </summary>
public sealed record SourceState
{
    public required string Source { get; init; }

    /// <summary>ETag / Last-Modified per URL the source polls repeatedly (feed, index page, document).</summary>
    public IReadOnlyDictionary<string, HttpValidators> Validators { get; init; } = new Dictionary<string, HttpValidators>();

    /// <summary>Feed item keys and index-page links already taken, oldest first (the fetcher bounds the list).</summary>
    public IReadOnlyList<string> SeenItems { get; init; } = [];

    /// <summary>Folder files (relative path) as they were when last read: unchanged ones are not read again.</summary>
    public IReadOnlyDictionary<string, FileStamp> Files { get; init; } = new Dictionary<string, FileStamp>();

    public DateTimeOffset? LastPolledAt { get; init; }
    /// <summary>End of the last poll that had no error.</summary>
    public DateTimeOffset? LastSucceededAt { get; init; }
    /// <summary>Why the last poll failed (whole source or some items); null after a clean poll.</summary>
    public string? LastError { get; init; }
    public DateTimeOffset? LastErrorAt { get; init; }
    public int ConsecutiveFailures { get; init; }

    /// <summary>
    /// Documents this source offered that the fetcher gave up on for good (refused address or
    /// redirect, 404, over the size limit, unsupported type), oldest first; the fetcher keeps the most
    /// recent few (Fetch:MaxFailedItems). Unlike <see cref="LastError"/>, a later clean poll does not
    /// clear them; a document fetched successfully later is taken off the list.
    /// </summary>
    public IReadOnlyList<FailedItem> FailedItems { get; init; } = [];

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A document given up on: its URL (credentials masked) or folder-relative path, why, and when.</summary>
public sealed record FailedItem(string Item, string Reason, DateTimeOffset At);

/// <summary>A response's validators, sent back as If-None-Match / If-Modified-Since.</summary>
public sealed record HttpValidators(string? ETag, string? LastModified);

/// <summary>What a file looked like when it was last read.</summary>
public sealed record FileStamp(long Length, DateTimeOffset LastWriteTime);
