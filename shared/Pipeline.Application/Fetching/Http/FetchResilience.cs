using System.Net;
using System.Net.Http;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Pipeline.Application.Fetching.Http;

/// <summary>
/// The Polly pipeline every fetch request runs through, one instance per host (authority), so one
/// slow or failing host neither throttles nor trips the others. Outer to inner: total timeout →
/// retry (jittered exponential backoff, or the host's Retry-After) → rate limiter (every attempt
/// waits its turn) → circuit breaker → attempt timeout.
/// </summary>
internal static class FetchResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var http = context.ServiceProvider.GetRequiredService<IOptions<FetchOptions>>().Value.Http;
        var clock = context.ServiceProvider.GetRequiredService<TimeProvider>();

        builder.TimeProvider = clock; // timeouts, backoff and the breaker run on the fetcher's clock
        builder.AddTimeout(http.TotalTimeout);
        if (http.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = http.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = http.RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && RetryAfter.Within(args.Outcome.Result, http.MaxRetryAfter, clock)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.Of(args.Outcome.Result, clock)),
            });
        }
        if (http.PerHostRequestInterval > TimeSpan.Zero)
        {
            var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = http.PerHostRequestInterval,
                QueueLimit = 10_000, // wait for a turn rather than fail
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
            context.OnPipelineDisposed(limiter.Dispose);
            builder.AddRateLimiter(limiter);
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = http.BreakerFailureRatio,
            MinimumThroughput = http.BreakerMinimumThroughput,
            SamplingDuration = http.BreakerSamplingDuration,
            BreakDuration = http.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
        });
        builder.AddTimeout(http.AttemptTimeout);
    }

    /// <summary>Worth another attempt: the host or the path to it may recover. A refused address never does.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException e } => e.InnerException is not NetworkRefusedException,
        { Exception: TimeoutRejectedException } => true,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
