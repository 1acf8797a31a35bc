using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Hosting;
using Pipeline.Infrastructure.Storage;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.IntegrationTests.Hosting;

/// <summary>
/// The worker's readiness file reflects the store as well as the bus, its liveness file neither: a worker
/// host (in-memory bus, embedded store) whose store can be switched to failing or hanging.
/// </summary>
public sealed class StoreHealthProbeTests
{
    [Fact]
    public async Task A_store_that_throws_StoreUnavailable_makes_the_worker_unready_and_removes_its_probe_file_until_it_answers_again_while_it_stays_alive()
    {
        using var temp = new TempDirectory();
        var probe = temp.File("worker.healthy");
        var live = temp.File("worker.alive");
        using var real = OpenStore(temp);
        using var host = BuildHost(temp, probe, live, real, out var store);
        await host.StartAsync();
        try
        {
            var health = host.Services.GetRequiredService<HealthCheckService>();
            var healthy = await health.CheckHealthAsync();
            Assert.True(healthy.Status == HealthStatus.Healthy, Describe(healthy));
            Assert.Equal(HealthStatus.Healthy, healthy.Entries[StoreHealthCheck.Name].Status);
            // Every check is a dependency check (MassTransit tags its bus checks "ready" too): none decides liveness.
            Assert.All(healthy.Entries, e => Assert.Contains(HealthProbeOptions.DependencyTag, e.Value.Tags));
            await WaitAsync("probe file written", () => File.Exists(probe));
            await WaitAsync("liveness file written", () => File.Exists(live));

            store.Mode = FlakyStore.Behaviour.Unavailable;
            var unhealthy = await health.CheckHealthAsync();
            Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
            var entry = unhealthy.Entries[StoreHealthCheck.Name];
            Assert.Equal(HealthStatus.Unhealthy, entry.Status);
            Assert.IsType<StoreUnavailableException>(entry.Exception);
            Assert.Contains("unavailable", entry.Description);
            // The bus is fine: only the store's entry is unhealthy.
            Assert.All(unhealthy.Entries.Where(e => e.Key != StoreHealthCheck.Name), e => Assert.Equal(HealthStatus.Healthy, e.Value.Status));
            await WaitAsync("probe file removed", () => !File.Exists(probe));
            // Liveness does not depend on the store: the liveness file keeps being rewritten while the probe file is gone.
            await WaitRewrittenAsync(live, times: 3);
            Assert.False(File.Exists(probe), "the probe file came back while the store was unavailable");

            store.Mode = FlakyStore.Behaviour.Normal;
            await WaitAsync("probe file written again", () => File.Exists(probe));
            Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
        }
        finally
        {
            await host.StopAsync();
        }
        Assert.False(File.Exists(probe), "the probe file outlived the host");
        Assert.False(File.Exists(live), "the liveness file outlived the host");
    }

