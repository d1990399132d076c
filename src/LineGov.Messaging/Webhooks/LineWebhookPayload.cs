namespace LineGov.Messaging.Webhooks;

/// <summary>A verified webhook request body (<c>CallbackRequest</c>): the bot it is for and its events.</summary>
public sealed class LineWebhookPayload
{
    internal LineWebhookPayload(string destination, IReadOnlyList<LineWebhookEvent> events, ReadOnlyMemory<byte> body)
    {
        Destination = destination;
        Events = events;
        Body = body;
    }

    /// <summary>The user id of the bot the events are for (<c>destination</c>).</summary>
    public string Destination { get; }

    /// <summary>
    /// The events, in the order received (LINE does not guarantee any order). Empty when LINE checks the webhook URL.
    /// Not yet deduplicated: see <see cref="LineWebhookEventStoreExtensions.DeduplicateAsync"/>.
    /// </summary>
    public IReadOnlyList<LineWebhookEvent> Events { get; }

    /// <summary>The request body exactly as received (a copy the payload owns).</summary>
    public ReadOnlyMemory<byte> Body { get; }
}
