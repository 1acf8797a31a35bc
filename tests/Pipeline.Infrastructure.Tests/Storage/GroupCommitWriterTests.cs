using Microsoft.Data.Sqlite;
using Pipeline.Infrastructure.Storage.Sqlite;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>
/// Group commit (<see cref="GroupCommitWriter"/>): writes queued while a transaction runs share the next
/// one, yet each stands or falls alone, and a caller hears back only after the commit holding its write.
/// </summary>
public sealed class GroupCommitWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("group-commit-").FullName;
    private readonly SqliteConnection _connection;
    private readonly GroupCommitWriter _writer;

    public GroupCommitWriterTests()
    {
        _connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "writes.sqlite")};Pooling=False");
        _connection.Open();
        Execute(_connection, "PRAGMA journal_mode = WAL; CREATE TABLE rows (name TEXT PRIMARY KEY);");
        _writer = new GroupCommitWriter(() => _connection, () => { }, e => e, TimeSpan.FromSeconds(30), () => new TimeoutException("busy"));
    }

    [Fact]
    public async Task A_write_that_throws_in_a_group_is_undone_alone_and_the_others_commit_together()
    {
        // Hold the writer inside a first write, so the next three queue up and run as one group.
        using var holding = new ManualResetEventSlim();
        using var held = new ManualResetEventSlim();
        var first = _writer.WriteAsync(db => { held.Set(); holding.Wait(); return Insert(db, "first"); }, alone: false, CancellationToken.None);
        Assert.True(held.Wait(TimeSpan.FromSeconds(30)));

        var before = _writer.WriteAsync(db => Insert(db, "before"), alone: false, CancellationToken.None);
        var failing = _writer.WriteAsync<int>(db =>
        {
            Insert(db, "half-done");
            throw new InvalidOperationException("this write fails after writing a row");
        }, alone: false, CancellationToken.None);
        var after = _writer.WriteAsync(db => Insert(db, "after"), alone: false, CancellationToken.None);
        using var cancelled = new CancellationTokenSource();
        var abandoned = _writer.WriteAsync(db => Insert(db, "abandoned"), alone: false, cancelled.Token);
        await cancelled.CancelAsync();
        Assert.False(before.IsCompleted, "a queued write answered before its transaction committed");
        holding.Set();

        Assert.Equal(1, await first);
        Assert.Equal(1, await before);
        Assert.Equal(1, await after);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Contains("fails after writing", error.Message);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        using var reader = new SqliteConnection(_connection.ConnectionString);
        reader.Open();
        Assert.Equal(["after", "before", "first"], Names(reader));
    }

    [Fact]
    public async Task A_write_run_alone_runs_outside_any_transaction()
    {
        var autocommit = await _writer.WriteAsync(db => SQLitePCL.raw.sqlite3_get_autocommit(db.Handle), alone: true, CancellationToken.None);
        var inGroup = await _writer.WriteAsync(db => SQLitePCL.raw.sqlite3_get_autocommit(db.Handle), alone: false, CancellationToken.None);

        Assert.NotEqual(0, autocommit); // PRAGMA journal_mode and the schema need this
        Assert.Equal(0, inGroup);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static int Insert(SqliteConnection db, string name)
    {
        using var command = db.CreateCommand();
        command.CommandText = "INSERT INTO rows (name) VALUES ($name)";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Names(SqliteConnection db)
    {
        using var command = db.CreateCommand();
        command.CommandText = "SELECT name FROM rows ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }
}
