using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Pipeline.Infrastructure.Storage.Sqlite;

/// <summary>
/// The connections of one process to the embedded file: one writer, fed by a queue so this process's
/// writes go in order (and share transactions: GroupCommitWriter) instead of polling SQLite's file lock
/// against each other, and a pool of readers, which in WAL mode never wait for a writer. Other processes' writers are waited for by
/// SQLite's busy handler up to the busy timeout, then the call fails with
/// <see cref="StoreUnavailableException"/> so the caller's retry policy takes over.
/// </summary>
internal sealed class SqliteConnections : IDisposable
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteNotADatabase = 26;

    private readonly string _connectionString;
    private readonly string _path;
    private readonly TimeSpan _busyTimeout;
    private readonly bool _syncEveryCommit;
    private readonly GroupCommitWriter _groups;
    private readonly ConcurrentBag<SqliteConnection> _readers = [];
    private SqliteConnection? _writer;
    private int _disposed;

    public SqliteConnections(string path, TimeSpan busyTimeout, bool syncEveryCommit)
    {
        _path = path;
        _busyTimeout = busyTimeout;
        _syncEveryCommit = syncEveryCommit;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Connections live as long as the store; SQLite's pool would only hide when files close.
            Pooling = false,
            // Microsoft.Data.Sqlite's own retry on SQLITE_BUSY, measured from the command's start: the
            // same budget as SQLite's busy handler below, so together they wait about the timeout once.
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
        _groups = new GroupCommitWriter(() => _writer ??= Open(), DropWriter, Translate, busyTimeout, () => Busy(null));
    }

    /// <summary>
    /// Runs a write on this process's one writer connection, after the writes queued before it, in a
    /// transaction shared with the writes queued beside it (<see cref="GroupCommitWriter"/>).
    /// </summary>
    /// <param name="alone">Outside any transaction: for statements SQLite refuses inside one (PRAGMA journal_mode).</param>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken, bool alone = false)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        return _groups.WriteAsync(write, alone, cancellationToken);
    }

    /// <summary>Runs a read on a pooled connection; in WAL mode it sees the last committed state and does not block writers.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        var connection = _readers.TryTake(out var pooled) ? pooled : Open();
        var healthy = false;
        try
        {
            var result = Translate(() => read(connection));
            healthy = true;
            return Task.FromResult(result);
        }
        finally
        {
            if (healthy && _disposed == 0)
                _readers.Add(connection);
            else
                connection.Dispose();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _groups.Dispose();
        _writer?.Dispose();
        while (_readers.TryTake(out var reader))
            reader.Dispose();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            Translate(() =>
            {
                connection.Open();
                using var pragmas = connection.CreateCommand();
                // NORMAL in WAL mode: a commit is in the log file when it returns, so it survives the
                // process being killed; only an OS crash or power cut can undo the last commits.
                // FULL also fsyncs every commit (Store:EmbeddedDurability=Full).
                pragmas.CommandText = string.Create(CultureInfo.InvariantCulture,
                    $"PRAGMA busy_timeout = {(long)_busyTimeout.TotalMilliseconds}; PRAGMA synchronous = {(_syncEveryCommit ? "FULL" : "NORMAL")};");
                pragmas.ExecuteNonQuery();
                return true;
            });
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private T Translate<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (SqliteException ex) when (Translate(ex) is var translated && translated != ex)
        {
            throw translated;
        }
    }

    private Exception Translate(Exception ex) => ex switch
    {
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => Busy(ex),
        SqliteException { SqliteErrorCode: SqliteNotADatabase } => new InvalidOperationException(
            $"'{_path}' is not a SQLite database. If it is a LiteDB file from an earlier version, set Store:Provider=LiteDb " +
            "to keep using it, or point Store:EmbeddedPath at a new file.", ex),
        _ => ex,
    };

    /// <summary>A write left the writer connection closed: the next write opens a fresh one.</summary>
    private void DropWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private StoreUnavailableException Busy(Exception? inner) => new(
        $"Embedded store '{_path}' stayed locked by another writer for {_busyTimeout.TotalSeconds:0.#} s.", inner);
}
