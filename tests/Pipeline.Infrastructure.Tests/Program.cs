using Pipeline.Infrastructure.Tests.Storage;

namespace Pipeline.Infrastructure.Tests;

/// <summary>
/// Not used by the test runner. Tests start this assembly as a separate process for
/// multi-process scenarios (see <see cref="ChildStoreWriter"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [ChildStoreWriter.Verb, var provider, var path, var prefix])
            return await ChildStoreWriter.RunAsync(provider, path, prefix);
        await Console.Error.WriteLineAsync($"usage: {ChildStoreWriter.Verb} <Embedded|LiteDb> <store file> <id prefix>");
        return 2;
    }
}
