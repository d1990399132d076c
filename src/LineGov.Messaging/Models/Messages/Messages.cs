using System.Text.Json.Serialization;
using LineGov.Messaging.Flex;

namespace LineGov.Messaging;

/// <summary>A text message (spec schema <c>TextMessage</c>): at most 5,000 characters.</summary>
/// <example><code>new TextMessage("申請を受け付けました。審査の結果は後日お知らせします。")</code></example>
public sealed class TextMessage : Message
{
    internal const string TypeName = "text";

    /// <summary>The most characters LINE accepts.</summary>
    public const int MaxTextLength = 5000;

    /// <summary>Creates a text message.</summary>
    public TextMessage(string text) => Text = text;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The text; LINE emojis are placed with <c>$</c> characters and <see cref="Emojis"/>.</summary>
    public string Text { get; }

    /// <summary>LINE emojis placed at <c>$</c> positions of <see cref="Text"/>.</summary>
    public IReadOnlyList<Emoji>? Emojis { get; init; }

    /// <summary>Quote token of the message this one quotes.</summary>
    public string? QuoteToken { get; init; }
}

/// <summary>A LINE emoji inside a <see cref="TextMessage"/> (spec schema <c>Emoji</c>).</summary>
public sealed class Emoji
{
    /// <summary>Creates an emoji reference.</summary>
    public Emoji(int index, string productId, string emojiId)
    {
        Index = index;
        ProductId = productId;
        EmojiId = emojiId;
    }

    /// <summary>Position of its <c>$</c> in the text (UTF-16 code units).</summary>
    public int Index { get; }

    /// <summary>Product ID of the emoji set.</summary>
    public string ProductId { get; }

    /// <summary>Emoji ID within the set.</summary>
    public string EmojiId { get; }
}

/// <summary>A sticker message (spec schema <c>StickerMessage</c>).</summary>
public sealed class StickerMessage : Message
{
    internal const string TypeName = "sticker";

    /// <summary>Creates a sticker message from the sticker list's package and sticker IDs.</summary>
    public StickerMessage(string packageId, string stickerId)
    {
        PackageId = packageId;
        StickerId = stickerId;
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Package ID of the sticker set.</summary>
    public string PackageId { get; }

    /// <summary>Sticker ID.</summary>
    public string StickerId { get; }

    /// <summary>Quote token of the message this one quotes.</summary>
    public string? QuoteToken { get; init; }
}

/// <summary>An image message (spec schema <c>ImageMessage</c>): HTTPS JPEG or PNG URLs of at most 2,000 characters.</summary>
public sealed class ImageMessage : Message
{
    internal const string TypeName = "image";

    /// <summary>Creates an image message.</summary>
    public ImageMessage(string originalContentUrl, string previewImageUrl)
    {
        OriginalContentUrl = originalContentUrl;
        PreviewImageUrl = previewImageUrl;
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>URL of the image (at most 10 MB).</summary>
    public string OriginalContentUrl { get; }

    /// <summary>URL of the preview (at most 1 MB).</summary>
    public string PreviewImageUrl { get; }
}

/// <summary>A video message (spec schema <c>VideoMessage</c>).</summary>
public sealed class VideoMessage : Message
{
    internal const string TypeName = "video";

    /// <summary>Creates a video message.</summary>
    public VideoMessage(string originalContentUrl, string previewImageUrl)
    {
        OriginalContentUrl = originalContentUrl;
        PreviewImageUrl = previewImageUrl;
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>URL of the MP4 video.</summary>
    public string OriginalContentUrl { get; }

    /// <summary>URL of the preview image.</summary>
    public string PreviewImageUrl { get; }

    /// <summary>ID to identify the video in video viewing complete events.</summary>
    public string? TrackingId { get; init; }
}

/// <summary>An audio message (spec schema <c>AudioMessage</c>).</summary>
public sealed class AudioMessage : Message
{
    internal const string TypeName = "audio";

    /// <summary>Creates an audio message.</summary>
    public AudioMessage(string originalContentUrl, long duration)
    {
        OriginalContentUrl = originalContentUrl;
        Duration = duration;
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>URL of the audio file (M4A or MP3).</summary>
    public string OriginalContentUrl { get; }

    /// <summary>Length in milliseconds.</summary>
    public long Duration { get; }
}

/// <summary>A location message (spec schema <c>LocationMessage</c>).</summary>
public sealed class LocationMessage : Message
{
    internal const string TypeName = "location";

    /// <summary>Creates a location message.</summary>
    public LocationMessage(string title, string address, double latitude, double longitude)
    {
        Title = title;
        Address = address;
        Latitude = latitude;
        Longitude = longitude;
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Title, e.g. the office name (at most 100 characters).</summary>
    public string Title { get; }

    /// <summary>Address (at most 100 characters).</summary>
    public string Address { get; }

    /// <summary>Latitude.</summary>
    public double Latitude { get; }

    /// <summary>Longitude.</summary>
    public double Longitude { get; }
}

/// <summary>
/// A Flex Message (spec schema <c>FlexMessage</c>): a bubble or carousel built with <see cref="Flex.FlexBuilder"/> or read
/// from JSON, plus the alternative text shown in notifications and chat lists (at most 1,500 characters).
/// </summary>
public sealed class FlexMessage : Message
{
    internal const string TypeName = "flex";

    /// <summary>The most characters of alternative text LINE accepts.</summary>
    public const int MaxAltTextLength = 1500;

    /// <summary>Creates a Flex Message.</summary>
    public FlexMessage(string altText, FlexContainer contents)
    {
        AltText = altText;
        Contents = contents;
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Alternative text for notifications and the chat list.</summary>
    public string AltText { get; }

    /// <summary>The bubble or carousel.</summary>
    [JsonPropertyOrder(1)]
    public FlexContainer Contents { get; }
}
