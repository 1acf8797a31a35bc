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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
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
