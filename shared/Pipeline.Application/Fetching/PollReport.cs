namespace Pipeline.Application.Fetching;

/// <summary>How one poll of one source went. <see cref="Error"/> is also saved as the source's LastError.</summary>
public sealed record PollReport(
    string Source,
    int New,
    int Known,
    int Rejected,
    int Unchanged,
    int Failed,
    string? Error,
    TimeSpan Elapsed)
{
    public bool Succeeded => Error is null;

    public bool Quiet => New == 0 && Rejected == 0 && Failed == 0 && Error is null;

    public override string ToString() =>
        $"{New} new, {Known} already stored, {Rejected} rejected, {Unchanged} unchanged, {Failed} failed in {Elapsed.TotalSeconds:0.0} s"
        + (Error is null ? "" : $"; {Error}");
}

/// <summary>Counts kept while a poll runs.</summary>
internal sealed class PollTally
{
    public int New { get; private set; }
    public int Known { get; private set; }
    public int Rejected { get; private set; }
    public int Unchanged { get; set; }
    public int Failed { get; private set; }
    public string? FirstItemError { get; private set; }

    public void Count(IngestOutcome outcome)
    {
        switch (outcome)
        {
            case IngestOutcome.New: New++; break;
            case IngestOutcome.AlreadyKnown: Known++; break;
            case IngestOutcome.Rejected: Rejected++; break;
        }
    }

    public void Fail(string error)
    {
        Failed++;
        FirstItemError ??= error;
    }

    /// <summary>A source-level error wins; otherwise item failures make the poll a failed one too.</summary>
    public string? ErrorOr(string? sourceError) =>
        sourceError ?? (Failed == 0 ? null : Failed == 1 ? FirstItemError : $"{Failed} items failed; first: {FirstItemError}");

    public PollReport ToReport(string source, string? error, TimeSpan elapsed) =>
        new(source, New, Known, Rejected, Unchanged, Failed, error, elapsed);
}