    [Fact]
    public async Task A_store_that_never_answers_is_unhealthy_after_the_store_timeout()
    {
        using var temp = new TempDirectory();
        using var real = OpenStore(temp);
        var probe = temp.File("worker.healthy");
        var live = temp.File("worker.alive");
        using var host = BuildHost(temp, probe, live, real, out var store);
        await host.StartAsync();
        try
        {
            await WaitAsync("probe file written", () => File.Exists(probe));
            store.Mode = FlakyStore.Behaviour.Hangs;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Unhealthy, report.Entries[StoreHealthCheck.Name].Status);
            Assert.Contains("did not answer within 1 s", report.Entries[StoreHealthCheck.Name].Description);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the check took {watch.Elapsed}");
            // The timeout keeps the probe loop running: unready, but still alive.
            await WaitAsync("probe file removed", () => !File.Exists(probe));
            await WaitRewrittenAsync(live, times: 2);
        }
        finally
        {
            store.Mode = FlakyStore.Behaviour.Normal;
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_liveness_file_that_cannot_be_written_does_not_stop_the_worker_or_its_readiness_file()
    {
        using var temp = new TempDirectory();
        var probe = temp.File("worker.healthy");
        var live = Path.Combine(temp.File("missing-folder"), "worker.alive"); // its folder does not exist
        using var real = OpenStore(temp);
        using var host = BuildHost(temp, probe, live, real, out _);
        await host.StartAsync();
        try
        {
            await WaitAsync("probe file written", () => File.Exists(probe));
            await WaitRewrittenAsync(probe, times: 2);
            Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the host stopped");
        }
        finally
        {
            await host.StopAsync();
        }
        Assert.False(File.Exists(probe), "the probe file outlived the host");
    }

    private static OwnedStore OpenStore(TempDirectory temp) =>
        new(PipelineStoreFactory.Create(new StoreOptions { Provider = StoreProvider.Embedded, EmbeddedPath = temp.File("store.sqlite") }));

    /// <summary>The real store, closed by the test (the container does not dispose an instance it was given).</summary>
    private sealed class OwnedStore(IPipelineStore store) : IDisposable
    {
        public IPipelineStore Store => store;

        public void Dispose() => (store as IDisposable)?.Dispose();
    }

    private static IHost BuildHost(TempDirectory temp, string probe, string live, OwnedStore real, out FlakyStore store)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Store:Provider"] = "Embedded",
            ["Store:EmbeddedPath"] = temp.File("store.sqlite"),
            ["Health:ProbeFile"] = probe,
            ["Health:LiveFile"] = live,
            ["Health:Interval"] = "00:00:00.200",
            ["Health:StoreTimeout"] = "00:00:01",
        });
        builder.Logging.AddFilter(_ => false);
        var flaky = FlakyStore.Wrap(real.Store);
        store = (FlakyStore)(object)flaky;
        builder.Services.AddSingleton(flaky); // registered first: AddPipeline only adds a store when none is
        builder.Services.AddPipeline(builder.Configuration, PipelineRoles.Extractor);
        builder.Services.AddHealthProbeFile();
        return builder.Build();
    }

    private static async Task WaitAsync(string what, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what}: not within 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the file's content (the time of the write) has changed <paramref name="times"/> times: the loop is still writing it.</summary>
    private static async Task WaitRewrittenAsync(string path, int times)
    {
        var last = ReadOrNull(path);
        for (var i = 0; i < times; i++)
        {
            var previous = last;
            await WaitAsync($"{Path.GetFileName(path)} rewritten ({i + 1} of {times})", () =>
            {
                // Empty or missing: caught between truncate and write, or not written yet.
                if (ReadOrNull(path) is not { Length: > 0 } now || now == previous)
                    return false;
                last = now;
                return true;
            });
        }
    }

    private static string? ReadOrNull(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return null; }
    }

    private static string Describe(HealthReport report) =>
        string.Join(", ", report.Entries.Select(e => $"{e.Key}={e.Value.Status} {e.Value.Description}"));

    /// <summary>Forwards every store call to the real store, or fails it, or never answers.</summary>
    public class FlakyStore : DispatchProxy
    {
        public enum Behaviour { Normal, Unavailable, Hangs }

        private IPipelineStore _inner = null!;

        public volatile Behaviour Mode;

        public static IPipelineStore Wrap(IPipelineStore inner)
        {
            var proxy = Create<IPipelineStore, FlakyStore>();
            ((FlakyStore)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name is nameof(IDisposable.Dispose) or nameof(IAsyncDisposable.DisposeAsync) || Mode == Behaviour.Normal)
            {
                try { return targetMethod.Invoke(_inner, args); }
                catch (TargetInvocationException e) when (e.InnerException is not null) { throw e.InnerException; }
            }
            if (Mode == Behaviour.Unavailable)
                throw new StoreUnavailableException("the test made the store unavailable");
            // Hangs: a task that never completes and ignores cancellation, typed as the method returns.
            var never = new TaskCompletionSource().Task;
            if (targetMethod.ReturnType == typeof(Task))
                return never;
            var result = targetMethod.ReturnType.GetGenericArguments()[0];
            var source = Activator.CreateInstance(typeof(TaskCompletionSource<>).MakeGenericType(result))!;
            return source.GetType().GetProperty(nameof(TaskCompletionSource<int>.Task))!.GetValue(source);
        }
    }
}
