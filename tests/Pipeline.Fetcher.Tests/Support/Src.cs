using Pipeline.Application.Fetching;

namespace Pipeline.Fetcher.Tests.Support;

/// <summary>Source definitions for the tests; web ones point at the loopback server and may use it.</summary>
internal static class Src
{
    public static SourceOptions Feed(string name, Uri url, int? maxItems = null) =>
        new() { Name = name, Kind = SourceKind.Feed, Url = url.AbsoluteUri, AllowPrivateNetwork = true, MaxItems = maxItems };

    public static SourceOptions Page(string name, Uri url, string? selector = null) =>
        new() { Name = name, Kind = SourceKind.IndexPage, Url = url.AbsoluteUri, LinkSelector = selector, AllowPrivateNetwork = true };

    public static SourceOptions Url(string name, Uri url, bool allowPrivate = true) =>
        new() { Name = name, Kind = SourceKind.Url, Url = url.AbsoluteUri, AllowPrivateNetwork = allowPrivate };

    public static SourceOptions Folder(string name, string path) =>
        new() { Name = name, Kind = SourceKind.Folder, Path = path };

    public static SourceOptions Every(this SourceOptions source, TimeSpan interval)
    {
        source.PollInterval = interval;
        return source;
    }
}
