namespace Pipeline.Application.Fetching;

/// <summary>"Fetch:Http": how politely and how persistently hosts are asked. Applies per host (URL authority).</summary>
public sealed class FetchHttpOptions
{
    /// <summary>One attempt, until the response headers arrive.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>All attempts of one request, retries and their waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Reading a response body once its headers arrived (a trickling body is given up).</summary>
    public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after a transient failure (5xx, 408, 429, connection error, attempt timeout); 0 disables them.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff; doubles per retry, with jitter. A Retry-After header replaces it.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest Retry-After honoured; a host asking for more is not retried this poll.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Least time between two requests to one host (token bucket of one); zero: no limit.</summary>
    public TimeSpan PerHostRequestInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Circuit breaker per host: opens when this share of the sampled requests failed...</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>...and at least this many were sampled...</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>...then fails fast for this long before letting one request probe the host.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Redirect hops followed; each hop is checked like the first request.</summary>
    public int MaxRedirects { get; set; } = 5;
}
