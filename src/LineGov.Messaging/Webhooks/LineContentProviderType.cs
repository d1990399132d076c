using System.Text.Json.Serialization;

namespace LineGov.Messaging.Webhooks;

/// <summary>Who provides a media file (<c>contentProvider.type</c>). A value LINE adds later is kept as sent.</summary>
[JsonConverter(typeof(LineStringValueConverter<LineContentProviderType>))]
public readonly struct LineContentProviderType : IEquatable<LineContentProviderType>, ILineStringValue<LineContentProviderType>
{
    private static readonly LineContentProviderType[] Known = [Line, External];
    private readonly string? _value;

    /// <summary>Wraps a value as LINE sends it.</summary>
    public LineContentProviderType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>LINE: get the content with the message id.</summary>
    public static LineContentProviderType Line { get; } = new("line");

    /// <summary>An external server: the URLs are in the content provider.</summary>
    public static LineContentProviderType External { get; } = new("external");

    /// <summary>The value as LINE sends it (empty for <c>default</c>).</summary>
    public string Value => _value ?? string.Empty;

    static IReadOnlyList<LineContentProviderType> ILineStringValue<LineContentProviderType>.KnownValues => Known;

    /// <summary>Whether two values are the same, compared ordinally.</summary>
    public static bool operator ==(LineContentProviderType left, LineContentProviderType right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    public static bool operator !=(LineContentProviderType left, LineContentProviderType right) => !left.Equals(right);

    static LineContentProviderType ILineStringValue<LineContentProviderType>.Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(LineContentProviderType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LineContentProviderType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The value as LINE sends it.</summary>
    public override string ToString() => Value;
}
