using System.Text.Json.Serialization;

namespace LineGov.Messaging.Webhooks;

/// <summary>The message an <see cref="UnsendEvent"/> is about.</summary>
public sealed class UnsendDetail
{
    [JsonConstructor]
    internal UnsendDetail()
    {
    }

    /// <summary>The id of the unsent message.</summary>
    [JsonInclude]
    public string MessageId { get; internal set; } = string.Empty;
}

/// <summary>The detail of a <see cref="FollowEvent"/>.</summary>
public sealed class FollowDetail
{
    [JsonConstructor]
    internal FollowDetail()
    {
    }

    /// <summary>Whether the user unblocked the account (rather than adding it as a new friend).</summary>
    [JsonInclude]
    public bool IsUnblocked { get; internal set; }
}

/// <summary>The users of a <see cref="MemberJoinedEvent"/> or <see cref="MemberLeftEvent"/>.</summary>
public sealed class LineWebhookMembers
{
    [JsonConstructor]
    internal LineWebhookMembers()
    {
    }

    /// <summary>The users (user sources).</summary>
    [JsonInclude]
    public IReadOnlyList<LineWebhookSource> Members { get; internal set; } = [];
}

/// <summary>The content of a <see cref="PostbackEvent"/>.</summary>
public sealed class PostbackContent
{
    [JsonConstructor]
    internal PostbackContent()
    {
    }

    /// <summary>The postback data of the action.</summary>
    [JsonInclude]
    public string Data { get; internal set; } = string.Empty;

    /// <summary>
    /// What the user chose, for date-time pickers (<c>date</c>, <c>time</c>, <c>datetime</c>) and rich menu switches
    /// (<c>newRichMenuAliasId</c>, <c>status</c>); <see langword="null"/> otherwise.
    /// </summary>
    [JsonInclude]
    public IReadOnlyDictionary<string, string>? Params { get; internal set; }
}

/// <summary>The video of a <see cref="VideoPlayCompleteEvent"/>.</summary>
public sealed class VideoPlayComplete
{
    [JsonConstructor]
    internal VideoPlayComplete()
    {
    }

    /// <summary>The <c>trackingId</c> of the video message.</summary>
    [JsonInclude]
    public string TrackingId { get; internal set; } = string.Empty;
}

/// <summary>The beacon of a <see cref="BeaconEvent"/>.</summary>
public sealed class BeaconContent
{
    [JsonConstructor]
    internal BeaconContent()
    {
    }

    /// <summary>The hardware id of the beacon.</summary>
    [JsonInclude]
    public string Hwid { get; internal set; } = string.Empty;

    /// <summary>What the user did.</summary>
    [JsonInclude]
    public LineBeaconEventType Type { get; internal set; }

    /// <summary>The device message of the beacon, when it sent one.</summary>
    [JsonInclude]
    public string? Dm { get; internal set; }
}

/// <summary>The outcome of an <see cref="AccountLinkEvent"/>.</summary>
public sealed class LinkContent
{
    [JsonConstructor]
    internal LinkContent()
    {
    }

    /// <summary>Whether linking succeeded.</summary>
    [JsonInclude]
    public LineAccountLinkResult Result { get; internal set; }

    /// <summary>The nonce you issued when you asked the user to link: look your user up by it.</summary>
    [JsonInclude]
    public string Nonce { get; internal set; } = string.Empty;
}

/// <summary>The content of a <see cref="MembershipEvent"/>.</summary>
public sealed class MembershipContent
{
    [JsonConstructor]
    internal MembershipContent()
    {
    }

    /// <summary>What happened: <c>joined</c>, <c>left</c> or <c>renewed</c>.</summary>
    [JsonInclude]
    public string Type { get; internal set; } = string.Empty;

    /// <summary>The membership's id.</summary>
    [JsonInclude]
    public long MembershipId { get; internal set; }
}

/// <summary>The content of a <see cref="ModuleEvent"/>.</summary>
public sealed class ModuleContent
{
    [JsonConstructor]
    internal ModuleContent()
    {
    }

    /// <summary>What happened: <c>attached</c> or <c>detached</c>.</summary>
    [JsonInclude]
    public string Type { get; internal set; } = string.Empty;

    /// <summary>The user id of the bot of the account the module was attached to or detached from.</summary>
    [JsonInclude]
    public string? BotId { get; internal set; }

    /// <summary>The scopes the account's admin granted (on <c>attached</c>).</summary>
    [JsonInclude]
    public IReadOnlyList<string>? Scopes { get; internal set; }

    /// <summary>Why the module was detached (on <c>detached</c>, e.g. <c>bot_deleted</c>).</summary>
    [JsonInclude]
    public string? Reason { get; internal set; }
}

/// <summary>The chat control of an <see cref="ActivatedEvent"/>.</summary>
public sealed class ChatControl
{
    [JsonConstructor]
    internal ChatControl()
    {
    }

    /// <summary>When the chat control ends.</summary>
    [JsonInclude]
    [JsonConverter(typeof(UnixMillisecondsConverter))]
    public DateTimeOffset ExpireAt { get; internal set; }
}

/// <summary>The delivery of a <see cref="PnpDeliveryCompletionEvent"/>.</summary>
public sealed class PnpDelivery
{
    [JsonConstructor]
    internal PnpDelivery()
    {
    }

    /// <summary>A hashed phone number, or the string sent in the <c>X-Line-Delivery-Tag</c> header.</summary>
    [JsonInclude]
    public string Data { get; internal set; } = string.Empty;
}
