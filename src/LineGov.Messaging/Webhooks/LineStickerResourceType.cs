using System.Text.Json.Serialization;

namespace LineGov.Messaging.Webhooks;

/// <summary>The kind of sticker (<c>stickerResourceType</c>). A value LINE adds later is kept as sent.</summary>
[JsonConverter(typeof(LineStringValueConverter<LineStickerResourceType>))]
public readonly struct LineStickerResourceType : IEquatable<LineStickerResourceType>, ILineStringValue<LineStickerResourceType>
{
    private static readonly LineStickerResourceType[] Known = [Static, Animation, Sound, AnimationSound, Popup, PopupSound, Custom, Message, NameText, PerStickerText];
    private readonly string? _value;

    /// <summary>Wraps a value as LINE sends it.</summary>
    public LineStickerResourceType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>A still image.</summary>
    public static LineStickerResourceType Static { get; } = new("STATIC");

    /// <summary>An animated sticker.</summary>
    public static LineStickerResourceType Animation { get; } = new("ANIMATION");

    /// <summary>A sticker with sound.</summary>
    public static LineStickerResourceType Sound { get; } = new("SOUND");

    /// <summary>An animated sticker with sound.</summary>
    public static LineStickerResourceType AnimationSound { get; } = new("ANIMATION_SOUND");

    /// <summary>A pop-up sticker.</summary>
    public static LineStickerResourceType Popup { get; } = new("POPUP");

    /// <summary>A pop-up sticker with sound.</summary>
    public static LineStickerResourceType PopupSound { get; } = new("POPUP_SOUND");

    /// <summary>A custom sticker (the text is not included).</summary>
    public static LineStickerResourceType Custom { get; } = new("CUSTOM");

    /// <summary>A message sticker (with <c>text</c>).</summary>
    public static LineStickerResourceType Message { get; } = new("MESSAGE");

    /// <summary>A name sticker.</summary>
    public static LineStickerResourceType NameText { get; } = new("NAME_TEXT");

    /// <summary>A per-sticker text sticker.</summary>
    public static LineStickerResourceType PerStickerText { get; } = new("PER_STICKER_TEXT");

    /// <summary>The value as LINE sends it (empty for <c>default</c>).</summary>
    public string Value => _value ?? string.Empty;

    static IReadOnlyList<LineStickerResourceType> ILineStringValue<LineStickerResourceType>.KnownValues => Known;

    /// <summary>Whether two values are the same, compared ordinally.</summary>
    public static bool operator ==(LineStickerResourceType left, LineStickerResourceType right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    public static bool operator !=(LineStickerResourceType left, LineStickerResourceType right) => !left.Equals(right);

    static LineStickerResourceType ILineStringValue<LineStickerResourceType>.Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(LineStickerResourceType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LineStickerResourceType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The value as LINE sends it.</summary>
    public override string ToString() => Value;
}
