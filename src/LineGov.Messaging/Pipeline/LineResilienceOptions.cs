namespace LineGov.Messaging;

/// <summary>A client-side rate limit: at most <see cref="Permits"/> requests per <see cref="Window"/>.</summary>
/// <param name="Permits">Requests allowed per window.</param>
/// <param name="Window">The window.</param>
public sealed record LineRateLimit(int Permits, TimeSpan Window)
{
    /// <summary>Requests allowed per window.</summary>
    public int Permits { get; } = Permits > 0 ? Permits : throw new ArgumentOutOfRangeException(nameof(Permits));

    /// <summary>The window.</summary>
    public TimeSpan Window { get; } = Window > TimeSpan.Zero ? Window : throw new ArgumentOutOfRangeException(nameof(Window));

    /// <summary>Requests per second.</summary>
    public static LineRateLimit PerSecond(int permits) => new(permits, TimeSpan.FromSeconds(1));

    /// <summary>Requests per minute.</summary>
    public static LineRateLimit PerMinute(int permits) => new(permits, TimeSpan.FromMinutes(1));

    /// <summary>Requests per hour.</summary>
    public static LineRateLimit PerHour(int permits) => new(permits, TimeSpan.FromHours(1));
}

/// <summary>
/// How LineGov.Messaging retries and paces requests. The defaults are LINE's documented limits and a retry policy that
/// is safe because every send carries an X-Line-Retry-Key.
/// </summary>
public sealed class LineResilienceOptions
{
    /// <summary>Retries after the first attempt (5xx, timeouts, connection errors, rate-limit 429). Default: 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially with jitter. Default: 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest a single attempt may take. Default: 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a request may take, retries and waiting for the rate limiter included. Default: 60 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether requests are paced on the client. Default: yes.</summary>
    public bool EnableRateLimiting { get; set; } = true;

    /// <summary>
    /// The client-side limits per group. Defaults (LINE's documentation; per channel): 2,000/s for most endpoints,
    /// 200/s for multicast and membership (the conservative reading), 60/h for narrowcast and broadcast, 100/h for rich
    /// menu creation and deletion, 60/min for audiences. Raise them if your channel's limits are higher.
    /// </summary>
    public IDictionary<LineRateLimitGroup, LineRateLimit> RateLimits { get; } = new Dictionary<LineRateLimitGroup, LineRateLimit>
    {
        [LineRateLimitGroup.Default] = LineRateLimit.PerSecond(2000),
        [LineRateLimitGroup.Multicast] = LineRateLimit.PerSecond(200),
        [LineRateLimitGroup.Membership] = LineRateLimit.PerSecond(200),
        [LineRateLimitGroup.Narrowcast] = LineRateLimit.PerHour(60),
        [LineRateLimitGroup.Broadcast] = LineRateLimit.PerHour(60),
        [LineRateLimitGroup.RichMenuWrite] = LineRateLimit.PerHour(100),
        [LineRateLimitGroup.Audience] = LineRateLimit.PerMinute(60),
    };

    /// <summary>How many requests may wait for a rate-limit permit at once, per group. Default: 100,000.</summary>
    public int RateLimitQueueLimit { get; set; } = 100_000;

    internal IEnumerable<string> Validate()
    {
        if (MaxRetryAttempts is < 0 or > 10)
        {
            yield return "MaxRetryAttempts must be 0-10.";
        }

        if (RetryDelay < TimeSpan.Zero || AttemptTimeout <= TimeSpan.Zero || TotalTimeout < AttemptTimeout)
        {
            yield return "RetryDelay must not be negative, AttemptTimeout must be positive and TotalTimeout at least AttemptTimeout.";
        }

        if (RateLimitQueueLimit < 0)
        {
            yield return "RateLimitQueueLimit must not be negative.";
        }
    }

    internal LineRateLimiters CreateLimiter() => new(RateLimits, RateLimitQueueLimit);
}
