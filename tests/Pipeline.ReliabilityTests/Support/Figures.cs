using System.Text.Json;

namespace Pipeline.ReliabilityTests.Support;

/// <summary>
/// What one fault test sent and what became of it, for the closing note: printed to the test output
/// and appended as a JSON line to $PIPELINE_RELIABILITY_FIGURES (default: reliability-figures.jsonl in
/// the temp folder).
/// </summary>
internal sealed record FaultFigures(
    string Fault,
    int Sent,
    long Stored,
    long Failed,
    long Replayed,
    long ErrorQueue,
    long Campaigns,
    double Seconds,
    string Notes = "")
{
    public const string FileVariable = "PIPELINE_RELIABILITY_FIGURES";

    public void Report(ITestOutputHelper output)
    {
        output.WriteLine($"FIGURES {Fault}: sent={Sent} stored={Stored} failed={Failed} replayed={Replayed} " +
                         $"error_queue={ErrorQueue} campaigns={Campaigns} duration={Seconds:0.0}s {Notes}".TrimEnd());
        var file = Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(Path.GetTempPath(), "reliability-figures.jsonl");
        try
        {
            lock (typeof(FaultFigures))
                File.AppendAllText(file, JsonSerializer.Serialize(this) + "\n");
        }
        catch (IOException e)
        {
            output.WriteLine($"(figures not appended to {file}: {e.Message})");
        }
    }
}
