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
/// Bounded: past its capacity it starts afresh rather than tracking recency.
/// </summary>
internal sealed class RowCache<T>(int capacity) where T : class
{
    private readonly ConcurrentDictionary<string, Row> _rows = new(StringComparer.Ordinal);

    /// <summary>Json is null for a row known by revision.</summary>
    private sealed record Row(string? Json, long Revision, T Value);

    /// <summary>The record <paramref name="json"/> decodes to, from memory when it was decoded from this exact text before.</summary>
    public T Decode(string id, string json)
    {
        if (_rows.TryGetValue(id, out var row) && string.Equals(row.Json, json, StringComparison.Ordinal))
            return row.Value;
        var value = StoreJson.Deserialize<T>(json);
        Add(id, new Row(json, 0, value));
        return value;
    }

    /// <summary>The revision of the row held for <paramref name="id"/>, if one is held by revision.</summary>
    public long? KnownRevision(string id) => _rows.TryGetValue(id, out var row) && row.Json is null ? row.Revision : null;

    /// <summary>The record held for this id at this revision.</summary>
    public bool TryGet(string id, long revision, [NotNullWhen(true)] out T? value)
    {
        value = _rows.TryGetValue(id, out var row) && row.Json is null && row.Revision == revision ? row.Value : null;
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

    private void Add(string id, Row row)
    {
        if (_rows.Count >= capacity)
            _rows.Clear();
        _rows[id] = row;
    }
}
