namespace Pipeline.Application.Fetching.Http;

/// <summary>
/// A request that did not produce a usable response. <see cref="Permanent"/> failures (refused
/// address, 404, bad redirect) will fail the same way next time; transient ones (5xx after retries,
/// timeouts, open circuit) are tried again next poll. Messages never contain credentials.
/// </summary>
public sealed class FetchException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
