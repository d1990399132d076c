using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging;

/// <summary>
/// A message object of the Messaging API (spec schema <c>Message</c>), polymorphic by <c>type</c>: text, sticker,
/// image, video, audio, location and flex are modelled; any other type (template, imagemap, textV2, coupon, and types
/// LINE adds later) reads as an <see cref="UnknownMessage"/> that is written back unchanged.
/// </summary>
[JsonConverter(typeof(MessageJsonConverter))]
public abstract class Message
{
    private protected Message()
    {
    }

    /// <summary>The message type, e.g. <c>text</c>.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Quick reply buttons shown under the message (at most 13).</summary>
    public QuickReply? QuickReply { get; init; }

    /// <summary>The icon and display name to send as, instead of the account's.</summary>
    public Sender? Sender { get; init; }

    /// <summary>Properties of this type that this version does not model: kept so a message read from JSON is sent unchanged.</summary>
    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>
/// A message whose <c>type</c> this version does not model (template, imagemap, textV2, coupon…), kept as the raw JSON
/// it was read from and sent exactly as read: <see cref="Message.QuickReply"/> and <see cref="Message.Sender"/> are
/// not read from or written to it; they are part of <see cref="Raw"/>.
/// </summary>
[JsonConverter(typeof(RawJsonModelConverter<UnknownMessage>))]
public sealed class UnknownMessage : Message, IRawJsonModel<UnknownMessage>
{
    /// <summary>Wraps a raw message object (it must be a JSON object).</summary>
    public UnknownMessage(JsonElement raw) => Raw = RawJson.RequireObject(raw, nameof(raw));

    /// <summary>The <c>type</c> of the raw object (empty when it has none).</summary>
    public override string Type => RawJson.TypeOf(Raw);

    /// <summary>The message object as read; this is what is sent.</summary>
    public JsonElement Raw { get; }

    static UnknownMessage IRawJsonModel<UnknownMessage>.FromRaw(JsonElement raw) => new(raw);
}

/// <summary>Dispatches <see cref="Message"/> on <c>type</c>.</summary>
internal sealed class MessageJsonConverter : DiscriminatedJsonConverter<Message>
{
    protected override Type? Resolve(string type) => type switch
    {
        TextMessage.TypeName => typeof(TextMessage),
        StickerMessage.TypeName => typeof(StickerMessage),
        ImageMessage.TypeName => typeof(ImageMessage),
        VideoMessage.TypeName => typeof(VideoMessage),
        AudioMessage.TypeName => typeof(AudioMessage),
        LocationMessage.TypeName => typeof(LocationMessage),
        FlexMessage.TypeName => typeof(FlexMessage),
        _ => null,
    };

    protected override Message CreateUnknown(JsonElement raw) => new UnknownMessage(raw);
}
