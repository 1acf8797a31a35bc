namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// The deduplicator's state for one campaign: its members and the keys it is found by.
/// <see cref="Version"/> guards concurrent writers. A merged campaign is kept with
/// <see cref="MergedInto"/> set, never deleted.
/// </summary>
public sealed record CampaignRecord
{
    public required Guid Id { get; init; }
    public required long Version { get; init; }
    public required IReadOnlyList<Guid> ReportIds { get; init; }
    /// <summary>Blocking keys (normalised names and aliases, origin/period keys) used to find candidates.</summary>
    public required IReadOnlyList<string> Keys { get; init; }
    public Guid? MergedInto { get; init; }
    public IReadOnlyList<Guid> MergedFrom { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
