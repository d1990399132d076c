using System.Text.Json.Serialization;

namespace LineGov.Messaging.Webhooks;

/// <summary>Source-generated metadata for the webhook model: parsing runs from UTF-8 bytes without reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(UnknownWebhookEvent))]
[JsonSerializable(typeof(MessageEvent))]
[JsonSerializable(typeof(UnsendEvent))]
[JsonSerializable(typeof(FollowEvent))]
[JsonSerializable(typeof(UnfollowEvent))]
[JsonSerializable(typeof(JoinEvent))]
[JsonSerializable(typeof(LeaveEvent))]
[JsonSerializable(typeof(MemberJoinedEvent))]
[JsonSerializable(typeof(MemberLeftEvent))]
[JsonSerializable(typeof(PostbackEvent))]
[JsonSerializable(typeof(VideoPlayCompleteEvent))]
[JsonSerializable(typeof(BeaconEvent))]
[JsonSerializable(typeof(AccountLinkEvent))]
[JsonSerializable(typeof(MembershipEvent))]
[JsonSerializable(typeof(ModuleEvent))]
[JsonSerializable(typeof(ActivatedEvent))]
[JsonSerializable(typeof(DeactivatedEvent))]
[JsonSerializable(typeof(BotSuspendedEvent))]
[JsonSerializable(typeof(BotResumedEvent))]
[JsonSerializable(typeof(PnpDeliveryCompletionEvent))]
[JsonSerializable(typeof(UnknownMessageContent))]
[JsonSerializable(typeof(TextMessageContent))]
[JsonSerializable(typeof(ImageMessageContent))]
[JsonSerializable(typeof(VideoMessageContent))]
[JsonSerializable(typeof(AudioMessageContent))]
[JsonSerializable(typeof(FileMessageContent))]
[JsonSerializable(typeof(LocationMessageContent))]
[JsonSerializable(typeof(StickerMessageContent))]
internal sealed partial class LineWebhookJsonContext : JsonSerializerContext;
