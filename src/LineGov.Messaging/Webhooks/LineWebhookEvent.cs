using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging.Webhooks;

/// <summary>
/// One webhook event. The typed subclasses (<see cref="MessageEvent"/>, <see cref="FollowEvent"/>…) cover every event
/// type of LINE's webhook specification; an event type the library does not know arrives as
/// <see cref="UnknownWebhookEvent"/>, never as a parsing failure. Fields the library does not know are kept in
/// <see cref="AdditionalProperties"/>, and the event's exact JSON in <see cref="RawJson"/>.
/// </summary>
/// <remarks>
/// LINE does not guarantee the order of events, and may deliver one event again (<see cref="IsRedelivery"/>): dedupe
/// on <see cref="WebhookEventId"/> with an <see cref="ILineWebhookEventStore"/>.
/// </remarks>
public abstract class LineWebhookEvent
{
    internal static readonly ReadOnlyDictionary<string, JsonElement> NoProperties = new(new Dictionary<string, JsonElement>());

    private protected LineWebhookEvent()
    {
    }

    /// <summary>The event type as LINE sends it (<c>message</c>, <c>follow</c>…).</summary>
    [JsonInclude]
    public string Type { get; internal set; } = string.Empty;

    /// <summary>When the event happened.</summary>
    [JsonInclude]
    [JsonConverter(typeof(UnixMillisecondsConverter))]
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>The chat the event came from (user, group or multi-person chat), when the event has one.</summary>
    [JsonInclude]
    public LineWebhookSource? Source { get; internal set; }

    /// <summary>The channel state: reply only in <see cref="LineWebhookEventMode.Active"/>.</summary>
    [JsonInclude]
    public LineWebhookEventMode Mode { get; internal set; }

    /// <summary>The event's unique id (a ULID): the same on a redelivery, so dedupe on it.</summary>
    [JsonInclude]
    public string WebhookEventId { get; internal set; } = string.Empty;

    /// <summary>How the event was delivered.</summary>
    [JsonInclude]
    public LineWebhookDeliveryContext? DeliveryContext { get; internal set; }

    /// <summary>
    /// The token to reply with (<c>replyToken</c>), on the events you can reply to; <see langword="null"/> otherwise.
    /// Valid once, for a short time.
    /// </summary>
    [JsonInclude]
    public string? ReplyToken { get; internal set; }

    /// <summary>Whether LINE sent this event before and is delivering it again (<c>deliveryContext.isRedelivery</c>).</summary>
    [JsonIgnore]
    public bool IsRedelivery => DeliveryContext?.IsRedelivery ?? false;

    /// <summary>The event's JSON exactly as received (UTF-8), unknown fields included.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> RawJson { get; internal set; }

    /// <summary>Top-level fields of the event the library has no property for, as sent.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties =>
        ExtensionData is { Count: > 0 } extension ? extension : NoProperties;

    [JsonInclude]
    [JsonExtensionData]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Parses <see cref="RawJson"/> into a <see cref="JsonElement"/> that stays valid on its own.</summary>
    public JsonElement ToJsonElement()
    {
        var reader = new Utf8JsonReader(RawJson.Span);
        return JsonElement.ParseValue(ref reader);
    }
}

/// <summary>An event of a type this version of the library does not know: its fields are in <see cref="LineWebhookEvent.AdditionalProperties"/> and <see cref="LineWebhookEvent.RawJson"/>.</summary>
public sealed class UnknownWebhookEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal UnknownWebhookEvent()
    {
    }
}

/// <summary>How a webhook event was delivered (<c>deliveryContext</c>).</summary>
public sealed class LineWebhookDeliveryContext
{
    [JsonConstructor]
    internal LineWebhookDeliveryContext()
    {
    }

    /// <summary>Whether the event is a redelivery of one LINE sent before.</summary>
    [JsonInclude]
    public bool IsRedelivery { get; internal set; }
}

/// <summary>The chat an event came from (<c>source</c>): a user, a group chat or a multi-person chat.</summary>
public sealed class LineWebhookSource
{
    [JsonConstructor]
    internal LineWebhookSource()
    {
    }

    /// <summary>The kind of chat.</summary>
    [JsonInclude]
    public LineWebhookSourceType Type { get; internal set; }

    /// <summary>
    /// The user's id. Always set for a one-to-one chat; in a group or multi-person chat only on message events, and
    /// only for users of LINE for iOS and Android.
    /// </summary>
    [JsonInclude]
    public string? UserId { get; internal set; }

    /// <summary>The group chat's id, for <see cref="LineWebhookSourceType.Group"/>.</summary>
    [JsonInclude]
    public string? GroupId { get; internal set; }

    /// <summary>The multi-person chat's id, for <see cref="LineWebhookSourceType.Room"/>.</summary>
    [JsonInclude]
    public string? RoomId { get; internal set; }

    /// <summary>The id to push a message to this chat with: the group, the room, or the user.</summary>
    [JsonIgnore]
    public string? ChatId => GroupId ?? RoomId ?? UserId;

    /// <summary>Fields of the source the library has no property for, as sent.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties =>
        ExtensionData is { Count: > 0 } extension ? extension : LineWebhookEvent.NoProperties;

    [JsonInclude]
    [JsonExtensionData]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
