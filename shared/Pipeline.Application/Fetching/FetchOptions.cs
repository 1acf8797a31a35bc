using System.ComponentModel.DataAnnotations;

namespace Pipeline.Application.Fetching;

/// <summary>Configuration section "Fetch". <see cref="FetchOptionsValidator"/> checks it when the host starts.</summary>
public sealed class FetchOptions
{
    public const string Section = "Fetch";

    /// <summary>Largest document accepted; larger ones are recorded as failed, never stored (both stores cap a document near 16 MB).
    /// Also the most a feed or index page may weigh, counted after decompression.</summary>
    [Range(1, 1024L * 1024 * 1024)]
    public long MaxDocumentBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>Shorthand for a Folder source named "drop-folder" (the drop directory the containers mount). Empty: none.</summary>
    public string? DropFolder { get; set; }

    /// <summary>How often a source is polled when it sets no PollInterval of its own.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sources polled at the same time; the others wait their turn.</summary>
    public int MaxConcurrentSources { get; set; } = 4;

    /// <summary>New feed items or index links fetched per poll; the rest wait for the next poll.</summary>
    public int MaxItemsPerPoll { get; set; } = 50;

    /// <summary>Feed item keys / links remembered per source (oldest forgotten first); must exceed what a feed lists at once.</summary>
    public int MaxSeenItems { get; set; } = 5000;

    /// <summary>Documents given up on for good remembered per source (SourceState.FailedItems, shown by `pipeline status`); the oldest are dropped.</summary>
    [Range(1, 1000)]
    public int MaxFailedItems { get; set; } = 20;

    /// <summary>Longest an index page may take to parse; pathological nesting is given up, not waited out.</summary>
    public TimeSpan MaxParseTime { get; set; } = TimeSpan.FromSeconds(10);

    public string UserAgent { get; set; } = "TakedownPipeline/1.0 (transparency-report fetcher)";

    public FetchHttpOptions Http { get; set; } = new();

    public List<SourceOptions> Sources { get; set; } = [];
}
