namespace Pipeline.Application.Fetching.Sources;

/// <summary>
/// One entry a feed or index page offers. <see cref="Key"/> identifies it across polls (feed id, or
/// link; plus the entry's update time, so an updated entry is fetched again and may become a new version).
/// </summary>
public sealed record SourceItem(string Key, Uri? Link, string? Title, DateOnly? PublishedOn = null, string? InlineHtml = null);
