namespace LineGov.Jpki;

/// <summary>
/// Good and revoked answers by CertID, each kept until it expires (its nextUpdate, capped), least recently used
/// evicted first when full. Thread-safe; every operation is O(1) under one short lock.
/// </summary>
internal sealed class OcspResponseCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries;
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    public OcspResponseCache(int capacity)
    {
        _capacity = capacity;
        _entries = new Dictionary<string, LinkedListNode<Entry>>(Math.Min(capacity, 1024), StringComparer.Ordinal);
    }

    public bool Enabled => _capacity > 0;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string key, DateTimeOffset now, out JpkiRevocationStatus status)
    {
        if (Enabled)
        {
            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var node))
                {
                    if (now < node.Value.ExpiresAt)
                    {
                        _recency.Remove(node);
                        _recency.AddFirst(node);
                        status = node.Value.Status;
                        return true;
                    }

                    _entries.Remove(key);
                    _recency.Remove(node);
                }
            }
        }

        status = null!;
        return false;
    }

    public void Set(string key, JpkiRevocationStatus status, DateTimeOffset expiresAt)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
                _entries.Remove(key);
            }

            while (_entries.Count >= _capacity && _recency.Last is { } oldest)
            {
                _entries.Remove(oldest.Value.Key);
                _recency.RemoveLast();
            }

            _entries[key] = _recency.AddFirst(new Entry(key, status, expiresAt));
        }
    }

    private sealed record Entry(string Key, JpkiRevocationStatus Status, DateTimeOffset ExpiresAt);
}
