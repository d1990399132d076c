using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging;

/// <summary>Quick reply buttons under a message (spec schema <c>QuickReply</c>): at most 13 items.</summary>
/// <example>
/// <code>
/// var message = new TextMessage("受付方法を選んでください")
/// {
///     QuickReply = new QuickReply(
///         new QuickReplyItem(new MessageAction("LINEで申請", "LINEで申請")),
///         new QuickReplyItem(new LocationAction("窓口を探す"))),
/// };
/// </code>
/// </example>
public sealed class QuickReply
{
    /// <summary>The most items LINE accepts.</summary>
    public const int MaxItems = 13;

    /// <summary>Creates quick reply buttons.</summary>
    public QuickReply(params IReadOnlyList<QuickReplyItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = [.. items];
    }

    /// <summary>The buttons, in order.</summary>
    public IReadOnlyList<QuickReplyItem> Items { get; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One quick reply button (spec schema <c>QuickReplyItem</c>).</summary>
public sealed class QuickReplyItem
{
    /// <summary>Creates a button for <paramref name="action"/>.</summary>
    public QuickReplyItem(LineAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Action = action;
    }

    /// <summary>Always <c>action</c>.</summary>
    [JsonPropertyOrder(-1)]
    [JsonInclude]
    public string Type { get; internal set; } = "action";

    /// <summary>The icon at the start of the button (HTTPS PNG, at most 2,000 characters).</summary>
    public string? ImageUrl { get; init; }

    /// <summary>What tapping the button does: message, postback, uri, datetimepicker, camera, cameraRoll, location, clipboard.</summary>
    public LineAction Action { get; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The icon and display name a message is sent as (spec schema <c>Sender</c>).</summary>
public sealed class Sender
{
    /// <summary>Display name, at most 20 characters; words such as "LINE" are refused.</summary>
    public string? Name { get; init; }

    /// <summary>Icon URL (HTTPS, at most 2,000 characters).</summary>
    public string? IconUrl { get; init; }
}
