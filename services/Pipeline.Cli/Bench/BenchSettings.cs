namespace Pipeline.Cli.Bench;

/// <summary>What `pipeline bench` was asked to do.</summary>
internal sealed record BenchSettings(
    int Reports,
    int SizeKb,
    IReadOnlySet<string> Scenarios,
    string RabbitMqUri,
    string? VirtualHost,
    int Runs,
    int Warmup,
    int MaxWarmupRounds,
    TimeSpan Timeout,
    bool Verbose)
{
    public const string Embedded = "embedded";
    public const string RabbitMq = "rabbitmq";
    public const string Baseline = "baseline";
    public static readonly IReadOnlyList<string> AllScenarios = [Embedded, Baseline, RabbitMq];

    public bool NeedsBroker => Scenarios.Contains(RabbitMq) || Scenarios.Contains(Baseline);
}
