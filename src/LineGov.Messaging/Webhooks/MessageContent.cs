using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging.Webhooks;

/// <summary>
/// The message of a <see cref="MessageEvent"/>: one subclass per message type of the webhook specification
/// (components/schemas/MessageContent), or <see cref="UnknownMessageContent"/> for a type the library does not know.
/// </summary>
public abstract class MessageContent
{
    private static readonly ReadOnlyDictionary<string, JsonElement> NoProperties = new(new Dictionary<string, JsonElement>());

    private protected MessageContent()
    {
    }

    /// <summary>The message type as LINE sends it (<c>text</c>, <c>image</c>…).</summary>
    [JsonInclude]
    public string Type { get; internal set; } = string.Empty;

    /// <summary>The message id: get image, video, audio and file content with it.</summary>
    [JsonInclude]
    public string Id { get; internal set; } = string.Empty;

    /// <summary>The token to mark this message as read with, when LINE sends one.</summary>
    [JsonInclude]
    public string? MarkAsReadToken { get; internal set; }

    /// <summary>Fields of the message the library has no property for, as sent.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties =>
        ExtensionData is { Count: > 0 } extension ? extension : NoProperties;

    [JsonInclude]
    [JsonExtensionData]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A message of a type this version of the library does not know: see <see cref="MessageContent.AdditionalProperties"/>.</summary>
public sealed class UnknownMessageContent : MessageContent
{
    [JsonConstructor]
    internal UnknownMessageContent()
    {
    }
}

/// <summary>A text message (<c>text</c>).</summary>
public sealed class TextMessageContent : MessageContent
{
    [JsonConstructor]
    internal TextMessageContent()
    {
    }

    /// <summary>The text.</summary>
    [JsonInclude]
    public string Text { get; internal set; } = string.Empty;

    /// <summary>The LINE emoji in the text, when there are any.</summary>
    [JsonInclude]
    public IReadOnlyList<WebhookEmoji>? Emojis { get; internal set; }

    /// <summary>The mentions in the text, when there are any.</summary>
    [JsonInclude]
    public Mention? Mention { get; internal set; }

    /// <summary>The token to quote this message with.</summary>
    [JsonInclude]
    public string? QuoteToken { get; internal set; }

    /// <summary>The id of the message this one quotes, when it quotes one.</summary>
    [JsonInclude]
    public string? QuotedMessageId { get; internal set; }
}

/// <summary>An image message (<c>image</c>).</summary>
public sealed class ImageMessageContent : MessageContent
{
    [JsonConstructor]
    internal ImageMessageContent()
    {
    }

    /// <summary>Where the image is.</summary>
    [JsonInclude]
    [JsonRequired]
    public ContentProvider ContentProvider { get; internal set; } = null!;

    /// <summary>The set the image belongs to, when several were sent at once.</summary>
    [JsonInclude]
    public ImageSet? ImageSet { get; internal set; }

    /// <summary>The token to quote this message with.</summary>
    [JsonInclude]
    public string? QuoteToken { get; internal set; }
}

/// <summary>A video message (<c>video</c>).</summary>
public sealed class VideoMessageContent : MessageContent
{
    [JsonConstructor]
    internal VideoMessageContent()
    {
    }

    /// <summary>The length of the video in milliseconds, when known.</summary>
    [JsonInclude]
    public long? Duration { get; internal set; }

    /// <summary>Where the video is.</summary>
    [JsonInclude]
    [JsonRequired]
    public ContentProvider ContentProvider { get; internal set; } = null!;

    /// <summary>The token to quote this message with.</summary>
    [JsonInclude]
    public string? QuoteToken { get; internal set; }
}

/// <summary>An audio message (<c>audio</c>).</summary>
public sealed class AudioMessageContent : MessageContent
{
    [JsonConstructor]
    internal AudioMessageContent()
    {
    }

    /// <summary>Where the audio is.</summary>
    [JsonInclude]
    [JsonRequired]
    public ContentProvider ContentProvider { get; internal set; } = null!;

    /// <summary>The length of the audio in milliseconds, when known.</summary>
    [JsonInclude]
    public long? Duration { get; internal set; }
}

/// <summary>A file message (<c>file</c>).</summary>
public sealed class FileMessageContent : MessageContent
{
    [JsonConstructor]
    internal FileMessageContent()
    {
    }

    /// <summary>The file name.</summary>
    [JsonInclude]
    public string FileName { get; internal set; } = string.Empty;

    /// <summary>The file size in bytes.</summary>
    [JsonInclude]
    public long FileSize { get; internal set; }
}

/// <summary>A location message (<c>location</c>).</summary>
public sealed class LocationMessageContent : MessageContent
{
    [JsonConstructor]
    internal LocationMessageContent()
    {
    }

    /// <summary>The title, when there is one.</summary>
    [JsonInclude]
    public string? Title { get; internal set; }

