using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace LineGov.Messaging;

/// <summary>
/// One token bucket per endpoint group, created when the group is first used. Each bucket refills itself on its own
/// timer in small steps (10 ms for per-second limits), so requests are paced evenly at the configured rate.
/// </summary>
/// <remarks>
/// Not <see cref="PartitionedRateLimiter"/>: it ignores the partitions' <c>AutoReplenishment</c> and refills every
/// partition from one 100 ms timer, which caps a bucket refilled in 10 ms steps at a tenth of its rate.
/// </remarks>
internal sealed class LineRateLimiters : IDisposable
{
    private readonly Dictionary<LineRateLimitGroup, LineRateLimit> _limits;
    private readonly int _queueLimit;
    private readonly ConcurrentDictionary<LineRateLimitGroup, Lazy<TokenBucketRateLimiter>> _buckets = new();
    private volatile bool _disposed;

    public LineRateLimiters(IDictionary<LineRateLimitGroup, LineRateLimit> limits, int queueLimit)
    {
        _limits = new Dictionary<LineRateLimitGroup, LineRateLimit>(limits);
        _queueLimit = queueLimit;
    }

    /// <summary>Waits for one permit of <paramref name="group"/>; the lease says whether it was granted.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(LineRateLimitGroup group, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _buckets.GetOrAdd(group, g => new Lazy<TokenBucketRateLimiter>(() => Create(g))).Value.AcquireAsync(1, cancellationToken);
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var bucket in _buckets.Values)
        {
            if (bucket.IsValueCreated)
            {
                bucket.Value.Dispose();
            }
        }
    }

    /// <summary>The bucket of one group; internal for tests.</summary>
    internal static TokenBucketRateLimiterOptions OptionsFor(LineRateLimit limit, int queueLimit)
    {
        // Refilled in steps of about 10 ms: an even pace instead of bursts at the edges of a window.
        var periods = Math.Clamp((int)(limit.Window.TotalMilliseconds / 10), 1, Math.Max(1, limit.Permits));
        var perPeriod = Math.Max(1, limit.Permits / periods);
        return new TokenBucketRateLimiterOptions
        {
            // Per-second limits pace evenly; longer windows (per minute, per hour) allow their whole budget at once.
            TokenLimit = limit.Window > TimeSpan.FromSeconds(1) ? limit.Permits : perPeriod,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = limit.Window / periods,
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    private TokenBucketRateLimiter Create(LineRateLimitGroup group)
    {
        var limit = _limits.TryGetValue(group, out var configured) ? configured : _limits[LineRateLimitGroup.Default];
        return new TokenBucketRateLimiter(OptionsFor(limit, _queueLimit));
    }
}
