using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging.Flex;

/// <summary>
/// The contents of a Flex Message (spec schema <c>FlexContainer</c>): a <see cref="FlexBubble"/> or a
/// <see cref="FlexCarousel"/>; a container type LINE adds later reads as an <see cref="UnknownFlexContainer"/>.
/// </summary>
[JsonConverter(typeof(FlexContainerJsonConverter))]
public abstract class FlexContainer
{
    private protected FlexContainer()
    {
    }

    /// <summary>The container type: <c>bubble</c> or <c>carousel</c>.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>A bubble: one message bubble with up to four blocks (spec schema <c>FlexBubble</c>).</summary>
public sealed class FlexBubble : FlexContainer
{
    internal const string TypeName = "bubble";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Text direction.</summary>
    public FlexDirection? Direction { get; init; }

    /// <summary>Width of the bubble.</summary>
    public FlexBubbleSize? Size { get; init; }

    /// <summary>The header block.</summary>
    public FlexBox? Header { get; init; }

    /// <summary>The hero block: usually an image, a box or a video.</summary>
    public FlexComponent? Hero { get; init; }

    /// <summary>The body block.</summary>
    public FlexBox? Body { get; init; }

    /// <summary>The footer block.</summary>
    public FlexBox? Footer { get; init; }

    /// <summary>Styles of the blocks.</summary>
    public FlexBubbleStyles? Styles { get; init; }

    /// <summary>What tapping the bubble does.</summary>
    public LineAction? Action { get; init; }
}

/// <summary>A carousel of up to 12 bubbles (spec schema <c>FlexCarousel</c>).</summary>
public sealed class FlexCarousel : FlexContainer
{
    internal const string TypeName = "carousel";

    /// <summary>The most bubbles LINE accepts in a carousel.</summary>
    public const int MaxBubbles = 12;

    /// <summary>Creates a carousel.</summary>
    public FlexCarousel(params IReadOnlyList<FlexBubble> contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        Contents = [.. contents];
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The bubbles, in order.</summary>
    public IReadOnlyList<FlexBubble> Contents { get; }
}

/// <summary>A container whose <c>type</c> this version does not model, kept as raw JSON.</summary>
[JsonConverter(typeof(RawJsonModelConverter<UnknownFlexContainer>))]
public sealed class UnknownFlexContainer : FlexContainer, IRawJsonModel<UnknownFlexContainer>
{
    /// <summary>Wraps a raw container object.</summary>
    public UnknownFlexContainer(JsonElement raw) => Raw = RawJson.RequireObject(raw, nameof(raw));

    /// <summary>The <c>type</c> of the raw object (empty when it has none).</summary>
    public override string Type => RawJson.TypeOf(Raw);

    /// <summary>The object as read; this is what is sent.</summary>
    public JsonElement Raw { get; }

    static UnknownFlexContainer IRawJsonModel<UnknownFlexContainer>.FromRaw(JsonElement raw) => new(raw);
}

/// <summary>Styles of a bubble's blocks (spec schema <c>FlexBubbleStyles</c>).</summary>
public sealed class FlexBubbleStyles
{
    /// <summary>Header style.</summary>
    public FlexBlockStyle? Header { get; init; }

    /// <summary>Hero style.</summary>
    public FlexBlockStyle? Hero { get; init; }

    /// <summary>Body style.</summary>
    public FlexBlockStyle? Body { get; init; }

    /// <summary>Footer style.</summary>
    public FlexBlockStyle? Footer { get; init; }
}

/// <summary>Style of one block (spec schema <c>FlexBlockStyle</c>).</summary>
public sealed class FlexBlockStyle
{
    /// <summary>Background color, <c>#RRGGBB</c> or <c>#RRGGBBAA</c>.</summary>
    public string? BackgroundColor { get; init; }

    /// <summary>Whether a separator is drawn above the block.</summary>
    public bool? Separator { get; init; }

    /// <summary>Separator color.</summary>
    public string? SeparatorColor { get; init; }
}

/// <summary>Dispatches <see cref="FlexContainer"/> on <c>type</c>.</summary>
internal sealed class FlexContainerJsonConverter : DiscriminatedJsonConverter<FlexContainer>
{
    protected override Type? Resolve(string type) => type switch
    {
        FlexBubble.TypeName => typeof(FlexBubble),
        FlexCarousel.TypeName => typeof(FlexCarousel),
        _ => null,
    };

    protected override FlexContainer CreateUnknown(JsonElement raw) => new UnknownFlexContainer(raw);
}
