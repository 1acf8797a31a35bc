using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Pipeline.Infrastructure.Storage.Sqlite;

/// <summary>
/// This process's one writer, with group commit: writes queued while a transaction runs are applied
/// together in the next one, each inside its own savepoint. A write that throws rolls back to its
/// savepoint and fails alone; the others commit. Every caller's task completes only after the COMMIT
/// that holds its write, so an acknowledged write is as durable as before.
/// Why: in WAL mode every commit appends each page it touched (table and index pages, 4 KB apiece)
/// to the log, and the pipeline's stages write small rows into the same pages; one commit per write
/// made the writer the pipeline's bottleneck (docs/performance.md).
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    /// <summary>Most writes in one transaction, so a long queue still commits (and answers) in steps.</summary>
    public const int MaxGroup = 64;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<SqliteConnection> _connection;
    private readonly Action _connectionFailed;
    private readonly Func<Exception, Exception> _translate;
    private readonly TimeSpan _busyTimeout;
    private readonly Task _loop;

    /// <param name="connection">The writer connection (opened on demand by the owner).</param>
    /// <param name="connectionFailed">Called when a write left the connection unusable, so the owner reopens it.</param>
    /// <param name="translate">Maps SQLite errors to the store's exceptions (busy → <see cref="StoreUnavailableException"/>).</param>
    /// <param name="busy">The exception for a write that waited in this queue longer than the busy timeout.</param>
    public GroupCommitWriter(Func<SqliteConnection> connection, Action connectionFailed, Func<Exception, Exception> translate, TimeSpan busyTimeout, Func<Exception> busy)
    {
        _connection = connection;
        _connectionFailed = connectionFailed;
        _translate = translate;
        _busyTimeout = busyTimeout;
        Busy = busy;
        _loop = Task.Run(RunAsync);
    }

    private Func<Exception> Busy { get; }

    /// <summary>Queues a write for the next transaction.</summary>
    /// <param name="alone">Run outside any transaction (schema set-up: PRAGMA journal_mode cannot run inside one).</param>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, bool alone, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(db => write(db), alone, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(SqlitePipelineStore));
        return (T)(await pending.Done.Task.ConfigureAwait(false))!;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task RunAsync()
    {
        var group = new List<PendingWrite>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < MaxGroup && _queue.Reader.TryPeek(out var next) && (group.Count == 0 || !next.Alone))
            {
                _queue.Reader.TryRead(out _);
                if (next.Abandoned(_busyTimeout, Busy))
                    continue;
                group.Add(next);
                if (next.Alone)
                    break;
            }
            if (group.Count == 0)
                continue;
            try
            {
                if (group is [{ Alone: true } alone])
                    RunAlone(alone);
                else
                    RunGroup(group);
            }
            catch (Exception e)
            {
                // Both runners answer every write themselves; this only keeps the one loop alive whatever happens.
                foreach (var write in group)
                    write.Done.TrySetException(e);
            }
        }
        while (_queue.Reader.TryRead(out var left))
            left.Done.TrySetException(new ObjectDisposedException(nameof(SqlitePipelineStore)));
    }

    private void RunAlone(PendingWrite write)
    {
        SqliteConnection? db = null;
        try
        {
            db = _connection();
            write.Done.TrySetResult(write.Work(db));
        }
        catch (Exception e)
        {
            Fail(db, [write], e);
        }
    }

    private void RunGroup(List<PendingWrite> group)
    {
        var results = new object?[group.Count];
        var errors = new Exception?[group.Count];
        SqliteConnection? db = null;
        try
        {
            db = _connection();
            Execute(db, "BEGIN IMMEDIATE");
            for (var i = 0; i < group.Count; i++)
            {
                Execute(db, "SAVEPOINT write");
                try
                {
                    results[i] = group[i].Work(db);
                    Execute(db, "RELEASE write");
                }
                catch (Exception e)
                {
                    errors[i] = e;
                    if (!InTransaction(db))
                        throw; // SQLite rolled the whole transaction back (e.g. a full disk): nothing of the group stands
                    Execute(db, "ROLLBACK TO write");
                    Execute(db, "RELEASE write");
                }
            }
            Execute(db, "COMMIT");
        }
        catch (Exception e)
        {
            if (db is not null && db.State == System.Data.ConnectionState.Open && InTransaction(db))
            {
                try
                {
                    Execute(db, "ROLLBACK");
                }
                catch (SqliteException)
                {
                    // The connection is broken; it is reopened below.
                }
            }
            Fail(db, group, e);
            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            if (errors[i] is { } error)
                group[i].Done.TrySetException(_translate(error));
            else
                group[i].Done.TrySetResult(results[i]);
        }
    }

    private void Fail(SqliteConnection? db, IEnumerable<PendingWrite> writes, Exception e)
    {
        if (db is { State: not System.Data.ConnectionState.Open })
            _connectionFailed();
        var translated = _translate(e);
        foreach (var write in writes)
            write.Done.TrySetException(translated);
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static bool InTransaction(SqliteConnection db) => SQLitePCL.raw.sqlite3_get_autocommit(db.Handle) == 0;

    private sealed class PendingWrite(Func<SqliteConnection, object?> work, bool alone, CancellationToken cancellationToken)
    {
        private readonly long _queuedAt = Stopwatch.GetTimestamp();

        public Func<SqliteConnection, object?> Work { get; } = work;
        public bool Alone { get; } = alone;
        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>True (and the caller answered) when the caller gave up, or the write waited longer than the busy timeout.</summary>
        public bool Abandoned(TimeSpan busyTimeout, Func<Exception> busy)
        {
            if (cancellationToken.IsCancellationRequested)
                return Done.TrySetCanceled(cancellationToken) || true;
            if (Stopwatch.GetElapsedTime(_queuedAt) > busyTimeout)
                return Done.TrySetException(busy()) || true;
            return false;
        }
    }
}
