using System.Text.Json.Serialization;

namespace LineGov.Messaging.Webhooks;

/// <summary>What a user did near a LINE Beacon (<c>beacon.type</c>). A value LINE adds later is kept as sent.</summary>
[JsonConverter(typeof(LineStringValueConverter<LineBeaconEventType>))]
public readonly struct LineBeaconEventType : IEquatable<LineBeaconEventType>, ILineStringValue<LineBeaconEventType>
{
    private static readonly LineBeaconEventType[] Known = [Enter, Banner, Stay];
    private readonly string? _value;

    /// <summary>Wraps a value as LINE sends it.</summary>
    public LineBeaconEventType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Entered the beacon's range.</summary>
    public static LineBeaconEventType Enter { get; } = new("enter");

    /// <summary>Tapped the beacon banner.</summary>
    public static LineBeaconEventType Banner { get; } = new("banner");

    /// <summary>Is staying in the beacon's range.</summary>
    public static LineBeaconEventType Stay { get; } = new("stay");

    /// <summary>The value as LINE sends it (empty for <c>default</c>).</summary>
    public string Value => _value ?? string.Empty;

    static IReadOnlyList<LineBeaconEventType> ILineStringValue<LineBeaconEventType>.KnownValues => Known;

    /// <summary>Whether two values are the same, compared ordinally.</summary>
    public static bool operator ==(LineBeaconEventType left, LineBeaconEventType right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    public static bool operator !=(LineBeaconEventType left, LineBeaconEventType right) => !left.Equals(right);

    static LineBeaconEventType ILineStringValue<LineBeaconEventType>.Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(LineBeaconEventType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LineBeaconEventType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The value as LINE sends it.</summary>
    public override string ToString() => Value;
}
