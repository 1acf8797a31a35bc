using System.Text.Json;

namespace Pipeline.Infrastructure.Tests.Storage;

internal static class StoreAssert
{
    // Independent of the stores' own serializer settings (PascalCase, no enum strings), so a
    // property the store's settings silently dropped would still differ here.
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>Deep equality of records whose lists and dictionaries compare by reference.</summary>
    public static void Same<T>(T expected, T? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(JsonSerializer.Serialize(expected, Options), JsonSerializer.Serialize(actual, Options));
    }
}
