using System.Text.Json;
using System.Text.Json.Serialization;
using LineGov.Messaging.Flex;

namespace LineGov.Messaging;

/// <summary>
/// The source-generated serializer context of every model. Polymorphic bases have a converter that dispatches on
/// <c>type</c> to the concrete types listed here, so each concrete type must be listed too.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
// Messages
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(TextMessage))]
[JsonSerializable(typeof(StickerMessage))]
[JsonSerializable(typeof(ImageMessage))]
[JsonSerializable(typeof(VideoMessage))]
[JsonSerializable(typeof(AudioMessage))]
[JsonSerializable(typeof(LocationMessage))]
[JsonSerializable(typeof(FlexMessage))]
[JsonSerializable(typeof(UnknownMessage))]
[JsonSerializable(typeof(IReadOnlyList<Message>))]
// Actions
[JsonSerializable(typeof(LineAction))]
[JsonSerializable(typeof(MessageAction))]
[JsonSerializable(typeof(PostbackAction))]
[JsonSerializable(typeof(UriAction))]
[JsonSerializable(typeof(DatetimePickerAction))]
[JsonSerializable(typeof(CameraAction))]
[JsonSerializable(typeof(CameraRollAction))]
[JsonSerializable(typeof(LocationAction))]
[JsonSerializable(typeof(ClipboardAction))]
[JsonSerializable(typeof(RichMenuSwitchAction))]
[JsonSerializable(typeof(UnknownAction))]
// Flex
[JsonSerializable(typeof(FlexContainer))]
[JsonSerializable(typeof(FlexBubble))]
[JsonSerializable(typeof(FlexCarousel))]
[JsonSerializable(typeof(UnknownFlexContainer))]
[JsonSerializable(typeof(FlexComponent))]
[JsonSerializable(typeof(FlexBox))]
[JsonSerializable(typeof(FlexButton))]
[JsonSerializable(typeof(FlexImage))]
[JsonSerializable(typeof(FlexVideo))]
[JsonSerializable(typeof(FlexIcon))]
[JsonSerializable(typeof(FlexText))]
[JsonSerializable(typeof(FlexSpan))]
[JsonSerializable(typeof(FlexSeparator))]
[JsonSerializable(typeof(FlexFiller))]
[JsonSerializable(typeof(FlexSpacer))]
[JsonSerializable(typeof(UnknownFlexComponent))]
[JsonSerializable(typeof(FlexBoxBackground))]
[JsonSerializable(typeof(FlexLinearGradient))]
[JsonSerializable(typeof(UnknownFlexBoxBackground))]
// Narrowcast
[JsonSerializable(typeof(Recipient))]
[JsonSerializable(typeof(OperatorRecipient))]
[JsonSerializable(typeof(AudienceRecipient))]
[JsonSerializable(typeof(RedeliveryRecipient))]
[JsonSerializable(typeof(UnknownRecipient))]
[JsonSerializable(typeof(DemographicFilter))]
[JsonSerializable(typeof(AgeDemographicFilter))]
[JsonSerializable(typeof(AppTypeDemographicFilter))]
[JsonSerializable(typeof(AreaDemographicFilter))]
[JsonSerializable(typeof(GenderDemographicFilter))]
[JsonSerializable(typeof(OperatorDemographicFilter))]
[JsonSerializable(typeof(SubscriptionPeriodDemographicFilter))]
[JsonSerializable(typeof(UnknownDemographicFilter))]
// Requests and responses
[JsonSerializable(typeof(ReplyMessageRequest))]
[JsonSerializable(typeof(PushMessageRequest))]
[JsonSerializable(typeof(MulticastRequest))]
[JsonSerializable(typeof(NarrowcastRequest))]
[JsonSerializable(typeof(BroadcastRequest))]
[JsonSerializable(typeof(ValidateMessageRequest))]
[JsonSerializable(typeof(SentMessagesResponse))]
[JsonSerializable(typeof(NarrowcastProgressResponse))]
[JsonSerializable(typeof(MessageQuotaResponse))]
[JsonSerializable(typeof(QuotaConsumptionResponse))]
[JsonSerializable(typeof(UserProfileResponse))]
[JsonSerializable(typeof(GetFollowersResponse))]
[JsonSerializable(typeof(MessageContentTranscodingResponse))]
[JsonSerializable(typeof(ShowLoadingAnimationRequest))]
[JsonSerializable(typeof(MarkMessagesAsReadByTokenRequest))]
[JsonSerializable(typeof(MarkMessagesAsReadRequest))]
[JsonSerializable(typeof(LineErrorResponse))]
// Rich menus
[JsonSerializable(typeof(RichMenuRequest))]
[JsonSerializable(typeof(RichMenuResponse))]
[JsonSerializable(typeof(RichMenuListResponse))]
[JsonSerializable(typeof(RichMenuIdResponse))]
[JsonSerializable(typeof(RichMenuAliasRequest))]
[JsonSerializable(typeof(RichMenuAliasResponse))]
[JsonSerializable(typeof(RichMenuAliasListResponse))]
[JsonSerializable(typeof(RichMenuBulkLinkRequest))]
[JsonSerializable(typeof(RichMenuBulkUnlinkRequest))]
// Audiences
[JsonSerializable(typeof(CreateAudienceGroupRequest))]
[JsonSerializable(typeof(AddAudienceToAudienceGroupRequest))]
[JsonSerializable(typeof(UpdateAudienceGroupDescriptionRequest))]
[JsonSerializable(typeof(CreateAudienceGroupResponse))]
[JsonSerializable(typeof(GetAudienceDataResponse))]
[JsonSerializable(typeof(GetAudienceGroupsResponse))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class LineMessagingJsonContext : JsonSerializerContext;
