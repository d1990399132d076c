using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging;

/// <summary>A reply to a webhook event (spec schema <c>ReplyMessageRequest</c>): 1 to 5 messages, within a minute of the event.</summary>
public sealed class ReplyMessageRequest
{
    /// <summary>Creates a reply.</summary>
    public ReplyMessageRequest(string replyToken, params IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ReplyToken = replyToken;
        Messages = [.. messages];
    }

    /// <summary>The reply token of the webhook event (single use).</summary>
    public string ReplyToken { get; }

    /// <summary>1 to 5 messages.</summary>
    public IReadOnlyList<Message> Messages { get; }

    /// <summary>Sends without a push notification.</summary>
    public bool? NotificationDisabled { get; init; }
}

/// <summary>A push message to one user, group or room (spec schema <c>PushMessageRequest</c>).</summary>
public sealed class PushMessageRequest
{
    /// <summary>Creates a push message.</summary>
    public PushMessageRequest(string to, params IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        To = to;
        Messages = [.. messages];
    }

    /// <summary>User, group or room ID.</summary>
    public string To { get; }

    /// <summary>1 to 5 messages.</summary>
    public IReadOnlyList<Message> Messages { get; }

    /// <summary>Sends without a push notification.</summary>
    public bool? NotificationDisabled { get; init; }

    /// <summary>Aggregation unit names for statistics (corporate users only).</summary>
    public IReadOnlyList<string>? CustomAggregationUnits { get; init; }
}

/// <summary>The same messages to up to 500 users (spec schema <c>MulticastRequest</c>).</summary>
public sealed class MulticastRequest
{
    /// <summary>The most user IDs of one multicast.</summary>
    public const int MaxRecipients = 500;

    /// <summary>Creates a multicast.</summary>
    public MulticastRequest(IReadOnlyList<string> to, params IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(messages);
        To = [.. to];
        Messages = [.. messages];
    }

    /// <summary>1 to 500 user IDs (not group or room IDs).</summary>
    [JsonPropertyOrder(1)]
    public IReadOnlyList<string> To { get; }

    /// <summary>1 to 5 messages.</summary>
    public IReadOnlyList<Message> Messages { get; }

    /// <summary>Sends without a push notification.</summary>
    public bool? NotificationDisabled { get; init; }

    /// <summary>One aggregation unit name for statistics (corporate users only).</summary>
    public IReadOnlyList<string>? CustomAggregationUnits { get; init; }
}

/// <summary>Messages to an audience or demographic (spec schema <c>NarrowcastRequest</c>); sent asynchronously.</summary>
public sealed class NarrowcastRequest
{
    /// <summary>Creates a narrowcast; without a recipient or filter it goes to every friend.</summary>
    public NarrowcastRequest(params IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Messages = [.. messages];
    }

    /// <summary>1 to 5 messages.</summary>
    public IReadOnlyList<Message> Messages { get; }

    /// <summary>Audiences or earlier requests to send to.</summary>
    public Recipient? Recipient { get; init; }

    /// <summary>Demographic condition.</summary>
    public NarrowcastFilter? Filter { get; init; }

    /// <summary>Caps on the number of recipients.</summary>
    public NarrowcastLimit? Limit { get; init; }

    /// <summary>Sends without a push notification.</summary>
    public bool? NotificationDisabled { get; init; }
}

/// <summary>Messages to every friend of the account (spec schema <c>BroadcastRequest</c>).</summary>
public sealed class BroadcastRequest
{
    /// <summary>Creates a broadcast.</summary>
    public BroadcastRequest(params IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Messages = [.. messages];
    }

    /// <summary>1 to 5 messages.</summary>
    public IReadOnlyList<Message> Messages { get; }

    /// <summary>Sends without a push notification.</summary>
    public bool? NotificationDisabled { get; init; }
}

/// <summary>The body of the validate endpoints (spec schema <c>ValidateMessageRequest</c>).</summary>
internal sealed class ValidateMessageRequest
{
    public ValidateMessageRequest(IReadOnlyList<Message> messages) => Messages = messages;

    public IReadOnlyList<Message> Messages { get; }
}

/// <summary>Which send endpoint a message validation is for.</summary>
public enum LineSendKind
{
    /// <summary>Reply.</summary>
    Reply,

    /// <summary>Push.</summary>
    Push,

    /// <summary>Multicast.</summary>
    Multicast,

    /// <summary>Narrowcast.</summary>
    Narrowcast,

    /// <summary>Broadcast.</summary>
    Broadcast,
}

/// <summary>A message LINE accepted (spec schema <c>SentMessage</c>).</summary>
public sealed class SentMessage
{
    /// <summary>Creates a sent message record (for tests and fakes).</summary>
    public SentMessage(string id, string? quoteToken = null)
    {
        Id = id;
        QuoteToken = quoteToken;
    }

    /// <summary>The message ID.</summary>
    public string Id { get; }

    /// <summary>Quote token to quote this message later, when it can be quoted.</summary>
    public string? QuoteToken { get; }
}

/// <summary>The body of reply and push responses (spec schemas <c>ReplyMessageResponse</c>, <c>PushMessageResponse</c>).</summary>
internal sealed class SentMessagesResponse
{
    [JsonInclude]
    public IReadOnlyList<SentMessage>? SentMessages { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>LINE's error body (spec schema <c>ErrorResponse</c>).</summary>
internal sealed class LineErrorResponse
{
    [JsonInclude]
    public string? Message { get; internal set; }

    [JsonInclude]
    public IReadOnlyList<LineErrorDetail>? Details { get; internal set; }

    [JsonInclude]
    public IReadOnlyList<SentMessage>? SentMessages { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
