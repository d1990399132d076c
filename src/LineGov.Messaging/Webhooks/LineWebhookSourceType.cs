using System.Text.Json.Serialization;

namespace LineGov.Messaging.Webhooks;

/// <summary>The kind of chat an event came from (<c>source.type</c>). A value LINE adds later is kept as sent.</summary>
[JsonConverter(typeof(LineStringValueConverter<LineWebhookSourceType>))]
public readonly struct LineWebhookSourceType : IEquatable<LineWebhookSourceType>, ILineStringValue<LineWebhookSourceType>
{
    private static readonly LineWebhookSourceType[] Known = [User, Group, Room];
    private readonly string? _value;

    /// <summary>Wraps a value as LINE sends it.</summary>
    public LineWebhookSourceType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>A one-to-one chat with a user.</summary>
    public static LineWebhookSourceType User { get; } = new("user");

    /// <summary>A group chat.</summary>
    public static LineWebhookSourceType Group { get; } = new("group");

    /// <summary>A multi-person chat.</summary>
    public static LineWebhookSourceType Room { get; } = new("room");

    /// <summary>The value as LINE sends it (empty for <c>default</c>).</summary>
    public string Value => _value ?? string.Empty;

    static IReadOnlyList<LineWebhookSourceType> ILineStringValue<LineWebhookSourceType>.KnownValues => Known;

    /// <summary>Whether two values are the same, compared ordinally.</summary>
    public static bool operator ==(LineWebhookSourceType left, LineWebhookSourceType right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    public static bool operator !=(LineWebhookSourceType left, LineWebhookSourceType right) => !left.Equals(right);

    static LineWebhookSourceType ILineStringValue<LineWebhookSourceType>.Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(LineWebhookSourceType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LineWebhookSourceType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The value as LINE sends it.</summary>
    public override string ToString() => Value;
}
