using System.Diagnostics;

namespace Pipeline.Fetcher.Tests.Support;

internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(15)))
                throw new TimeoutException($"Timed out waiting for: {what}");
            await Task.Delay(25);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(15)))
                throw new TimeoutException($"Timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }
}
