using System.Text.Json.Serialization;

namespace LineGov.Messaging.Webhooks;

/// <summary>The channel state an event was sent in (<c>mode</c>): <c>active</c>, or <c>standby</c> while another module channel has chat control. A value LINE adds later is kept as sent.</summary>
[JsonConverter(typeof(LineStringValueConverter<LineWebhookEventMode>))]
public readonly struct LineWebhookEventMode : IEquatable<LineWebhookEventMode>, ILineStringValue<LineWebhookEventMode>
{
    private static readonly LineWebhookEventMode[] Known = [Active, Standby];
    private readonly string? _value;

    /// <summary>Wraps a value as LINE sends it.</summary>
    public LineWebhookEventMode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The channel is active: reply as usual.</summary>
    public static LineWebhookEventMode Active { get; } = new("active");

    /// <summary>Another module channel has chat control: do not reply.</summary>
    public static LineWebhookEventMode Standby { get; } = new("standby");

    /// <summary>The value as LINE sends it (empty for <c>default</c>).</summary>
    public string Value => _value ?? string.Empty;

    static IReadOnlyList<LineWebhookEventMode> ILineStringValue<LineWebhookEventMode>.KnownValues => Known;

    /// <summary>Whether two values are the same, compared ordinally.</summary>
    public static bool operator ==(LineWebhookEventMode left, LineWebhookEventMode right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    public static bool operator !=(LineWebhookEventMode left, LineWebhookEventMode right) => !left.Equals(right);

    static LineWebhookEventMode ILineStringValue<LineWebhookEventMode>.Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(LineWebhookEventMode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LineWebhookEventMode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The value as LINE sends it.</summary>
    public override string ToString() => Value;
}
