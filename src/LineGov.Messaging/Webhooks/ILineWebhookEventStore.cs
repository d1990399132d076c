namespace LineGov.Messaging.Webhooks;

/// <summary>
/// Remembers which webhook events were already taken, by <c>webhookEventId</c>, so a redelivered event is handled
/// once. Implementations must be thread-safe and atomic: of concurrent calls with one id, exactly one returns
/// <see langword="true"/>. <see cref="InMemoryLineWebhookEventStore"/> serves one process; several instances behind a
/// load balancer need a shared store (a database table with a unique key, a cache with set-if-absent).
/// </summary>
public interface ILineWebhookEventStore
{
    /// <summary>Marks an event as taken.</summary>
    /// <param name="webhookEventId">The event's <c>webhookEventId</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> the first time an id is marked (handle the event); <see langword="false"/> for a duplicate.</returns>
    ValueTask<bool> TryMarkAsync(string webhookEventId, CancellationToken cancellationToken = default);
}
