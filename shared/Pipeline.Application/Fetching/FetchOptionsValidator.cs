using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Options;
using Pipeline.Application.Fetching.Http;

namespace Pipeline.Application.Fetching;

/// <summary>
/// Rejects a fetch configuration that could only fail later, when the host starts, with messages that
/// name the setting (Fetch:Sources:2 (meta-cib):Url ...) and say what would be right.
/// </summary>
public sealed partial class FetchOptionsValidator : IValidateOptions<FetchOptions>
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, FetchOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IEnumerable<string> Problems(FetchOptions options)
    {
        const string f = FetchOptions.Section;
        if (options.MaxConcurrentSources is < 1 or > 64)
            yield return $"{f}:MaxConcurrentSources must be 1-64 (was {options.MaxConcurrentSources}).";
        if (options.MaxItemsPerPoll is < 1 or > 1000)
            yield return $"{f}:MaxItemsPerPoll must be 1-1000 (was {options.MaxItemsPerPoll}).";
        if (options.MaxSeenItems < 100 || options.MaxSeenItems < 2 * options.MaxItemsPerPoll)
            yield return $"{f}:MaxSeenItems must be at least 100 and twice MaxItemsPerPoll (was {options.MaxSeenItems}); a smaller memory re-fetches old entries.";
        if (options.MaxParseTime < TimeSpan.FromMilliseconds(100) || options.MaxParseTime > TimeSpan.FromMinutes(10))
            yield return $"{f}:MaxParseTime must be between 00:00:00.1 and 00:10:00 (was {options.MaxParseTime}).";
        if (string.IsNullOrWhiteSpace(options.UserAgent))
            yield return $"{f}:UserAgent is empty; hosts expect a User-Agent that names the fetcher.";
        foreach (var problem in HttpProblems(options.Http))
            yield return problem;

        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            var label = $"{f}:Sources:{i}" + (string.IsNullOrWhiteSpace(source.Name) ? "" : $" ({source.Name})");
            if (string.IsNullOrWhiteSpace(source.Name))
                yield return $"{label}:Name is required: a short unique id such as \"meta-cib\" (it keys the source's checkpoint).";
            else if (!NamePattern().IsMatch(source.Name))
                yield return $"{label}:Name '{source.Name}' may use letters, digits, '.', '_' and '-' only.";
            else if (!names.TryAdd(source.Name, i))
                yield return $"{label}:Name '{source.Name}' is also used by {f}:Sources:{names[source.Name]}; names must be unique (ignoring case).";
            foreach (var problem in SourceProblems(source, label))
                yield return problem;
        }
    }

    private static IEnumerable<string> SourceProblems(SourceOptions source, string label)
    {
        if (!Enum.IsDefined(source.Kind))
        {
            yield return $"{label}:Kind must be Feed, IndexPage, Url or Folder.";
            yield break;
        }
        if (source.IsWeb)
        {
            if (string.IsNullOrWhiteSpace(source.Url))
                yield return $"{label}:Url is required for a {source.Kind} source.";
            else if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url))
                yield return $"{label}:Url is not an absolute URL.";
            else if (!SafeUrl.IsWeb(url))
                yield return $"{label}:Url must be http or https (was {url.Scheme}:).";
            else if (SafeUrl.HasCredentials(url))
                yield return $"{label}:Url must not contain credentials (user:password@ in {SafeUrl.Display(url)}): they would reach logs and stored report sources.";
        }
        else if (string.IsNullOrWhiteSpace(source.Path))
        {
            yield return $"{label}:Path is required for a Folder source.";
        }
        if (source.LinkSelector is { } selector)
        {
            if (source.Kind != SourceKind.IndexPage)
                yield return $"{label}:LinkSelector applies to IndexPage sources only (this one is a {source.Kind}).";
            else if (SelectorProblem(selector) is { } problem)
                yield return $"{label}:LinkSelector '{selector}' is not a valid CSS selector ({problem}).";
        }
        if (source.ItemFilter is { } filter && RegexProblem(filter) is { } regexProblem)
            yield return $"{label}:ItemFilter is not a valid regular expression ({regexProblem}).";
        if (source.PollInterval is { } interval && (interval < MinInterval || interval > MaxInterval))
            yield return $"{label}:PollInterval must be between {MinInterval} and {MaxInterval} (was {interval}).";
        if (source.MaxItems is < 1 or > 1000)
            yield return $"{label}:MaxItems must be 1-1000 (was {source.MaxItems}).";
    }

    private static IEnumerable<string> HttpProblems(FetchHttpOptions http)
    {
        const string h = FetchOptions.Section + ":Http";
        if (http.AttemptTimeout < TimeSpan.FromMilliseconds(100) || http.AttemptTimeout > TimeSpan.FromMinutes(10))
            yield return $"{h}:AttemptTimeout must be between 00:00:00.1 and 00:10:00 (was {http.AttemptTimeout}).";
        if (http.TotalTimeout < http.AttemptTimeout || http.TotalTimeout > TimeSpan.FromHours(1))
            yield return $"{h}:TotalTimeout must be at least AttemptTimeout and at most 01:00:00 (was {http.TotalTimeout}).";
        if (http.BodyTimeout < TimeSpan.FromMilliseconds(100) || http.BodyTimeout > TimeSpan.FromHours(1))
            yield return $"{h}:BodyTimeout must be between 00:00:00.1 and 01:00:00 (was {http.BodyTimeout}).";
        if (http.MaxRetries is < 0 or > 10)
            yield return $"{h}:MaxRetries must be 0-10 (was {http.MaxRetries}).";
        if (http.RetryDelay < TimeSpan.Zero || http.RetryDelay > TimeSpan.FromMinutes(5))
            yield return $"{h}:RetryDelay must be between 0 and 00:05:00 (was {http.RetryDelay}).";
        if (http.MaxRetryAfter < TimeSpan.Zero || http.MaxRetryAfter > TimeSpan.FromHours(1))
            yield return $"{h}:MaxRetryAfter must be between 0 and 01:00:00 (was {http.MaxRetryAfter}).";
        if (http.PerHostRequestInterval < TimeSpan.Zero || http.PerHostRequestInterval > TimeSpan.FromMinutes(10))
            yield return $"{h}:PerHostRequestInterval must be between 0 (no limit) and 00:10:00 (was {http.PerHostRequestInterval}).";
        if (http.BreakerFailureRatio is <= 0 or > 1)
            yield return $"{h}:BreakerFailureRatio must be above 0 and at most 1 (was {http.BreakerFailureRatio}).";
        if (http.BreakerMinimumThroughput < 2)
            yield return $"{h}:BreakerMinimumThroughput must be at least 2 (was {http.BreakerMinimumThroughput}).";
        if (http.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || http.BreakerBreakDuration < TimeSpan.FromMilliseconds(500))
            yield return $"{h}:BreakerSamplingDuration and BreakerBreakDuration must be at least 00:00:00.5.";
        if (http.MaxRedirects is < 0 or > 20)
            yield return $"{h}:MaxRedirects must be 0-20 (was {http.MaxRedirects}).";
    }

    private static string? SelectorProblem(string selector)
    {
        try
        {
            using var document = new HtmlParser().ParseDocument("");
            document.QuerySelectorAll(selector);
            return null;
        }
        catch (DomException e)
        {
            return e.Message;
        }
    }

    private static string? RegexProblem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex NamePattern();
}
