using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Application.Fetching;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Fetcher.Tests.Support;

/// <summary>
/// The fetcher as a worker host runs it (store, guarded HTTP clients, pollers, optionally the
/// FetchWorker loop) over an embedded store file, on the in-memory bus. What it publishes is recorded
/// by <see cref="PublishedReports"/>; a stand-in extractor moves each announced report on, as the real
/// one would, so a restart has nothing stranded to re-announce.
/// </summary>
internal sealed class FetcherHost : IAsyncDisposable
{
    /// <summary>Fast settings for the tests: short timeouts and backoff, 1 MB documents, no rate limit, breaker off.</summary>
    public static readonly IReadOnlyDictionary<string, string?> TestDefaults = new Dictionary<string, string?>
    {
        ["Fetch:MaxDocumentBytes"] = (1024 * 1024).ToString(CultureInfo.InvariantCulture),
        ["Fetch:PollInterval"] = "01:00:00",
        ["Fetch:Http:AttemptTimeout"] = "00:00:01",
        ["Fetch:Http:TotalTimeout"] = "00:00:15",
        ["Fetch:Http:BodyTimeout"] = "00:00:01",
        ["Fetch:Http:MaxRetries"] = "2",
        ["Fetch:Http:RetryDelay"] = "00:00:00.050",
        ["Fetch:Http:MaxRetryAfter"] = "00:00:05",
        ["Fetch:Http:PerHostRequestInterval"] = "00:00:00",
        ["Fetch:Http:BreakerMinimumThroughput"] = "1000",
    };

    private readonly IHost _host;

    private FetcherHost(IHost host, string storePath, LogCapture logs)
    {
        _host = host;
        StorePath = storePath;
        Logs = logs;
    }

    public string StorePath { get; }
    public LogCapture Logs { get; }
    public IPipelineStore Store => _host.Services.GetRequiredService<IPipelineStore>();
    public PublishedReports Published => _host.Services.GetRequiredService<PublishedReports>();
    public FetchOptions Options => _host.Services.GetRequiredService<IOptions<FetchOptions>>().Value;

    public static async Task<FetcherHost> StartAsync(string storePath, IEnumerable<SourceOptions> sources,
        IReadOnlyDictionary<string, string?>? settings = null, bool runWorker = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(TestDefaults);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Embedded",
            ["Store:EmbeddedPath"] = storePath,
        });
        builder.Configuration.AddInMemoryCollection(SourceSettings(sources));
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);

        var logs = new LogCapture();
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddOptions<FetchOptions>().Bind(builder.Configuration.GetSection(FetchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddPipelineStore(builder.Configuration);
        builder.Services.AddFetchSources();
        builder.Services.AddSingleton<PublishedReports>();
        builder.Services.AddMassTransit(x =>
        {
            x.AddConsumer<ExtractorStandIn>();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.ConnectPublishObserver(context.GetRequiredService<PublishedReports>());
                cfg.ConfigureEndpoints(context);
            });
        });
        if (runWorker)
            builder.Services.AddHostedService<FetchWorker>();

        var host = builder.Build();
        await host.Services.GetRequiredService<IPipelineStore>().InitializeAsync();
        await host.StartAsync();
        return new FetcherHost(host, storePath, logs);
    }

    /// <summary>One poll of the named source, as the worker would run it.</summary>
    public async Task<PollReport> PollAsync(string source, CancellationToken cancellationToken = default)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var options = SourceCatalog.All(Options).Single(s => s.Name == source);
        return await scope.ServiceProvider.GetRequiredService<SourcePoller>().PollAsync(options, cancellationToken);
    }

    public async Task<SourceState> StateAsync(string source) =>
        await Store.GetSourceStateAsync(source) ?? throw new InvalidOperationException($"no state for {source}");

    public async Task<IReadOnlyList<ReportRecord>> ReportsAsync() => await Store.ListReportsAsync();

    public async Task<ReportRecord> ReportAsync(string sourceUrl) =>
        await Store.FindLatestReportBySourceAsync(sourceUrl) ?? throw new InvalidOperationException($"no report for {sourceUrl}");

    /// <summary>Waits until the stand-in extractor consumed everything published.</summary>
    public Task SettledAsync() => Eventually.TrueAsync(() => Published.Consumed >= Published.Count, "published reports consumed");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }

    private static Dictionary<string, string?> SourceSettings(IEnumerable<SourceOptions> sources)
    {
        var settings = new Dictionary<string, string?>();
        var i = 0;
        foreach (var s in sources)
        {
            var p = $"Fetch:Sources:{i++}:";
            settings[p + "Name"] = s.Name;
            settings[p + "Kind"] = s.Kind.ToString();
            settings[p + "Url"] = s.Url;
            settings[p + "Path"] = s.Path;
            settings[p + "LinkSelector"] = s.LinkSelector;
            settings[p + "ItemFilter"] = s.ItemFilter;
            settings[p + "Enabled"] = s.Enabled.ToString();
            settings[p + "AllowPrivateNetwork"] = s.AllowPrivateNetwork.ToString();
            settings[p + "PollInterval"] = s.PollInterval?.ToString("c");
            settings[p + "MaxItems"] = s.MaxItems?.ToString(CultureInfo.InvariantCulture);
        }
        return settings;
    }
}
