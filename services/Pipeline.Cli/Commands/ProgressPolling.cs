namespace Pipeline.Cli.Commands;

/// <summary>
/// How long to wait between reads of the store for progress. A progress read covers every report of
/// the run, so it grows with the run: pausing four times as long as the last read took keeps polling
/// under a fifth of the store's time however large the folder, while small runs still update every 100 ms.
/// </summary>
internal static class ProgressPolling
{
    private static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Maximum = TimeSpan.FromSeconds(2);

    public static TimeSpan Pause(TimeSpan lastRead) =>
        TimeSpan.FromTicks(Math.Clamp(lastRead.Ticks * 4, Minimum.Ticks, Maximum.Ticks));
}
