namespace LineGov.Messaging;

/// <summary>The rate-limit groups LINE documents per channel, used by the client-side limiter.</summary>
public enum LineRateLimitGroup
{
    /// <summary>Most endpoints: 2,000 requests per second.</summary>
    Default = 0,

    /// <summary>Multicast (200 requests per second by some sources; configurable).</summary>
    Multicast,

    /// <summary>Narrowcast: 60 requests per hour.</summary>
    Narrowcast,

    /// <summary>Broadcast: 60 requests per hour.</summary>
    Broadcast,

    /// <summary>Rich menu creation and deletion: 100 requests per hour.</summary>
    RichMenuWrite,

    /// <summary>Audience management: 60 requests per minute.</summary>
    Audience,

    /// <summary>Membership: 200 requests per second.</summary>
    Membership,
}

/// <summary>What the safety pipeline needs to know of a request: its group, and whether it takes an X-Line-Retry-Key.</summary>
internal static class LineEndpoints
{
    /// <summary>The request option that names a request's endpoint, e.g. <c>POST /v2/bot/message/push</c>.</summary>
    public static readonly HttpRequestOptionsKey<string> Name = new("LineGov.Messaging.Endpoint");

    /// <summary>The request option that puts a request in a rate-limit group.</summary>
    public static readonly HttpRequestOptionsKey<LineRateLimitGroup> Group = new("LineGov.Messaging.RateLimitGroup");

    /// <summary>The header LINE deduplicates sends by (24 h).</summary>
    public const string RetryKeyHeader = "X-Line-Retry-Key";

    /// <summary>The header LINE names a request by.</summary>
    public const string RequestIdHeader = "x-line-request-id";

    /// <summary>The header of a 409 that says which earlier request was accepted.</summary>
    public const string AcceptedRequestIdHeader = "x-line-accepted-request-id";

    /// <summary>Whether a path takes a retry key: push, multicast, narrowcast and broadcast only.</summary>
    public static bool TakesRetryKey(string path) => path.EndsWith("/v2/bot/message/push", StringComparison.Ordinal) ||
        path.EndsWith("/v2/bot/message/multicast", StringComparison.Ordinal) ||
        path.EndsWith("/v2/bot/message/narrowcast", StringComparison.Ordinal) ||
        path.EndsWith("/v2/bot/message/broadcast", StringComparison.Ordinal);
}
