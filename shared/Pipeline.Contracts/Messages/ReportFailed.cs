namespace Pipeline.Contracts.Messages;

/// <summary>A report could not be processed for a permanent reason; it is recorded, never retried.</summary>
public sealed record ReportFailed(Guid ReportId, string Source, string Stage, string Reason, DateTimeOffset FailedAt);
