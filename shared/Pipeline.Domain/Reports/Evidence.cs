namespace Pipeline.Domain.Reports;

/// <summary>
/// Why a value was extracted: the sentence it was read from (span into the report text and a
/// copy of the sentence, so a reader sees the reason without the original document).
/// </summary>
public sealed record Evidence(TextSpan Sentence, string Quote);
