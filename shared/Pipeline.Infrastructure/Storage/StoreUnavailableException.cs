namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// The store could not be reached in time (embedded file held by another process past the busy
/// timeout, MongoDB unreachable). Transient: retry policies should retry it; nothing was written.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
