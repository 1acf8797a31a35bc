using Pipeline.Application.Fetching.Http;

namespace Pipeline.Application.Fetching;

/// <summary>The sources a fetcher polls, as configured (plus the legacy Fetch:DropFolder shorthand).</summary>
public static class SourceCatalog
{
    public const string DropFolderSource = "drop-folder";

    public static IReadOnlyList<SourceOptions> All(FetchOptions options)
    {
        var sources = options.Sources.ToList();
        if (options.DropFolder is { Length: > 0 } folder
            && !sources.Any(s => string.Equals(s.Name, DropFolderSource, StringComparison.OrdinalIgnoreCase)))
            sources.Add(new SourceOptions { Name = DropFolderSource, Kind = SourceKind.Folder, Path = folder });
        return sources;
    }

    public static IReadOnlyList<SourceOptions> Enabled(FetchOptions options) => All(options).Where(s => s.Enabled).ToList();

    /// <summary>
    /// The origins (host and port) that enabled sources with AllowPrivateNetwork name in their URL: the
    /// only ones allowed to be non-public. A URL on its scheme's default port also trusts the host's
    /// other default port (80 and 443), so an internal http:// source may redirect to its https:// self.
    /// </summary>
    public static IReadOnlySet<(string Host, int Port)> TrustedPrivateOrigins(FetchOptions options) =>
        Enabled(options)
            .Where(s => s.AllowPrivateNetwork && s.IsWeb && Uri.TryCreate(s.Url, UriKind.Absolute, out _))
            .Select(s => new Uri(s.Url!))
            .SelectMany(url => (url.IsDefaultPort ? [80, 443] : new[] { url.Port })
                .Select(port => (NetworkGuard.NormaliseHost(url.IdnHost), port)))
            .ToHashSet();

    public static TimeSpan IntervalOf(SourceOptions source, FetchOptions options) => source.PollInterval ?? options.PollInterval;

    public static int MaxItemsOf(SourceOptions source, FetchOptions options) => source.MaxItems ?? options.MaxItemsPerPoll;
}
