namespace Pipeline.Cli;

/// <summary>Destructive commands ask the operator to type the target's name, unless --yes was given.</summary>
internal static class Confirmation
{
    public static async Task<bool> ConfirmAsync(string what, string expected, bool yes)
    {
        if (yes)
            return true;
        if (Console.IsInputRedirected)
        {
            await Console.Error.WriteLineAsync($"error: {what} needs confirmation; no terminal to ask on. Re-run with --yes.");
            return false;
        }
        await Console.Error.WriteAsync($"{what}. Type '{expected}' to confirm: ");
        var answer = Console.ReadLine();
        if (answer?.Trim() == expected)
            return true;
        await Console.Error.WriteLineAsync("Not confirmed; nothing changed.");
        return false;
    }
}
