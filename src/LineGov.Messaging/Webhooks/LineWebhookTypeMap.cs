using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LineGov.Messaging.Webhooks;

/// <summary>
/// Picks the concrete type of an event or a message by its <c>type</c> property, read ahead on a copy of the reader
/// and compared as UTF-8 without allocating. The discriminator need not come first.
/// </summary>
internal static class LineWebhookTypeMap
{
    private static LineWebhookJsonContext Context => LineWebhookJsonContext.Default;

    /// <summary>The type info of the event at <paramref name="reader"/> (on its StartObject); unknown types map to <see cref="UnknownWebhookEvent"/>.</summary>
    public static JsonTypeInfo ForEvent(Utf8JsonReader reader)
    {
        if (!TryFindType(ref reader))
        {
            return Context.UnknownWebhookEvent;
        }

        return reader switch
        {
            _ when reader.ValueTextEquals("message"u8) => Context.MessageEvent,
            _ when reader.ValueTextEquals("postback"u8) => Context.PostbackEvent,
            _ when reader.ValueTextEquals("follow"u8) => Context.FollowEvent,
            _ when reader.ValueTextEquals("unfollow"u8) => Context.UnfollowEvent,
            _ when reader.ValueTextEquals("unsend"u8) => Context.UnsendEvent,
            _ when reader.ValueTextEquals("join"u8) => Context.JoinEvent,
            _ when reader.ValueTextEquals("leave"u8) => Context.LeaveEvent,
            _ when reader.ValueTextEquals("memberJoined"u8) => Context.MemberJoinedEvent,
            _ when reader.ValueTextEquals("memberLeft"u8) => Context.MemberLeftEvent,
            _ when reader.ValueTextEquals("videoPlayComplete"u8) => Context.VideoPlayCompleteEvent,
            _ when reader.ValueTextEquals("beacon"u8) => Context.BeaconEvent,
            _ when reader.ValueTextEquals("accountLink"u8) => Context.AccountLinkEvent,
            _ when reader.ValueTextEquals("membership"u8) => Context.MembershipEvent,
            _ when reader.ValueTextEquals("module"u8) => Context.ModuleEvent,
            _ when reader.ValueTextEquals("activated"u8) => Context.ActivatedEvent,
            _ when reader.ValueTextEquals("deactivated"u8) => Context.DeactivatedEvent,
            _ when reader.ValueTextEquals("botSuspended"u8) => Context.BotSuspendedEvent,
            _ when reader.ValueTextEquals("botResumed"u8) => Context.BotResumedEvent,
            _ when reader.ValueTextEquals("delivery"u8) => Context.PnpDeliveryCompletionEvent,
            _ => Context.UnknownWebhookEvent,
        };
    }

    /// <summary>The type info of the message at <paramref name="reader"/>; unknown types map to <see cref="UnknownMessageContent"/>.</summary>
    public static JsonTypeInfo ForMessage(Utf8JsonReader reader)
    {
        if (!TryFindType(ref reader))
        {
            return Context.UnknownMessageContent;
        }

        return reader switch
        {
            _ when reader.ValueTextEquals("text"u8) => Context.TextMessageContent,
            _ when reader.ValueTextEquals("image"u8) => Context.ImageMessageContent,
            _ when reader.ValueTextEquals("sticker"u8) => Context.StickerMessageContent,
            _ when reader.ValueTextEquals("video"u8) => Context.VideoMessageContent,
            _ when reader.ValueTextEquals("audio"u8) => Context.AudioMessageContent,
            _ when reader.ValueTextEquals("location"u8) => Context.LocationMessageContent,
            _ when reader.ValueTextEquals("file"u8) => Context.FileMessageContent,
            _ => Context.UnknownMessageContent,
        };
    }

    /// <summary>Moves a copy of the reader, on an object's StartObject, to the string value of its top-level <c>type</c>.</summary>
    private static bool TryFindType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            if (!reader.Read())
            {
                return false;
            }

            if (isType)
            {
                return reader.TokenType == JsonTokenType.String;
            }

            reader.Skip();
        }

        return false;
    }
}

/// <summary>Reads a <see cref="MessageContent"/> as the subclass its <c>type</c> names; a malformed known type falls back to <see cref="UnknownMessageContent"/>.</summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A message must be an object.");
        }

        var typeInfo = LineWebhookTypeMap.ForMessage(reader);
        if (typeInfo.Type != typeof(UnknownMessageContent))
        {
            var start = reader;
            try
            {
                return (MessageContent)JsonSerializer.Deserialize(ref reader, typeInfo)!;
            }
            catch (JsonException)
            {
                // A known type in a shape this version does not expect: keep it, as an unknown message.
                reader = start;
            }
        }

        return JsonSerializer.Deserialize(ref reader, LineWebhookJsonContext.Default.UnknownMessageContent)!;
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, LineWebhookJsonContext.Default.GetTypeInfo(value.GetType())!);
}
