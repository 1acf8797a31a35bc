using System.Collections.Concurrent;

namespace Pipeline.Infrastructure.Storage.Sqlite;

/// <summary>
/// Decoded rows, kept by id with the exact JSON text they were decoded from: a row read again with the
/// same text (another process may have changed it; the text says) is the same immutable record, without
/// deserializing it again. The deduplicator reads each candidate campaign, and the publisher each member
/// report, far more often than they change; decoding them was a tenth of the pipeline's CPU.
/// Bounded: past its capacity it starts afresh rather than tracking recency.
/// </summary>
internal sealed class RowCache<T>(int capacity) where T : class
{
    private readonly ConcurrentDictionary<string, Row> _rows = new(StringComparer.Ordinal);

    private sealed record Row(string Json, T Value);

    public T Decode(string id, string json)
    {
        if (_rows.TryGetValue(id, out var row) && string.Equals(row.Json, json, StringComparison.Ordinal))
            return row.Value;
        var value = StoreJson.Deserialize<T>(json);
        if (_rows.Count >= capacity)
            _rows.Clear();
        _rows[id] = new Row(json, value);
        return value;
    }
}
