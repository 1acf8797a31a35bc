using System.ComponentModel.DataAnnotations;

namespace Pipeline.Infrastructure.Messaging;

public enum BusTransport
{
    /// <summary>Everything in one process; nothing to install.</summary>
    InMemory,
    RabbitMq,
}

/// <summary>Configuration section "Bus".</summary>
public sealed class BusOptions : IValidatableObject
{
    public const string Section = "Bus";

    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    /// <summary>amqp://user:password@host:port/vhost. Required for RabbitMq.</summary>
    public string? RabbitMqUri { get; set; }

    /// <summary>Messages each consumer may process at once.</summary>
    [Range(1, 256)]
    public int ConcurrentMessageLimit { get; set; } = 8;

    /// <summary>Immediate retries for transient failures before the message goes to the _error queue.</summary>
    [Range(0, 20)]
    public int RetryLimit { get; set; } = 5;

    /// <summary>
    /// Store-outage breaker (<see cref="StoreOutageBreaker"/>): once more than this many consume attempts were
    /// attempted in the current <see cref="BreakerTrackingPeriod"/>, the endpoint can trip.
    /// </summary>
    [Range(1, 100_000)]
    public int BreakerActivationThreshold { get; set; } = 5;

    /// <summary>Percentage of attempts in the period failing with the store unavailable that trips the breaker.</summary>
    [Range(1, 100)]
    public int BreakerTripThreshold { get; set; } = 20;

    /// <summary>Window over which attempts and failures are counted (then reset).</summary>
    public TimeSpan BreakerTrackingPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a tripped endpoint stops consuming (its messages wait in the queue) before it tries again.</summary>
    public TimeSpan BreakerRestartTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BreakerTrackingPeriod < TimeSpan.FromSeconds(1) || BreakerTrackingPeriod > TimeSpan.FromHours(1))
            yield return new ValidationResult($"Bus:BreakerTrackingPeriod must be between 1 s and 1 h (got {BreakerTrackingPeriod}).", [nameof(BreakerTrackingPeriod)]);
        if (BreakerRestartTimeout < TimeSpan.FromSeconds(1) || BreakerRestartTimeout > TimeSpan.FromHours(1))
            yield return new ValidationResult($"Bus:BreakerRestartTimeout must be between 1 s and 1 h (got {BreakerRestartTimeout}).", [nameof(BreakerRestartTimeout)]);
        if (Transport != BusTransport.RabbitMq)
            yield break;
        if (string.IsNullOrWhiteSpace(RabbitMqUri))
            yield return new ValidationResult("Bus:RabbitMqUri is required when Bus:Transport is RabbitMq (e.g. amqp://guest:guest@localhost:5672/).", [nameof(RabbitMqUri)]);
        else if (!Uri.TryCreate(RabbitMqUri, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps" && uri.Scheme != "rabbitmq"))
            yield return new ValidationResult($"Bus:RabbitMqUri '{Redact(RabbitMqUri)}' is not an amqp:// or amqps:// URI.", [nameof(RabbitMqUri)]);
    }

    /// <summary>The URI with any password replaced, for logs and errors.</summary>
    public static string Redact(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.UserInfo.Contains(':')
            ? uri.Replace(parsed.UserInfo, parsed.UserInfo.Split(':')[0] + ":***", StringComparison.Ordinal)
            : uri;
}
