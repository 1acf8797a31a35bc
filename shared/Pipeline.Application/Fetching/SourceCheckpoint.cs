using Pipeline.Application.Fetching.Http;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Fetching;

/// <summary>
/// A source's <see cref="SourceState"/> while a poll runs. Callers save after each web item and in
/// batches for folders (<see cref="SaveIfDueAsync"/>), so a crash loses little and a restart resumes.
/// </summary>
internal sealed class SourceCheckpoint
{
    private const int FolderBatch = 50;

    private readonly IPipelineStore _store;
    private readonly TimeProvider _clock;
    private readonly int _maxSeen;
    private readonly int _maxFailed;
    private readonly Dictionary<string, HttpValidators> _validators;
    private readonly List<string> _seenOrder;
    private readonly HashSet<string> _seen;
    private readonly Dictionary<string, FileStamp> _files;
    private readonly List<FailedItem> _failed;
    private SourceState _state;
    private int _unsaved;

    private SourceCheckpoint(IPipelineStore store, SourceState state, int maxSeen, int maxFailed, TimeProvider clock)
    {
        _store = store;
        _state = state;
        _clock = clock;
        _maxSeen = maxSeen;
        _maxFailed = maxFailed;
        _validators = new Dictionary<string, HttpValidators>(state.Validators, StringComparer.Ordinal);
        _seenOrder = [.. state.SeenItems];
        _seen = new HashSet<string>(state.SeenItems, StringComparer.Ordinal);
        _files = new Dictionary<string, FileStamp>(state.Files, StringComparer.Ordinal);
        _failed = [.. state.FailedItems];
    }

    public static async Task<SourceCheckpoint> LoadAsync(IPipelineStore store, string source, int maxSeen, int maxFailed, TimeProvider clock, CancellationToken cancellationToken) =>
        new(store, await store.GetSourceStateAsync(source, cancellationToken).ConfigureAwait(false) ?? new SourceState { Source = source }, maxSeen, maxFailed, clock);

    public SourceState State => _state;

    public HttpValidators? ValidatorsFor(Uri url) => _validators.GetValueOrDefault(SafeUrl.Display(url));

    public void SetValidators(Uri url, HttpValidators? validators)
    {
        if (validators is null)
            _validators.Remove(SafeUrl.Display(url));
        else
            _validators[SafeUrl.Display(url)] = validators;
        _unsaved++;
    }

    public bool HasSeen(string key) => _seen.Contains(key);

    public void MarkSeen(string key)
    {
        if (!_seen.Add(key))
            return;
        _seenOrder.Add(key);
        if (_seenOrder.Count > _maxSeen)
        {
            // Forget the oldest: feeds list their newest items, so those are not offered again.
            foreach (var old in _seenOrder.Take(_seenOrder.Count - _maxSeen))
                _seen.Remove(old);
            _seenOrder.RemoveRange(0, _seenOrder.Count - _maxSeen);
        }
        _unsaved++;
    }

    public FileStamp? FileStampOf(string path) => _files.GetValueOrDefault(path);

    public void SetFile(string path, FileStamp stamp)
    {
        _files[path] = stamp;
        _unsaved++;
    }

    /// <summary>Drops stamps of files that are gone, so the state does not grow with deleted files.</summary>
    public void KeepFiles(IReadOnlySet<string> present)
    {
        foreach (var gone in _files.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _files.Remove(gone);
            _unsaved++;
        }
    }

    /// <summary>
    /// Remembers a document given up on for good, replacing an earlier entry for it; past the bound,
    /// the oldest entries are forgotten. A reason that starts with the item's own name drops it.
    /// </summary>
    public void RecordFailure(string item, string reason)
    {
        if (reason.StartsWith(item + ": ", StringComparison.Ordinal))
            reason = reason[(item.Length + 2)..];
        _failed.RemoveAll(f => f.Item == item);
        _failed.Add(new FailedItem(item, reason, _clock.GetUtcNow()));
        if (_failed.Count > _maxFailed)
            _failed.RemoveRange(0, _failed.Count - _maxFailed);
        _unsaved++;
    }

    /// <summary>The document was fetched fine: it is no longer one given up on.</summary>
    public void ClearFailure(string item)
    {
        if (_failed.RemoveAll(f => f.Item == item) > 0)
            _unsaved++;
    }

    public Task SaveIfDueAsync(CancellationToken cancellationToken) =>
        _unsaved >= FolderBatch ? SaveAsync(cancellationToken) : Task.CompletedTask;

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_unsaved == 0)
            return;
        await WriteAsync(_state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records how the poll ended and saves everything.</summary>
    public Task CompleteAsync(string? error, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var ended = _state with
        {
            LastPolledAt = now,
            LastSucceededAt = error is null ? now : _state.LastSucceededAt,
            LastError = error,
            LastErrorAt = error is null ? _state.LastErrorAt : now,
            ConsecutiveFailures = error is null ? 0 : _state.ConsecutiveFailures + 1,
        };
        return WriteAsync(ended, cancellationToken);
    }

    private async Task WriteAsync(SourceState state, CancellationToken cancellationToken)
    {
        var snapshot = state with
        {
            Validators = new Dictionary<string, HttpValidators>(_validators, StringComparer.Ordinal),
            SeenItems = [.. _seenOrder],
            Files = new Dictionary<string, FileStamp>(_files, StringComparer.Ordinal),
            FailedItems = [.. _failed],
            UpdatedAt = _clock.GetUtcNow(),
        };
        await _store.SaveSourceStateAsync(snapshot, cancellationToken).ConfigureAwait(false);
        _state = snapshot;
        _unsaved = 0;
    }
}
