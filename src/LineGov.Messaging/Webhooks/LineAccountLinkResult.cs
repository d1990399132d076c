using System.Text.Json.Serialization;

namespace LineGov.Messaging.Webhooks;

/// <summary>The outcome of an account link (<c>link.result</c>). A value LINE adds later is kept as sent.</summary>
[JsonConverter(typeof(LineStringValueConverter<LineAccountLinkResult>))]
public readonly struct LineAccountLinkResult : IEquatable<LineAccountLinkResult>, ILineStringValue<LineAccountLinkResult>
{
    private static readonly LineAccountLinkResult[] Known = [Ok, Failed];
    private readonly string? _value;

    /// <summary>Wraps a value as LINE sends it.</summary>
    public LineAccountLinkResult(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The accounts were linked.</summary>
    public static LineAccountLinkResult Ok { get; } = new("ok");

    /// <summary>Linking failed (for example the nonce was used or wrong).</summary>
    public static LineAccountLinkResult Failed { get; } = new("failed");

    /// <summary>The value as LINE sends it (empty for <c>default</c>).</summary>
    public string Value => _value ?? string.Empty;

    static IReadOnlyList<LineAccountLinkResult> ILineStringValue<LineAccountLinkResult>.KnownValues => Known;

    /// <summary>Whether two values are the same, compared ordinally.</summary>
    public static bool operator ==(LineAccountLinkResult left, LineAccountLinkResult right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    public static bool operator !=(LineAccountLinkResult left, LineAccountLinkResult right) => !left.Equals(right);

    static LineAccountLinkResult ILineStringValue<LineAccountLinkResult>.Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(LineAccountLinkResult other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LineAccountLinkResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The value as LINE sends it.</summary>
    public override string ToString() => Value;
}
