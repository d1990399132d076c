namespace LineGov.Eligibility;

/// <summary>
/// The channel an application came through (LINE, the counter, mail …). Open: any value parses; the known ones have
/// Japanese display names for messages to residents. Codes are trimmed and lower-cased (invariant culture), so
/// <c>new("LINE")</c> equals <see cref="Line"/>; <c>default(ApplicationChannel)</c> has the code <c>unknown</c>.
/// </summary>
public readonly record struct ApplicationChannel
{
    private const string UnknownCode = "unknown";
    private readonly string? _value;

    /// <summary>Creates a channel.</summary>
    /// <param name="value">The channel's code, e.g. <c>line</c> (any case; stored lower-case).</param>
    public ApplicationChannel(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
#pragma warning disable CA1308 // Codes are compared and shown lower-case by design.
        _value = value.Trim().ToLowerInvariant();
#pragma warning restore CA1308
    }

    /// <summary>LINE (the LIFF application page).</summary>
    public static ApplicationChannel Line { get; } = new("line");

    /// <summary>窓口: entered by staff at the counter.</summary>
    public static ApplicationChannel Counter { get; } = new("counter");

    /// <summary>郵送: a paper form by mail.</summary>
    public static ApplicationChannel Mail { get; } = new("mail");

    /// <summary>The code, lower-case; <c>unknown</c> for <c>default(ApplicationChannel)</c>.</summary>
    public string Value => _value ?? UnknownCode;

    /// <summary>The name to show a resident: LINE, 窓口, 郵送, or the code itself.</summary>
    public string DisplayName => Value switch
    {
        "line" => "LINE",
        "counter" => "窓口",
        "mail" => "郵送",
        _ => Value,
    };

    /// <inheritdoc />
    public bool Equals(ApplicationChannel other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
