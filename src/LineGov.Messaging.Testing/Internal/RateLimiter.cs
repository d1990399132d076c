using System.Collections.Concurrent;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>
/// Fixed-window counters, one per operation (LINE counts per channel and endpoint), windows aligned on the clock's
/// epoch so a test with a manual clock knows exactly when a window opens.
/// </summary>
internal sealed class RateLimiter
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    private sealed class Counter
    {
        public readonly Lock Gate = new();
        public long Window = long.MinValue;
        public int Count;
    }

    public static LineEmulatorRateLimit? LimitOf(LineEmulatorRateLimits limits, RateGroup group) => group switch
    {
        RateGroup.Default => limits.Default,
        RateGroup.Multicast => limits.Multicast,
        RateGroup.Narrowcast => limits.Narrowcast,
        RateGroup.Broadcast => limits.Broadcast,
        RateGroup.RichMenuWrite => limits.RichMenuWrite,
        RateGroup.Audience => limits.Audience,
        _ => null,
    };

    /// <summary>Takes one permit for <paramref name="operation"/>; false when its window is full.</summary>
    public bool TryAcquire(string operation, LineEmulatorRateLimit limit, DateTimeOffset now)
    {
        var counter = _counters.GetOrAdd(operation, static _ => new Counter());
        var window = now.UtcTicks / limit.Window.Ticks;
        lock (counter.Gate)
        {
            if (counter.Window != window)
            {
                counter.Window = window;
                counter.Count = 0;
            }

            if (counter.Count >= limit.PermitLimit)
            {
                return false;
            }

            counter.Count++;
            return true;
        }
    }

    public void Clear() => _counters.Clear();
}
