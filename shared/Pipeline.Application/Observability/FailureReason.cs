namespace Pipeline.Application.Observability;

/// <summary>
/// Turns a failure into a short, bounded metric tag. Free-text reasons keep only a code-like prefix
/// ("unreadable PDF: xref at 1234" → "unreadable_pdf"); anything else (numbers, paths, sentences) is
/// "other", so a metric never gets one series per document.
/// </summary>
public static class FailureReason
{
    public const string Other = "other";

    public static string Of(Exception exception) => exception.GetType().Name;

    public static string Of(string? reason)
    {
        var head = (reason ?? "").Split(':', 2)[0].Trim();
        var words = head.Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 1 and <= 4 && words.All(w => w.All(char.IsAsciiLetter)) && head.Length is >= 3 and <= 40
            ? string.Join('_', words).ToLowerInvariant()
            : Other;
    }
}
