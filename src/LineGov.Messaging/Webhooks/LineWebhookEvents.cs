using System.Text.Json.Serialization;

namespace LineGov.Messaging.Webhooks;

// One class per event type of webhook.yml (components/schemas/Event, discriminator "type"), named as there.

/// <summary>A user sent a message (<c>message</c>). You can reply.</summary>
public sealed class MessageEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal MessageEvent()
    {
    }

    /// <summary>The message: a <see cref="TextMessageContent"/>, <see cref="ImageMessageContent"/>… or <see cref="UnknownMessageContent"/>.</summary>
    [JsonInclude]
    [JsonRequired]
    [JsonConverter(typeof(MessageContentConverter))]
    public MessageContent Message { get; internal set; } = null!;
}

/// <summary>A user unsent a message (<c>unsend</c>): delete what you kept of it.</summary>
public sealed class UnsendEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal UnsendEvent()
    {
    }

    /// <summary>Which message was unsent.</summary>
    [JsonInclude]
    [JsonRequired]
    public UnsendDetail Unsend { get; internal set; } = null!;
}

/// <summary>A user added the account as a friend or unblocked it (<c>follow</c>). You can reply.</summary>
public sealed class FollowEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal FollowEvent()
    {
    }

    /// <summary>Whether this was an unblock rather than a new friend.</summary>
    [JsonInclude]
    public FollowDetail? Follow { get; internal set; }
}

/// <summary>A user blocked the account (<c>unfollow</c>).</summary>
public sealed class UnfollowEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal UnfollowEvent()
    {
    }
}

/// <summary>The account joined a group chat or multi-person chat (<c>join</c>). You can reply.</summary>
public sealed class JoinEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal JoinEvent()
    {
    }
}

/// <summary>The account left, or was removed from, a group chat or multi-person chat (<c>leave</c>).</summary>
public sealed class LeaveEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal LeaveEvent()
    {
    }
}

/// <summary>Users joined a group chat or multi-person chat the account is in (<c>memberJoined</c>). You can reply.</summary>
public sealed class MemberJoinedEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal MemberJoinedEvent()
    {
    }

    /// <summary>Who joined.</summary>
    [JsonInclude]
    [JsonRequired]
    public LineWebhookMembers Joined { get; internal set; } = null!;
}

/// <summary>Users left a group chat or multi-person chat the account is in (<c>memberLeft</c>).</summary>
public sealed class MemberLeftEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal MemberLeftEvent()
    {
    }

    /// <summary>Who left.</summary>
    [JsonInclude]
    [JsonRequired]
    public LineWebhookMembers Left { get; internal set; } = null!;
}

/// <summary>A user performed a postback action (<c>postback</c>). You can reply.</summary>
public sealed class PostbackEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal PostbackEvent()
    {
    }

    /// <summary>The postback data and parameters.</summary>
    [JsonInclude]
    [JsonRequired]
    public PostbackContent Postback { get; internal set; } = null!;
}

/// <summary>A user finished watching a video message with a tracking id at least once (<c>videoPlayComplete</c>). You can reply.</summary>
public sealed class VideoPlayCompleteEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal VideoPlayCompleteEvent()
    {
    }

    /// <summary>Which video.</summary>
    [JsonInclude]
    [JsonRequired]
    public VideoPlayComplete VideoPlayComplete { get; internal set; } = null!;
}

/// <summary>A user came into range of a LINE Beacon (<c>beacon</c>). You can reply.</summary>
public sealed class BeaconEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal BeaconEvent()
    {
    }

    /// <summary>Which beacon and what happened.</summary>
    [JsonInclude]
    [JsonRequired]
    public BeaconContent Beacon { get; internal set; } = null!;
}

/// <summary>A user linked (or failed to link) their LINE account with your service's account (<c>accountLink</c>).</summary>
public sealed class AccountLinkEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal AccountLinkEvent()
    {
    }

    /// <summary>The outcome and the nonce you issued.</summary>
    [JsonInclude]
    [JsonRequired]
    public LinkContent Link { get; internal set; } = null!;
}

/// <summary>A user joined, left or renewed a membership of the account (<c>membership</c>). You can reply.</summary>
public sealed class MembershipEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal MembershipEvent()
    {
    }

    /// <summary>What happened to which membership.</summary>
    [JsonInclude]
    [JsonRequired]
    public MembershipContent Membership { get; internal set; } = null!;
}

/// <summary>A module channel was attached to or detached from an account (<c>module</c>); sent to module channels.</summary>
public sealed class ModuleEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal ModuleEvent()
    {
    }

    /// <summary>Attached or detached, and to which bot.</summary>
    [JsonInclude]
    [JsonRequired]
    public ModuleContent Module { get; internal set; } = null!;
}

/// <summary>The module channel became the active channel (<c>activated</c>); sent to module channels.</summary>
public sealed class ActivatedEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal ActivatedEvent()
    {
    }

    /// <summary>Until when the module has chat control.</summary>
    [JsonInclude]
    [JsonRequired]
    public ChatControl ChatControl { get; internal set; } = null!;
}

/// <summary>The module channel became a standby channel (<c>deactivated</c>); sent to module channels.</summary>
public sealed class DeactivatedEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal DeactivatedEvent()
    {
    }
}

/// <summary>The account was suspended (<c>botSuspended</c>); sent to module channels.</summary>
public sealed class BotSuspendedEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal BotSuspendedEvent()
    {
    }
}

/// <summary>The account returned from suspension (<c>botResumed</c>); sent to module channels.</summary>
public sealed class BotResumedEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal BotResumedEvent()
    {
    }
}

/// <summary>A LINE notification message was delivered (<c>delivery</c>).</summary>
public sealed class PnpDeliveryCompletionEvent : LineWebhookEvent
{
    [JsonConstructor]
    internal PnpDeliveryCompletionEvent()
    {
    }

    /// <summary>The hashed phone number or the <c>X-Line-Delivery-Tag</c> of the delivered message.</summary>
    [JsonInclude]
    [JsonRequired]
    public PnpDelivery Delivery { get; internal set; } = null!;
}
