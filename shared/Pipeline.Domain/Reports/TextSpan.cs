namespace Pipeline.Domain.Reports;

/// <summary>A character range in a report's plain text: where an extracted value came from.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public string Slice(string text) => text.Substring(Start, Math.Min(Length, text.Length - Start));
}
