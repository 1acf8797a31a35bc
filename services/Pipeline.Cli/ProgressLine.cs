namespace Pipeline.Cli;

/// <summary>
/// One progress line on stderr: redrawn in place on a terminal, printed at most every few seconds when
/// redirected (CI logs), so long runs show movement without flooding.
/// </summary>
internal sealed class ProgressLine(TextWriter writer)
{
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private DateTime _lastPrinted = DateTime.MinValue;
    private string _last = "";

    public void Show(string text)
    {
        if (text == _last)
            return;
        _last = text;
        if (_interactive)
        {
            writer.Write("\r" + text.PadRight(Math.Max(Console.WindowWidth - 1, text.Length)));
        }
        else if (DateTime.UtcNow - _lastPrinted > TimeSpan.FromSeconds(5))
        {
            writer.WriteLine("  " + text);
            _lastPrinted = DateTime.UtcNow;
        }
    }

    public void Done(string text)
    {
        if (!_interactive && text == _last)
            return; // already printed as the last progress line
        writer.WriteLine(_interactive ? "\r" + text.PadRight(Math.Max(Console.WindowWidth - 1, text.Length)) : "  " + text);
        _last = "";
    }
}
