using Pipeline.Infrastructure.Tests.Storage;

namespace Pipeline.Infrastructure.Tests;

/// <summary>
/// Not used by the test runner. Tests start this assembly as a separate process for
/// multi-process scenarios (see <see cref="EmbeddedChildWriter"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [EmbeddedChildWriter.Verb, var path, var prefix])
            return await EmbeddedChildWriter.RunAsync(path, prefix);
        await Console.Error.WriteLineAsync($"usage: {EmbeddedChildWriter.Verb} <store file> <id prefix>");
        return 2;
    }
}
