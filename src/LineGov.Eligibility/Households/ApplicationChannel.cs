namespace LineGov.Eligibility;

/// <summary>
/// The channel an application came through (LINE, the counter, mail …). Open: any value parses; the known ones have
/// Japanese display names for messages to residents.
/// </summary>
public readonly record struct ApplicationChannel
{
    /// <summary>Creates a channel.</summary>
    /// <param name="value">The channel's code, e.g. <c>line</c>.</param>
    public ApplicationChannel(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>LINE (the LIFF application page).</summary>
    public static ApplicationChannel Line { get; } = new("line");

    /// <summary>窓口: entered by staff at the counter.</summary>
    public static ApplicationChannel Counter { get; } = new("counter");

    /// <summary>郵送: a paper form by mail.</summary>
    public static ApplicationChannel Mail { get; } = new("mail");

    /// <summary>The code.</summary>
    public string Value { get; }

    /// <summary>The name to show a resident: LINE, 窓口, 郵送, or the code itself.</summary>
    public string DisplayName => Value switch
    {
        "line" => "LINE",
        "counter" => "窓口",
        "mail" => "郵送",
        _ => Value,
    };

    /// <inheritdoc />
    public override string ToString() => Value;
}
