using System.Collections.Concurrent;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>A retry key LINE accepted: the request that carried it, and what a 409 repeats.</summary>
internal sealed record AcceptedRetryKey(string RequestId, DateTimeOffset AcceptedAt, byte[]? SentMessagesJson);

/// <summary>
/// Accepted <c>X-Line-Retry-Key</c>s, channel-wide (a key used on push answers 409 on multicast too) for the TTL.
/// A key is claimed atomically before delivery, so two concurrent requests with one key deliver once; a request
/// that then fails (quota) releases its claim.
/// </summary>
internal sealed class RetryKeyStore
{
    private readonly ConcurrentDictionary<string, AcceptedRetryKey> _keys = new(StringComparer.Ordinal);

    /// <summary>Claims <paramref name="key"/>; false with the earlier acceptance when it is still within the TTL.</summary>
    public bool TryClaim(string key, AcceptedRetryKey claim, TimeSpan ttl, out AcceptedRetryKey? existing)
    {
        while (true)
        {
            if (_keys.TryAdd(key, claim))
            {
                existing = null;
                return true;
            }

            if (_keys.TryGetValue(key, out var current))
            {
                if (claim.AcceptedAt - current.AcceptedAt < ttl)
                {
                    existing = current;
                    return false;
                }

                if (_keys.TryUpdate(key, claim, current))
                {
                    existing = null;
                    return true;
                }
            }
        }
    }

    public void Release(string key, AcceptedRetryKey claim) => _keys.TryRemove(new KeyValuePair<string, AcceptedRetryKey>(key, claim));

    public int Count => _keys.Count;

    public void Clear() => _keys.Clear();
}
