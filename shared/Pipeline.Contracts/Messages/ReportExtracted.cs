namespace Pipeline.Contracts.Messages;

/// <summary>
/// Extraction finished and its result is stored with the report. <paramref name="DescribesTakedown"/>
/// false means the text reports no takedown: it is recorded as unmatched, not clustered.
/// </summary>
public sealed record ReportExtracted(
    Guid ReportId,
    string Source,
    bool DescribesTakedown,
    IReadOnlyList<string> OperationNames,
    IReadOnlyList<string> OriginCountries,
    string ExtractorVersion,
    DateTimeOffset ExtractedAt);
