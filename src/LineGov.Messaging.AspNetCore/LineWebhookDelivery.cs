using LineGov.Messaging.Webhooks;

namespace LineGov.Messaging.AspNetCore;

/// <summary>Handles the events of one webhook request, after the endpoint has answered LINE.</summary>
/// <param name="delivery">The verified, parsed and deduplicated events, and a service scope for this delivery.</param>
/// <param name="cancellationToken">Cancelled when the host stops.</param>
public delegate Task LineWebhookHandler(LineWebhookDelivery delivery, CancellationToken cancellationToken);

/// <summary>A webhook handler resolved from DI (in the delivery's scope), for <c>MapLineWebhook&lt;THandler&gt;</c>.</summary>
public interface ILineWebhookHandler
{
    /// <summary>Handles the events of one webhook request.</summary>
    /// <param name="delivery">The verified, parsed and deduplicated events.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    Task HandleAsync(LineWebhookDelivery delivery, CancellationToken cancellationToken = default);
}

/// <summary>
/// What a webhook handler gets: the events of one request whose signature was verified, each seen for the first time
/// (redeliveries and duplicates already left out), and a DI scope that lives while the handler runs.
/// </summary>
public sealed class LineWebhookDelivery
{
    internal LineWebhookDelivery(string destination, IReadOnlyList<LineWebhookEvent> events, int duplicates, DateTimeOffset receivedAt, IServiceProvider services)
    {
        Destination = destination;
        Events = events;
        DuplicatesSkipped = duplicates;
        ReceivedAt = receivedAt;
        Services = services;
    }

    /// <summary>The user id of the bot the events are for.</summary>
    public string Destination { get; }

    /// <summary>The new events of the request (never empty), in the order received; LINE does not guarantee order.</summary>
    public IReadOnlyList<LineWebhookEvent> Events { get; }

    /// <summary>How many events of the request were left out as already handled.</summary>
    public int DuplicatesSkipped { get; }

    /// <summary>When the endpoint received the request.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The services of this delivery's scope (disposed after the handler returns).</summary>
    public IServiceProvider Services { get; }
}
