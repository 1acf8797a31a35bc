using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Infrastructure.Storage.Sqlite;

/// <summary>
/// Decoded rows, kept by id: a row read again unchanged is the same immutable record, without reading or
/// deserializing it again. The deduplicator reads each candidate campaign, and the publisher each member
/// report, far more often than they change; decoding them was a tenth of the pipeline's CPU.
/// Two ways to know a row is unchanged: its exact JSON text (campaigns: the text is small, read anyway),
/// or its revision, a random number every write of the row stores beside it (reports: the query leaves
/// the JSON unread when the revision matches, and a row this process wrote is remembered as written).
/// Another process's write changes the text or the revision, so the cache is never stale across processes.
/// Bounded: about <c>capacity</c> rows in two generations, rows not used lately dropped first.
/// </summary>
internal sealed class RowCache<T>(int capacity) where T : class
{
    // Two generations, a cheap approximation of least-recently-used: rows go into the young one; when it
    // holds half the capacity it becomes the old one and the previous old one is dropped. A row found in
    // the old generation moves back to the young one, so rows in use survive and a working set near the
    // capacity does not start from nothing at every turnover.
    private ConcurrentDictionary<string, Row> _young = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, Row> _old = new(StringComparer.Ordinal);
    private int _youngCount;
    private readonly Lock _turnover = new();

    /// <summary>Json is null for a row known by revision.</summary>
    private sealed record Row(string? Json, long Revision, T Value);

    /// <summary>The record <paramref name="json"/> decodes to, from memory when it was decoded from this exact text before.</summary>
    public T Decode(string id, string json)
    {
        if (Find(id) is { } row && string.Equals(row.Json, json, StringComparison.Ordinal))
            return row.Value;
        var value = StoreJson.Deserialize<T>(json);
        Add(id, new Row(json, 0, value));
        return value;
    }

    /// <summary>The revision of the row held for <paramref name="id"/>, if one is held by revision.</summary>
    public long? KnownRevision(string id) => Find(id) is { Json: null } row ? row.Revision : null;

    /// <summary>The record held for this id at this revision.</summary>
    public bool TryGet(string id, long revision, [NotNullWhen(true)] out T? value)
    {
        value = Find(id) is { Json: null } row && row.Revision == revision ? row.Value : null;
        return value is not null;
    }

    /// <summary>The record <paramref name="json"/> (the row at <paramref name="revision"/>) decodes to, from memory when held.</summary>
    public T Decode(string id, long revision, string json)
    {
        if (TryGet(id, revision, out var held))
            return held;
        var value = StoreJson.Deserialize<T>(json);
        Add(id, new Row(null, revision, value));
        return value;
    }

    /// <summary>A row this process has just written, so the next reader need not read it back.</summary>
    public void Remember(string id, long revision, T value) => Add(id, new Row(null, revision, value));

    private Row? Find(string id)
    {
        if (_young.TryGetValue(id, out var row))
            return row;
        if (!_old.TryGetValue(id, out row))
            return null;
        Add(id, row, replace: false); // in use: keep it through the next turnover (never over a newer row)
        return row;
    }

    private void Add(string id, Row row, bool replace = true)
    {
        var young = _young;
        if (young.TryAdd(id, row))
        {
            if (Interlocked.Increment(ref _youngCount) >= Math.Max(1, capacity / 2))
                TurnOver(young);
        }
        else if (replace)
        {
            young[id] = row;
        }
    }

    private void TurnOver(ConcurrentDictionary<string, Row> full)
    {
        lock (_turnover)
        {
            if (!ReferenceEquals(_young, full))
                return; // another thread turned it over already
            _old = full;
            _young = new ConcurrentDictionary<string, Row>(StringComparer.Ordinal);
            _youngCount = 0;
        }
    }
}
