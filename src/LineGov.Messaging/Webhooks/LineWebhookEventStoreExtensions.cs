namespace LineGov.Messaging.Webhooks;

/// <summary>Deduplication of webhook events with an <see cref="ILineWebhookEventStore"/>.</summary>
public static class LineWebhookEventStoreExtensions
{
    /// <summary>
    /// The events not seen before, in order: each is marked in <paramref name="store"/> by its <c>webhookEventId</c>,
    /// and one already marked (a redelivery, or a duplicate within the request) is left out. An event without an id
    /// cannot be deduplicated and is kept.
    /// </summary>
    /// <param name="store">The store of ids already taken.</param>
    /// <param name="events">The events of a verified payload.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public static async ValueTask<IReadOnlyList<LineWebhookEvent>> DeduplicateAsync(
        this ILineWebhookEventStore store,
        IReadOnlyList<LineWebhookEvent> events,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(events);
        List<LineWebhookEvent>? fresh = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var first = string.IsNullOrEmpty(e.WebhookEventId)
                || await store.TryMarkAsync(e.WebhookEventId, cancellationToken).ConfigureAwait(false);
            if (first)
            {
                fresh?.Add(e);
            }
            else if (fresh is null)
            {
                // The first duplicate: copy the events kept so far; until now the input itself is the answer.
                fresh = new List<LineWebhookEvent>(events.Count - 1);
                for (var j = 0; j < i; j++)
                {
                    fresh.Add(events[j]);
                }
            }
        }

        return fresh ?? events;
    }
}
