using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Application.Fetching;
using Pipeline.Application.Hosting;
using Pipeline.Fetcher.Tests.Support;

namespace Pipeline.Fetcher.Tests;

/// <summary>The configuration: checked at start with messages naming the setting; the shipped defaults are real, complete and off.</summary>
public sealed class OptionsTests : IDisposable
{
    private readonly TestStore _dir = new();

    public void Dispose() => _dir.Dispose();

    private IHost FetcherRole(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Store:Provider"] = "Embedded",
            ["Store:EmbeddedPath"] = _dir.DbPath,
            ["Health:ProbeFile"] = "",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddPipeline(builder.Configuration, PipelineRoles.Fetcher);
        return builder.Build();
    }

    [Fact]
    public async Task Invalid_sources_stop_the_fetcher_at_start_with_messages_naming_each_setting()
    {
        using var host = FetcherRole(new()
        {
            ["Fetch:Sources:0:Name"] = "meta",
            ["Fetch:Sources:0:Kind"] = "Feed",
            ["Fetch:Sources:0:Url"] = "ftp://example.org/feed",
            ["Fetch:Sources:1:Name"] = "META",
            ["Fetch:Sources:1:Kind"] = "Url",
            ["Fetch:Sources:1:Url"] = "https://user:hunter2@example.org/report.pdf",
            ["Fetch:Sources:2:Name"] = "graphika",
            ["Fetch:Sources:2:Kind"] = "IndexPage",
            ["Fetch:Sources:2:Url"] = "https://example.org/reports",
            ["Fetch:Sources:2:LinkSelector"] = "a[href*=",
            ["Fetch:Sources:3:Name"] = "inbox",
            ["Fetch:Sources:3:Kind"] = "Folder",
            ["Fetch:Sources:4:Kind"] = "Feed",
            ["Fetch:Sources:4:Url"] = "https://example.org/feed",
            ["Fetch:Sources:4:PollInterval"] = "00:00:00.5",
            ["Fetch:Http:MaxRetries"] = "50",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Fetch:Sources:0 (meta):Url must be http or https (was ftp:).", error.Failures);
        Assert.Contains("Fetch:Sources:1 (META):Name 'META' is also used by Fetch:Sources:0; names must be unique (ignoring case).", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("Fetch:Sources:1 (META):Url must not contain credentials", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Fetch:Sources:2 (graphika):LinkSelector 'a[href*=' is not a valid CSS selector", StringComparison.Ordinal));
        Assert.Contains("Fetch:Sources:3 (inbox):Path is required for a Folder source.", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("Fetch:Sources:4:Name is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Fetch:Sources:4:PollInterval must be between", StringComparison.Ordinal));
        Assert.Contains("Fetch:Http:MaxRetries must be 0-10 (was 50).", error.Failures);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task A_valid_configuration_starts_the_fetcher_role_with_its_pollers()
    {
        using var host = FetcherRole(new()
        {
            ["Fetch:Sources:0:Name"] = "dfrlab",
            ["Fetch:Sources:0:Kind"] = "Feed",
            ["Fetch:Sources:0:Url"] = "https://dfrlab.org/feed/",
            ["Fetch:Sources:0:Enabled"] = "false",
        });

        await host.StartAsync();
        await using var scope = host.Services.CreateAsyncScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<SourcePoller>());
        await host.StopAsync();
    }

    [Fact]
    public void The_shipped_default_sources_are_real_complete_disabled_and_valid()
    {
        var file = Path.Combine(RepoRoot(), "services", "Pipeline.Fetcher", "sources.json");
        var options = new ConfigurationBuilder().AddJsonFile(file).Build().GetSection(FetchOptions.Section).Get<FetchOptions>()!;

        Assert.Empty(FetchOptionsValidator.Problems(options));
        Assert.True(options.Sources.Count >= 7);
        Assert.All(options.Sources, s =>
        {
            Assert.False(s.Enabled, $"{s.Name} must be disabled by default");
            Assert.False(string.IsNullOrWhiteSpace(s.Platform), $"{s.Name} has no platform");
            Assert.False(string.IsNullOrWhiteSpace(s.Publisher), $"{s.Name} has no publisher");
            Assert.StartsWith("https://", s.Url);
        });
        var publishers = options.Sources.Select(s => s.Publisher!).ToList();
        foreach (var expected in new[] { "Meta", "Google", "OpenAI", "TikTok", "Microsoft", "Graphika", "DFRLab" })
            Assert.Contains(publishers, p => p.StartsWith(expected, StringComparison.Ordinal));
        Assert.Contains(options.Sources, s => s.Kind == SourceKind.Feed);
        Assert.Contains(options.Sources, s => s.Kind == SourceKind.IndexPage);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
                return dir.FullName;
        }
        // Built with --artifacts-path outside the repo: fall back to the source tree of this file.
        return Path.GetFullPath(Path.Combine(SourceDirectory(), "..", ".."));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
