namespace Pipeline.Application.Clustering;

/// <summary>Transient: other deduplicators kept winning the commit. The message retry policy tries again later.</summary>
public sealed class ClusterConflictException(string message) : Exception(message);
