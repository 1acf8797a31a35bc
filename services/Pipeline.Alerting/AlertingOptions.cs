namespace Pipeline.Alerting;

/// <summary>Configuration section "Alerting", validated when the host starts.</summary>
public sealed class AlertingOptions
{
    public const string Section = "Alerting";

    /// <summary>Where alerts are POSTed (http or https). Required; it often carries a token, so keep it in a secret.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// ISO 3166-1 alpha-2 codes, comma-separated (env-friendly: <c>Alerting__Countries=IR,RU</c>). An event
    /// passes when the campaign's origin or target countries include one. Empty: every country.
    /// </summary>
    public string? Countries { get; set; }

    /// <summary>Export platform keys, comma-separated (e.g. <c>facebook,telegram</c>). Empty: every platform.</summary>
    public string? Platforms { get; set; }

    /// <summary>How long one POST may take before it counts as failed (and is retried).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    internal static IReadOnlyList<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
