using System.Net.Http;

namespace Pipeline.Application.Fetching.Http;

/// <summary>The Retry-After header (seconds or an HTTP date), relative to the fetcher's clock.</summary>
internal static class RetryAfter
{
    public static TimeSpan? Of(HttpResponseMessage? response, TimeProvider clock)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>False when the host asked to wait longer than we are willing to hold a poll.</summary>
    public static bool Within(HttpResponseMessage? response, TimeSpan max, TimeProvider clock) =>
        Of(response, clock) is not { } wait || wait <= max;
}
