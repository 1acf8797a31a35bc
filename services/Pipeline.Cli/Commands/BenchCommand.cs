using System.CommandLine;
using System.Text.Json;
using Pipeline.Cli.Bench;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline bench`: end-to-end throughput and latency, with a raw RabbitMQ baseline in the same run.</summary>
internal static class BenchCommand
{
    public const string DefaultRabbitMq = "amqp://guest:guest@127.0.0.1:5672/";

    public static Command Create()
    {
        var reports = new Option<int>("--reports") { Description = "Synthetic reports per run (five per invented operation, up to 400 operations).", DefaultValueFactory = _ => 2000, HelpName = "N" };
        var sizeKb = new Option<int>("--size-kb") { Description = "Approximate size of each report in KB (padded with realistic filler sentences).", DefaultValueFactory = _ => 5, HelpName = "KB" };
        var scenarios = new Option<string[]>("--scenarios")
        {
            Description = "Which scenarios to run, comma- or space-separated: embedded, baseline, rabbitmq.",
            DefaultValueFactory = _ => [.. BenchSettings.AllScenarios],
            AllowMultipleArgumentsPerToken = true,
            HelpName = "list",
        };
        var rabbitMq = new Option<string?>("--rabbitmq") { Description = $"Broker for the rabbitmq and baseline scenarios (default {DefaultRabbitMq}, or {ConnectionOptions.RabbitMqVariable}).", HelpName = "uri" };
        var vhost = new Option<string?>("--vhost") { Description = "Use this existing virtual host instead of creating a private one with rabbitmqctl (for a broker on another machine). Its pipeline queues are purged: run no workers on it.", HelpName = "name" };
        var runs = new Option<int>("--runs") { Description = "Run every scenario this many times (interleaved) and print the median of each figure, with every run's reports/s.", DefaultValueFactory = _ => 1, HelpName = "N" };
        var warmup = new Option<int>("--warmup") { Description = "Reports per warm-up round: pushed through every scenario, unmeasured, before the runs (JIT, connections, file caches). 0 to skip.", DefaultValueFactory = _ => 500, HelpName = "N" };
        var warmupRounds = new Option<int>("--warmup-rounds") { Description = $"At most this many warm-up rounds; they stop early once a round leaves the JIT fewer than {JitSettling.QuietRoundMethods} methods to compile (steady state, as a long-running worker).", DefaultValueFactory = _ => 6, HelpName = "N" };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "Give up on a run that has not finished after this long (hh:mm:ss).", DefaultValueFactory = _ => TimeSpan.FromMinutes(10) };
        var verbose = new Option<bool>("--verbose") { Description = "Log what the workers do (stderr)." };
        var storeStats = new Option<bool>("--store-stats") { Description = "Time every store call and print, per scenario, calls and milliseconds per store method (stderr): where the time goes." };

        var command = new Command("bench", """
            Measure the pipeline end to end on synthetic reports, beside a raw RabbitMQ baseline in the same run.

            Scenarios (each on a fresh embedded store file under the temp folder, deleted afterwards):
              embedded  the whole pipeline in this process, in-memory bus, as `pipeline ingest` runs it
              baseline  raw RabbitMQ.Client, no framework and no work: the pipeline's chain of hops
                        (fetch publish -> extract-report -> cluster-report -> publish-campaign -> one
                        store write per report), quorum queues, persistent messages, publisher confirms,
                        the same per-stage concurrency; every message carries the report's bytes
              rabbitmq  the whole pipeline over the broker, each worker a separate host with its own
                        bus connection (extractor, deduplicator, publisher, fetcher)

            Output: one JSON object per scenario on stdout, progress on stderr:
              {"scenario","reports","seconds","reports_per_s","p50_ms","p99_ms","peak_working_set_mb"}
            then {"ratio_rabbitmq_to_baseline": x} when both broker scenarios ran (issue 7's target: >= 0.5).
              seconds      from the first report handed to the fetch stage to the last one finished
              p50/p99_ms   per report: handed to fetch -> its campaign view stored. Reports are pushed as
                           fast as the fetch stage takes them, so under saturation this includes queueing
              peak_working_set_mb  this process's working set, sampled every 25 ms during the run
                           (the rabbitmq scenario's four hosts all live in this process)
            and, beside them, figures that move far less with the neighbours' load than wall time:
              cpu_ms_per_report         this process's CPU per report during the run (every worker)
              broker_cpu_ms_per_report  a local broker's CPU per report (broker scenarios, Linux)
            The machine is shared and noisy: use --runs 3 or more and read the medians.
            Figures are steady state: warm-up rounds run until the JIT has (nearly) finished
            recompiling hot code, which on two busy cores takes thousands of reports.

            The broker scenarios need RabbitMQ (scripts/ensure-rabbitmq.sh starts a local one). With
            rabbitmqctl on this machine the bench creates a private virtual host and deletes it after.

            Examples:
              pipeline bench                                   all three scenarios, 2,000 reports of 5 KB
              pipeline bench --runs 3 > bench.jsonl            medians of three interleaved runs
              pipeline bench --scenarios embedded --reports 5000 --size-kb 50
              pipeline bench --rabbitmq amqp://user:pass@host:5672/ --vhost bench
            """)
        {
            reports, sizeKb, scenarios, rabbitMq, vhost, runs, warmup, warmupRounds, timeout, verbose, storeStats,
        };
        command.SetAction(async (parse, ct) =>
        {
            var selected = parse.GetValue(scenarios)!
                .SelectMany(s => s.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(s => s.ToLowerInvariant())
                .ToHashSet(StringComparer.Ordinal);
            var unknown = selected.Except(BenchSettings.AllScenarios).ToArray();
            if (unknown.Length > 0 || selected.Count == 0)
            {
                await Console.Error.WriteLineAsync($"error: unknown scenario '{string.Join(", ", unknown)}'; choose from {string.Join(", ", BenchSettings.AllScenarios)}.");
                return 2;
            }
            var settings = new BenchSettings(
                parse.GetValue(reports),
                parse.GetValue(sizeKb),
                selected,
                parse.GetValue(rabbitMq) ?? NullIfEmpty(Environment.GetEnvironmentVariable(ConnectionOptions.RabbitMqVariable)) ?? DefaultRabbitMq,
                parse.GetValue(vhost),
                parse.GetValue(runs),
                parse.GetValue(warmup),
                parse.GetValue(warmupRounds),
                parse.GetValue(timeout),
                parse.GetValue(verbose));
            if (settings.Reports < 1 || settings.SizeKb < 1 || settings.Runs < 1 || settings.Warmup < 0 || settings.MaxWarmupRounds < 1)
            {
                await Console.Error.WriteLineAsync("error: --reports, --size-kb, --runs and --warmup-rounds must be at least 1, --warmup at least 0.");
                return 2;
            }
            StoreProbe.Timing = parse.GetValue(storeStats);
            return await RunAsync(settings, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(BenchSettings settings, CancellationToken ct)
    {
        var progress = new BenchProgress(Console.Error, quiet: false);
        var corpus = new SyntheticCorpus(seed: 1).ForLoad(settings.Reports, settings.SizeKb * 1024);
        var warmupCorpus = settings.Warmup > 0 ? new SyntheticCorpus(seed: 2).ForLoad(settings.Warmup, settings.SizeKb * 1024) : [];
        var folder = Directory.CreateTempSubdirectory("pipeline-bench-").FullName;
        progress.Say($"bench: {corpus.Count} reports of ~{settings.SizeKb} KB ({corpus.Select(r => r.OperationName).Distinct().Count()} operations), " +
                     $"scenarios {string.Join(", ", BenchSettings.AllScenarios.Where(settings.Scenarios.Contains))}, {settings.Runs} run(s), stores in {folder}");

        BenchVirtualHost? vhost = null;
        try
        {
            if (settings.NeedsBroker)
            {
                vhost = await BenchVirtualHost.OpenAsync(settings.RabbitMqUri, settings.VirtualHost, ct);
                progress.Say($"bench: RabbitMQ {Infrastructure.Messaging.BusOptions.Redact(settings.RabbitMqUri)}, {vhost.Description}");
            }

            var pipeline = new PipelineScenario(settings, progress);
            var baseline = new RawRabbitMqBaseline(settings, progress);
            var store = 0;
            string NextStore(string scenario) => Path.Combine(folder, $"{scenario}-{++store}.sqlite");
            Task<ScenarioResult> Run(string scenario, IReadOnlyList<SyntheticReport> reports) => scenario switch
            {
                BenchSettings.Embedded => pipeline.RunAsync(scenario, reports, null, NextStore(scenario), ct),
                BenchSettings.RabbitMq => pipeline.RunAsync(scenario, reports, vhost!.Uri.ToString(), NextStore(scenario), ct),
                _ => baseline.RunAsync(scenario, reports, vhost!.Uri, NextStore(scenario), ct),
            };

            var order = BenchSettings.AllScenarios.Where(settings.Scenarios.Contains).ToArray();
            if (warmupCorpus.Count > 0)
            {
                // Rounds of every scenario until a round leaves the JIT nearly nothing to compile (JitSettling).
                for (var round = 1; round <= settings.MaxWarmupRounds; round++)
                {
                    var before = JitSettling.CompiledMethods;
                    foreach (var scenario in order)
                    {
                        progress.Say($"bench: warming up {scenario} (round {round}, {warmupCorpus.Count} reports, not measured)");
                        await Run(scenario, warmupCorpus);
                    }
                    var compiled = await JitSettling.DrainAsync(ct) - before;
                    progress.Say($"bench: warm-up round {round} compiled {compiled:N0} methods");
                    if (compiled < JitSettling.QuietRoundMethods)
                        break;
                }
            }

            // Interleaved (embedded, baseline, rabbitmq, embedded, ...) so a noisy neighbour hits every scenario alike,
            // and the baseline and rabbitmq runs that form each ratio are back to back.
            var results = order.ToDictionary(s => s, _ => new List<ScenarioResult>());
            for (var run = 1; run <= settings.Runs; run++)
            {
                foreach (var scenario in order)
                {
                    progress.Say($"bench: run {run}/{settings.Runs}: {scenario}");
                    StoreProbe.Stats.Clear();
                    var result = await Run(scenario, corpus);
                    results[scenario].Add(result);
                    progress.Say($"  {result.ToJson()}");
                    if (StoreProbe.Timing && !StoreProbe.Stats.IsEmpty)
                    {
                        foreach (var (method, (calls, ms)) in StoreProbe.Stats.OrderByDescending(s => s.Value.Ms))
                            progress.Say($"    store {method,-28} {calls,7} calls {ms,10:F0} ms {ms / calls,8:F2} ms/call {ms / result.Reports,8:F2} ms/report");
                    }
                }
            }

            foreach (var scenario in order)
                await Console.Out.WriteLineAsync(ScenarioResult.Median(results[scenario]).ToJson());
            if (results.TryGetValue(BenchSettings.RabbitMq, out var rabbit) && results.TryGetValue(BenchSettings.Baseline, out var raw))
            {
                var ratios = rabbit.Zip(raw, (r, b) => Math.Round(r.ReportsPerS / b.ReportsPerS, 3)).ToArray();
                var ratio = new Dictionary<string, object> { ["ratio_rabbitmq_to_baseline"] = Math.Round(ScenarioResult.MedianOf(ratios), 3) };
                if (ratios.Length > 1)
                    ratio["ratio_runs"] = ratios;
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(ratio, ScenarioResult.Json));
            }
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        finally
        {
            if (vhost is not null)
                await vhost.DisposeAsync();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
