using System.Threading.Channels;
using LineGov.Messaging.Webhooks;

namespace LineGov.Messaging.AspNetCore;

/// <summary>A verified request waiting for its handler.</summary>
internal sealed record LineWebhookWorkItem(LineWebhookPayload Payload, LineWebhookHandler Handler, DateTimeOffset ReceivedAt);

/// <summary>The bounded hand-off between the endpoint (which must answer LINE at once) and the background workers.</summary>
internal sealed class LineWebhookQueue
{
    private readonly Channel<LineWebhookWorkItem> _channel;

    public LineWebhookQueue(int capacity)
    {
        _channel = Channel.CreateBounded<LineWebhookWorkItem>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public ChannelReader<LineWebhookWorkItem> Reader => _channel.Reader;

    /// <summary>Queues a request without waiting; <see langword="false"/> when the queue is full.</summary>
    public bool TryEnqueue(LineWebhookWorkItem item) => _channel.Writer.TryWrite(item);
}
