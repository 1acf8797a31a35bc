using Pipeline.Application.Fetching;

namespace Pipeline.Cli.Bench;

/// <summary>
/// How the bench feeds a scenario: as many lanes as the fetcher polls sources at once
/// (Fetch:MaxConcurrentSources), each lane handing its documents over one after the other, as a
/// source's poller does. The baseline publishes through the same lanes.
/// </summary>
internal static class FetchLanes
{
    public static readonly int Count = new FetchOptions().MaxConcurrentSources;

    public static int LaneOf(int document) => document % Count;

    /// <summary>Runs <paramref name="handOver"/> for every document, lane by lane in order, the lanes side by side.</summary>
    public static Task RunAsync(int documents, Func<int, CancellationToken, Task> handOver, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, Count).Select(lane => Task.Run(async () =>
        {
            for (var i = lane; i < documents; i += Count)
                await handOver(i, ct);
        }, ct)));
}
