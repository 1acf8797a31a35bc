using System.Collections.Concurrent;

namespace Pipeline.Infrastructure.Storage.LiteDb;

/// <summary>
/// Exclusive access to one embedded store file, across threads and processes, with a busy timeout.
/// LiteDB's own shared-mode mutex waits forever for a live holder (measured: its Timeout setting
/// does not apply), so every operation first takes this lock: an OS file lock on "&lt;file&gt;.lock",
/// which the kernel releases when a holder dies (kill -9 leaves nothing to clean up).
/// Threads of one process queue on a semaphore first, so they do not poll against each other.
/// Needs .NET's file locking on (it is unless DOTNET_SYSTEM_IO_DISABLEFILELOCKING is set) and a
/// local file system: processes in different containers share the file only through one volume.
/// </summary>
internal sealed class LiteDbFileLock
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ProcessGates = new(StringComparer.Ordinal);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(50);

    private readonly string _lockPath;
    private readonly SemaphoreSlim _processGate;
    private readonly TimeSpan _busyTimeout;

    public LiteDbFileLock(string databasePath, TimeSpan busyTimeout)
    {
        _lockPath = databasePath + ".lock";
        _processGate = ProcessGates.GetOrAdd(_lockPath, _ => new SemaphoreSlim(1, 1));
        _busyTimeout = busyTimeout;
    }

    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _busyTimeout;
        if (!await _processGate.WaitAsync(_busyTimeout, cancellationToken).ConfigureAwait(false))
            throw Busy(null);
        try
        {
            var backoff = TimeSpan.FromMilliseconds(1);
            while (true)
            {
                try
                {
                    // FileShare.None takes flock(LOCK_EX) on Unix and a sharing lock on Windows.
                    var file = new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None,
                        bufferSize: 1, FileOptions.None);
                    return new Held(file, _processGate);
                }
                catch (IOException ex) when (IsHeldByOther(ex))
                {
                    if (DateTime.UtcNow + backoff > deadline)
                        throw Busy(ex);
                    await Task.Delay(backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(3)), cancellationToken)
                        .ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
            }
        }
        catch
        {
            _processGate.Release();
            throw;
        }
    }

    // Anything else (missing folder, permissions) is not contention and must surface as is.
    private static bool IsHeldByOther(IOException ex) =>
        ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException;

    private StoreUnavailableException Busy(Exception? inner) => new(
        $"Embedded store '{_lockPath[..^5]}' stayed locked by another process or thread for {_busyTimeout.TotalSeconds:0.#} s.",
        inner);

    private sealed class Held(FileStream file, SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
                return;
            try { file.Dispose(); }
            finally { gate.Release(); }
        }
    }
}
