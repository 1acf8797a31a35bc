namespace Pipeline.Domain.Reports;

/// <summary>
/// A document reduced to plain text, ready for extraction. <paramref name="PublishedOn"/> is the
/// document's own date when the source knows it (feed item date, file metadata); the extractor
/// also looks for a dateline in the text itself.
/// </summary>
public sealed record ReportText(string Source, string? Title, string Body, DateOnly? PublishedOn = null);