    /// <summary>The address, when there is one.</summary>
    [JsonInclude]
    public string? Address { get; internal set; }

    /// <summary>The latitude.</summary>
    [JsonInclude]
    public double Latitude { get; internal set; }

    /// <summary>The longitude.</summary>
    [JsonInclude]
    public double Longitude { get; internal set; }
}

/// <summary>A sticker message (<c>sticker</c>).</summary>
public sealed class StickerMessageContent : MessageContent
{
    [JsonConstructor]
    internal StickerMessageContent()
    {
    }

    /// <summary>The sticker package id.</summary>
    [JsonInclude]
    public string PackageId { get; internal set; } = string.Empty;

    /// <summary>The sticker id.</summary>
    [JsonInclude]
    public string StickerId { get; internal set; } = string.Empty;

    /// <summary>The kind of sticker.</summary>
    [JsonInclude]
    public LineStickerResourceType StickerResourceType { get; internal set; }

    /// <summary>Up to 15 keywords describing the sticker (experimental on LINE's side; may change per event).</summary>
    [JsonInclude]
    public IReadOnlyList<string>? Keywords { get; internal set; }

    /// <summary>The text the user entered, for message stickers.</summary>
    [JsonInclude]
    public string? Text { get; internal set; }

    /// <summary>The token to quote this message with.</summary>
    [JsonInclude]
    public string? QuoteToken { get; internal set; }

    /// <summary>The id of the message this one quotes, when it quotes one.</summary>
    [JsonInclude]
    public string? QuotedMessageId { get; internal set; }
}

/// <summary>Where the content of an image, video or audio message is (<c>contentProvider</c>).</summary>
public sealed class ContentProvider
{
    [JsonConstructor]
    internal ContentProvider()
    {
    }

    /// <summary>LINE or an external server.</summary>
    [JsonInclude]
    public LineContentProviderType Type { get; internal set; }

    /// <summary>The content's URL, for <see cref="LineContentProviderType.External"/>.</summary>
    [JsonInclude]
    public string? OriginalContentUrl { get; internal set; }

    /// <summary>The preview image's URL, for <see cref="LineContentProviderType.External"/>.</summary>
    [JsonInclude]
    public string? PreviewImageUrl { get; internal set; }
}

/// <summary>The set of images sent at once that an image belongs to (<c>imageSet</c>).</summary>
public sealed class ImageSet
{
    [JsonConstructor]
    internal ImageSet()
    {
    }

    /// <summary>The set's id.</summary>
    [JsonInclude]
    public string Id { get; internal set; } = string.Empty;

    /// <summary>The image's position in the set, from 1 (missing from LINE for Android 11.15 and earlier).</summary>
    [JsonInclude]
    public int? Index { get; internal set; }

    /// <summary>How many images the set has.</summary>
    [JsonInclude]
    public int? Total { get; internal set; }
}

/// <summary>A LINE emoji in a text message.</summary>
public sealed class WebhookEmoji
{
    [JsonConstructor]
    internal WebhookEmoji()
    {
    }

    /// <summary>Where the emoji starts in the text (0-based, in UTF-16 code units).</summary>
    [JsonInclude]
    public int Index { get; internal set; }

    /// <summary>The length of the emoji's text, e.g. 7 for <c>(hello)</c>.</summary>
    [JsonInclude]
    public int Length { get; internal set; }

    /// <summary>The emoji set's product id.</summary>
    [JsonInclude]
    public string ProductId { get; internal set; } = string.Empty;

    /// <summary>The emoji's id in its set.</summary>
    [JsonInclude]
    public string EmojiId { get; internal set; } = string.Empty;
}

/// <summary>The mentions of a text message.</summary>
public sealed class Mention
{
    [JsonConstructor]
    internal Mention()
    {
    }

    /// <summary>The mentioned targets (at most 20).</summary>
    [JsonInclude]
    public IReadOnlyList<Mentionee> Mentionees { get; internal set; } = [];
}

/// <summary>One mention in a text message: a user (<c>user</c>) or everyone (<c>all</c>).</summary>
public sealed class Mentionee
{
    [JsonConstructor]
    internal Mentionee()
    {
    }

    /// <summary>The target: <c>user</c> or <c>all</c>.</summary>
    [JsonInclude]
    public string Type { get; internal set; } = string.Empty;

    /// <summary>Where the mention starts in the text (0-based).</summary>
    [JsonInclude]
    public int Index { get; internal set; }

    /// <summary>The length of the mention's text, e.g. 8 for <c>@example</c>.</summary>
    [JsonInclude]
    public int Length { get; internal set; }

    /// <summary>The mentioned user's id, for <c>user</c> when the user consented to share it.</summary>
    [JsonInclude]
    public string? UserId { get; internal set; }

    /// <summary>Whether the mentioned user is this bot.</summary>
    [JsonInclude]
    public bool? IsSelf { get; internal set; }
}
