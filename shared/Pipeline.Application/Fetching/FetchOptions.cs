using System.ComponentModel.DataAnnotations;

namespace Pipeline.Application.Fetching;

/// <summary>Configuration section "Fetch".</summary>
public sealed class FetchOptions
{
    public const string Section = "Fetch";

    /// <summary>Largest document accepted; larger ones are recorded as failed, never stored (both stores cap a document near 16 MB).</summary>
    [Range(1, 1024L * 1024 * 1024)]
    public long MaxDocumentBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>Drop directory the fetcher watches (the "local folder" source). Empty: none.</summary>
    public string? DropFolder { get; set; }

    /// <summary>How often sources are polled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
