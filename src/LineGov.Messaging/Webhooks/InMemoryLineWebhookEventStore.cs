namespace LineGov.Messaging.Webhooks;

/// <summary>
/// An <see cref="ILineWebhookEventStore"/> in process memory: bounded (the oldest ids are forgotten first) and each id
/// forgotten after a retention period. Thread-safe. It does not survive a restart and is not shared between
/// instances: for those, implement the interface over a shared store.
/// </summary>
public sealed class InMemoryLineWebhookEventStore : ILineWebhookEventStore
{
    /// <summary>The default number of ids remembered.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset Expiry)> _order = new();
    private readonly int _capacity;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the store.</summary>
    /// <param name="capacity">How many ids to remember at most; beyond it the oldest are forgotten. Default <see cref="DefaultCapacity"/>.</param>
    /// <param name="retention">How long an id is remembered. Default <see cref="DefaultRetention"/>.</param>
    /// <param name="timeProvider">The clock. Default <see cref="TimeProvider.System"/>.</param>
    public InMemoryLineWebhookEventStore(int capacity = DefaultCapacity, TimeSpan? retention = null, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var keep = retention ?? DefaultRetention;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(keep, TimeSpan.Zero, nameof(retention));
        _capacity = capacity;
        _retention = keep;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The default retention: one day, longer than LINE keeps redelivering an event.</summary>
    public static TimeSpan DefaultRetention { get; } = TimeSpan.FromDays(1);

    /// <summary>How many ids are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                Expire(_timeProvider.GetUtcNow());
                return _expiries.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryMarkAsync(string webhookEventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEventId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            Expire(now);
            if (_expiries.ContainsKey(webhookEventId))
            {
                return ValueTask.FromResult(false);
            }

            var expiry = now + _retention;
            _expiries[webhookEventId] = expiry;
            _order.Enqueue((webhookEventId, expiry));
            while (_expiries.Count > _capacity && _order.TryDequeue(out var oldest))
            {
                Forget(oldest);
            }

            return ValueTask.FromResult(true);
        }
    }

    // Ids enter the queue in time order with one retention, so the queue is ordered by expiry too.
    private void Expire(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && oldest.Expiry <= now)
        {
            _order.Dequeue();
            Forget(oldest);
        }
    }

    // A queue entry may be stale (the id expired and was marked again): only the current entry removes the id.
    private void Forget((string Id, DateTimeOffset Expiry) entry)
    {
        if (_expiries.TryGetValue(entry.Id, out var expiry) && expiry == entry.Expiry)
        {
            _expiries.Remove(entry.Id);
        }
    }
}
