namespace Pipeline.Application.Hosting;

/// <summary>Which stages a process runs. Each worker image runs one; the embedded default runs all.</summary>
[Flags]
public enum PipelineRoles
{
    None = 0,
    Fetcher = 1,
    Extractor = 2,
    Deduplicator = 4,
    Publisher = 8,
    All = Fetcher | Extractor | Deduplicator | Publisher,
}
