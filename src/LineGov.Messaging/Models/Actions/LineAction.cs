using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging;

/// <summary>
/// An action object (spec schema <c>Action</c>): what tapping a button, quick reply, rich menu area or Flex component
/// does. Polymorphic by <c>type</c>; any type this version does not model reads as an <see cref="UnknownAction"/>.
/// (Named <c>LineAction</c> so it does not hide <see cref="System.Action"/>.)
/// </summary>
[JsonConverter(typeof(LineActionJsonConverter))]
public abstract class LineAction
{
    private protected LineAction(string? label) => Label = label;

    /// <summary>The action type, e.g. <c>postback</c>.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Label shown on the button (at most 20 characters for most buttons, 40 in Flex).</summary>
    public string? Label { get; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Sends <see cref="Text"/> as the user's message (spec schema <c>MessageAction</c>).</summary>
public sealed class MessageAction : LineAction
{
    internal const string TypeName = "message";

    /// <summary>Creates a message action.</summary>
    public MessageAction(string? label, string text)
        : base(label) => Text = text;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The text sent (at most 300 characters).</summary>
    public string Text { get; }
}

/// <summary>Sends a postback event with <see cref="Data"/> to the webhook (spec schema <c>PostbackAction</c>).</summary>
public sealed class PostbackAction : LineAction
{
    internal const string TypeName = "postback";

    /// <summary>Creates a postback action.</summary>
    public PostbackAction(string? label, string data)
        : base(label) => Data = data;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The postback data (at most 300 characters).</summary>
    public string Data { get; }

    /// <summary>Text shown in the chat as the user's message.</summary>
    public string? DisplayText { get; init; }

    /// <summary>Text sent as the user's message (deprecated by LINE in favour of <see cref="DisplayText"/>).</summary>
    public string? Text { get; init; }

    /// <summary>What the chat shows after the tap.</summary>
    public PostbackInputOption? InputOption { get; init; }

    /// <summary>Text prefilled in the keyboard when <see cref="InputOption"/> is <c>openKeyboard</c>.</summary>
    public string? FillInText { get; init; }
}

/// <summary>Opens <see cref="Uri"/> (spec schema <c>URIAction</c>): http, https, line or tel.</summary>
public sealed class UriAction : LineAction
{
    internal const string TypeName = "uri";

    /// <summary>Creates a URI action.</summary>
    public UriAction(string? label, string uri)
        : base(label) => Uri = uri;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The URI (at most 1,000 characters).</summary>
    public string Uri { get; }

    /// <summary>The URI opened on LINE for PC/macOS instead.</summary>
    public AltUri? AltUri { get; init; }
}

/// <summary>The desktop URI of a <see cref="UriAction"/> (spec schema <c>AltUri</c>).</summary>
public sealed class AltUri
{
    /// <summary>Creates an alternative URI.</summary>
    public AltUri(string desktop) => Desktop = desktop;

    /// <summary>URI opened on LINE for macOS and Windows.</summary>
    public string Desktop { get; }
}

/// <summary>Lets the user pick a date and/or time, sent back in a postback (spec schema <c>DatetimePickerAction</c>).</summary>
public sealed class DatetimePickerAction : LineAction
{
    internal const string TypeName = "datetimepicker";

    /// <summary>Creates a datetime picker action.</summary>
    public DatetimePickerAction(string? label, string data, DatetimePickerMode mode)
        : base(label)
    {
        Data = data;
        Mode = mode;
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The postback data (at most 300 characters).</summary>
    public string Data { get; }

    /// <summary><c>date</c>, <c>time</c> or <c>datetime</c>.</summary>
    public DatetimePickerMode Mode { get; }

    /// <summary>Initial value (<c>2017-12-25</c>, <c>00:00</c> or <c>2017-12-25T00:00</c> by mode).</summary>
    public string? Initial { get; init; }

    /// <summary>Largest value.</summary>
    public string? Max { get; init; }

    /// <summary>Smallest value.</summary>
    public string? Min { get; init; }
}

/// <summary>Opens the camera (quick reply only; spec schema <c>CameraAction</c>).</summary>
public sealed class CameraAction : LineAction
{
    internal const string TypeName = "camera";

    /// <summary>Creates a camera action.</summary>
    public CameraAction(string? label)
        : base(label)
    {
    }

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>Opens the camera roll (quick reply only; spec schema <c>CameraRollAction</c>).</summary>
public sealed class CameraRollAction : LineAction
{
    internal const string TypeName = "cameraRoll";

    /// <summary>Creates a camera roll action.</summary>
    public CameraRollAction(string? label)
        : base(label)
    {
    }

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>Opens the location screen (quick reply only; spec schema <c>LocationAction</c>).</summary>
public sealed class LocationAction : LineAction
{
    internal const string TypeName = "location";

    /// <summary>Creates a location action.</summary>
    public LocationAction(string? label)
        : base(label)
    {
    }

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>Copies text to the clipboard (spec schema <c>ClipboardAction</c>).</summary>
public sealed class ClipboardAction : LineAction
{
    internal const string TypeName = "clipboard";

    /// <summary>Creates a clipboard action.</summary>
    public ClipboardAction(string? label, string clipboardText)
        : base(label) => ClipboardText = clipboardText;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The text copied (1 to 1,000 characters).</summary>
    public string ClipboardText { get; }
}

/// <summary>Switches rich menus by alias (rich menus only; spec schema <c>RichMenuSwitchAction</c>).</summary>
public sealed class RichMenuSwitchAction : LineAction
{
    internal const string TypeName = "richmenuswitch";

    /// <summary>Creates a rich menu switch action.</summary>
    public RichMenuSwitchAction(string? label, string richMenuAliasId, string data)
        : base(label)
    {
        RichMenuAliasId = richMenuAliasId;
        Data = data;
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Alias of the rich menu to switch to.</summary>
    public string RichMenuAliasId { get; }

    /// <summary>The postback data (at most 300 characters).</summary>
    public string Data { get; }
}

/// <summary>An action whose <c>type</c> this version does not model, kept as raw JSON.</summary>
[JsonConverter(typeof(RawJsonModelConverter<UnknownAction>))]
public sealed class UnknownAction : LineAction, IRawJsonModel<UnknownAction>
{
    /// <summary>Wraps a raw action object.</summary>
    public UnknownAction(JsonElement raw)
        : base(LabelOf(raw)) => Raw = RawJson.RequireObject(raw, nameof(raw));

    /// <summary>The <c>type</c> of the raw object (empty when it has none).</summary>
    public override string Type => RawJson.TypeOf(Raw);

    /// <summary>The object as read; this is what is sent.</summary>
    public JsonElement Raw { get; }

    static UnknownAction IRawJsonModel<UnknownAction>.FromRaw(JsonElement raw) => new(raw);

    private static string? LabelOf(JsonElement raw) =>
        raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String
            ? label.GetString()
            : null;
}

/// <summary>Dispatches <see cref="LineAction"/> on <c>type</c>.</summary>
internal sealed class LineActionJsonConverter : DiscriminatedJsonConverter<LineAction>
{
    protected override Type? Resolve(string type) => type switch
    {
        MessageAction.TypeName => typeof(MessageAction),
        PostbackAction.TypeName => typeof(PostbackAction),
        UriAction.TypeName => typeof(UriAction),
        DatetimePickerAction.TypeName => typeof(DatetimePickerAction),
        CameraAction.TypeName => typeof(CameraAction),
        CameraRollAction.TypeName => typeof(CameraRollAction),
        LocationAction.TypeName => typeof(LocationAction),
        ClipboardAction.TypeName => typeof(ClipboardAction),
        RichMenuSwitchAction.TypeName => typeof(RichMenuSwitchAction),
        _ => null,
    };

    protected override LineAction CreateUnknown(JsonElement raw) => new UnknownAction(raw);
}
