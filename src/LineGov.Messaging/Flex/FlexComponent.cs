using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging.Flex;

/// <summary>
/// A component of a Flex bubble (spec schema <c>FlexComponent</c>), polymorphic by <c>type</c>: box, button, image,
/// video, icon, text, span, separator, filler and the deprecated spacer; any other type reads as an
/// <see cref="UnknownFlexComponent"/>. Sizes, margins, spacings and offsets are strings because LINE takes a keyword
/// (<see cref="FlexKeywords"/>), pixels (<c>"12px"</c>) or a percentage.
/// </summary>
[JsonConverter(typeof(FlexComponentJsonConverter))]
public abstract class FlexComponent
{
    private protected FlexComponent()
    {
    }

    /// <summary>The component type, e.g. <c>box</c>.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Keywords LINE accepts for sizes, margins, spacings, paddings and offsets.</summary>
public static class FlexKeywords
{
    /// <summary><c>none</c>.</summary>
    public const string None = "none";

    /// <summary><c>xxs</c>.</summary>
    public const string Xxs = "xxs";

    /// <summary><c>xs</c>.</summary>
    public const string Xs = "xs";

    /// <summary><c>sm</c>.</summary>
    public const string Sm = "sm";

    /// <summary><c>md</c>.</summary>
    public const string Md = "md";

    /// <summary><c>lg</c>.</summary>
    public const string Lg = "lg";

    /// <summary><c>xl</c>.</summary>
    public const string Xl = "xl";

    /// <summary><c>xxl</c>.</summary>
    public const string Xxl = "xxl";

    /// <summary><c>3xl</c>.</summary>
    public const string Xl3 = "3xl";

    /// <summary><c>4xl</c>.</summary>
    public const string Xl4 = "4xl";

    /// <summary><c>5xl</c>.</summary>
    public const string Xl5 = "5xl";

    /// <summary><c>full</c> (image width).</summary>
    public const string Full = "full";
}

/// <summary>A box: lays out child components (spec schema <c>FlexBox</c>).</summary>
public sealed class FlexBox : FlexComponent
{
    internal const string TypeName = "box";

    /// <summary>Creates a box.</summary>
    public FlexBox(FlexLayout layout, params IReadOnlyList<FlexComponent> contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        Layout = layout;
        Contents = [.. contents];
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>How children are laid out.</summary>
    public FlexLayout Layout { get; }

    /// <summary>The children.</summary>
    public IReadOnlyList<FlexComponent> Contents { get; }

    /// <summary>Share of the parent's free space.</summary>
    public int? Flex { get; init; }

    /// <summary>Space between children.</summary>
    public string? Spacing { get; init; }

    /// <summary>Space before this component.</summary>
    public string? Margin { get; init; }

    /// <summary>Reference of the offsets.</summary>
    public FlexPosition? Position { get; init; }

    /// <summary>Top offset.</summary>
    public string? OffsetTop { get; init; }

    /// <summary>Bottom offset.</summary>
    public string? OffsetBottom { get; init; }

    /// <summary>Start offset.</summary>
    public string? OffsetStart { get; init; }

    /// <summary>End offset.</summary>
    public string? OffsetEnd { get; init; }

    /// <summary>Background color.</summary>
    public string? BackgroundColor { get; init; }

    /// <summary>Border color.</summary>
    public string? BorderColor { get; init; }

    /// <summary>Border width: pixels or <c>none</c>, <c>light</c>, <c>normal</c>, <c>medium</c>, <c>semi-bold</c>, <c>bold</c>.</summary>
    public string? BorderWidth { get; init; }

    /// <summary>Corner radius.</summary>
    public string? CornerRadius { get; init; }

    /// <summary>Width.</summary>
    public string? Width { get; init; }

    /// <summary>Maximum width.</summary>
    public string? MaxWidth { get; init; }

    /// <summary>Height.</summary>
    public string? Height { get; init; }

    /// <summary>Maximum height.</summary>
    public string? MaxHeight { get; init; }

    /// <summary>Padding on every side.</summary>
    public string? PaddingAll { get; init; }

    /// <summary>Top padding.</summary>
    public string? PaddingTop { get; init; }

    /// <summary>Bottom padding.</summary>
    public string? PaddingBottom { get; init; }

    /// <summary>Start padding.</summary>
    public string? PaddingStart { get; init; }

    /// <summary>End padding.</summary>
    public string? PaddingEnd { get; init; }

    /// <summary>What tapping the box does.</summary>
    public LineAction? Action { get; init; }

    /// <summary>Distribution of free space along the main axis.</summary>
    public FlexJustifyContent? JustifyContent { get; init; }

    /// <summary>Alignment along the cross axis.</summary>
    public FlexAlignItems? AlignItems { get; init; }

    /// <summary>Background, e.g. a <see cref="FlexLinearGradient"/>.</summary>
    public FlexBoxBackground? Background { get; init; }
}

/// <summary>A button (spec schema <c>FlexButton</c>).</summary>
public sealed class FlexButton : FlexComponent
{
    internal const string TypeName = "button";

    /// <summary>Creates a button; its label is the action's label.</summary>
    public FlexButton(LineAction action) => Action = action;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>What tapping the button does; its label is shown.</summary>
    public LineAction Action { get; }

    /// <summary>Share of the parent's free space.</summary>
    public int? Flex { get; init; }

    /// <summary>Button color (background for primary/secondary, text for link).</summary>
    public string? Color { get; init; }

    /// <summary>Style.</summary>
    public FlexButtonStyle? Style { get; init; }

    /// <summary>Vertical alignment.</summary>
    public FlexGravity? Gravity { get; init; }

    /// <summary>Space before this component.</summary>
    public string? Margin { get; init; }

    /// <summary>Reference of the offsets.</summary>
    public FlexPosition? Position { get; init; }

    /// <summary>Top offset.</summary>
    public string? OffsetTop { get; init; }

    /// <summary>Bottom offset.</summary>
    public string? OffsetBottom { get; init; }

    /// <summary>Start offset.</summary>
    public string? OffsetStart { get; init; }

    /// <summary>End offset.</summary>
    public string? OffsetEnd { get; init; }

    /// <summary>Height.</summary>
    public FlexButtonHeight? Height { get; init; }

    /// <summary>Shrinks the label to fit.</summary>
    public FlexAdjustMode? AdjustMode { get; init; }

    /// <summary>Scales with the user's font size setting.</summary>
    public bool? Scaling { get; init; }
}

/// <summary>An image (spec schema <c>FlexImage</c>): HTTPS JPEG or PNG, at most 1024×1024 and 10 MB.</summary>
public sealed class FlexImage : FlexComponent
{
    internal const string TypeName = "image";

    /// <summary>Creates an image.</summary>
    public FlexImage(string url) => Url = url;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Image URL (at most 2,000 characters).</summary>
    public string Url { get; }

    /// <summary>Share of the parent's free space.</summary>
    public int? Flex { get; init; }

    /// <summary>Space before this component.</summary>
    public string? Margin { get; init; }

    /// <summary>Reference of the offsets.</summary>
    public FlexPosition? Position { get; init; }

    /// <summary>Top offset.</summary>
    public string? OffsetTop { get; init; }

    /// <summary>Bottom offset.</summary>
    public string? OffsetBottom { get; init; }

    /// <summary>Start offset.</summary>
    public string? OffsetStart { get; init; }

    /// <summary>End offset.</summary>
    public string? OffsetEnd { get; init; }

    /// <summary>Horizontal alignment.</summary>
    public FlexAlign? Align { get; init; }

    /// <summary>Vertical alignment.</summary>
    public FlexGravity? Gravity { get; init; }

    /// <summary>Maximum width: a keyword up to <c>full</c>, pixels or a percentage (default <c>md</c>).</summary>
    public string? Size { get; init; }

    /// <summary>Aspect ratio <c>{width}:{height}</c> (default <c>1:1</c>).</summary>
    public string? AspectRatio { get; init; }

    /// <summary>How the image fills its aspect ratio.</summary>
    public FlexAspectMode? AspectMode { get; init; }

    /// <summary>Background color.</summary>
    public string? BackgroundColor { get; init; }

    /// <summary>What tapping the image does.</summary>
    public LineAction? Action { get; init; }

    /// <summary>Plays an animated PNG (at most 300 KB).</summary>
    public bool? Animated { get; init; }
}

/// <summary>A video in a bubble's hero block (spec schema <c>FlexVideo</c>).</summary>
public sealed class FlexVideo : FlexComponent
{
    internal const string TypeName = "video";

    /// <summary>Creates a video with what older clients show instead.</summary>
    public FlexVideo(string url, string previewUrl, FlexComponent altContent)
    {
        Url = url;
        PreviewUrl = previewUrl;
        AltContent = altContent;
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Video URL (MP4).</summary>
    public string Url { get; }

    /// <summary>Preview image URL.</summary>
    public string PreviewUrl { get; }

    /// <summary>Shown by clients that cannot play the video.</summary>
    public FlexComponent AltContent { get; }

    /// <summary>Aspect ratio <c>{width}:{height}</c>.</summary>
    public string? AspectRatio { get; init; }

    /// <summary>The link shown after playback.</summary>
    public LineAction? Action { get; init; }
}

/// <summary>An icon in a baseline box (spec schema <c>FlexIcon</c>).</summary>
public sealed class FlexIcon : FlexComponent
{
    internal const string TypeName = "icon";

    /// <summary>Creates an icon.</summary>
    public FlexIcon(string url) => Url = url;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Image URL.</summary>
    public string Url { get; }

    /// <summary>Size.</summary>
    public string? Size { get; init; }

    /// <summary>Aspect ratio <c>{width}:{height}</c>.</summary>
    public string? AspectRatio { get; init; }

    /// <summary>Space before this component.</summary>
    public string? Margin { get; init; }

    /// <summary>Reference of the offsets.</summary>
    public FlexPosition? Position { get; init; }

    /// <summary>Top offset.</summary>
    public string? OffsetTop { get; init; }

    /// <summary>Bottom offset.</summary>
    public string? OffsetBottom { get; init; }

    /// <summary>Start offset.</summary>
    public string? OffsetStart { get; init; }

    /// <summary>End offset.</summary>
    public string? OffsetEnd { get; init; }

    /// <summary>Scales with the user's font size setting.</summary>
    public bool? Scaling { get; init; }
}

/// <summary>Text (spec schema <c>FlexText</c>): either <see cref="Text"/> or styled <see cref="Contents"/> spans.</summary>
public sealed class FlexText : FlexComponent
{
    internal const string TypeName = "text";

    /// <summary>Creates a text component (null when the text is given as spans).</summary>
    public FlexText(string? text) => Text = text;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The text.</summary>
    public string? Text { get; }

    /// <summary>Styled spans, shown instead of <see cref="Text"/>.</summary>
    public IReadOnlyList<FlexSpan>? Contents { get; init; }

    /// <summary>Share of the parent's free space.</summary>
    public int? Flex { get; init; }

    /// <summary>Font size: a keyword (<c>xxs</c>…<c>5xl</c>) or pixels.</summary>
    public string? Size { get; init; }

    /// <summary>Horizontal alignment.</summary>
    public FlexAlign? Align { get; init; }

    /// <summary>Vertical alignment.</summary>
    public FlexGravity? Gravity { get; init; }

    /// <summary>Color.</summary>
    public string? Color { get; init; }

    /// <summary>Weight.</summary>
    public FlexWeight? Weight { get; init; }

    /// <summary>Style.</summary>
    public FlexFontStyle? Style { get; init; }

    /// <summary>Decoration.</summary>
    public FlexDecoration? Decoration { get; init; }

    /// <summary>Wraps long text onto several lines.</summary>
    public bool? Wrap { get; init; }

    /// <summary>Line spacing of wrapped text.</summary>
    public string? LineSpacing { get; init; }

    /// <summary>Space before this component.</summary>
    public string? Margin { get; init; }

    /// <summary>Reference of the offsets.</summary>
    public FlexPosition? Position { get; init; }

    /// <summary>Top offset.</summary>
    public string? OffsetTop { get; init; }

    /// <summary>Bottom offset.</summary>
    public string? OffsetBottom { get; init; }

    /// <summary>Start offset.</summary>
    public string? OffsetStart { get; init; }

    /// <summary>End offset.</summary>
    public string? OffsetEnd { get; init; }

    /// <summary>What tapping the text does.</summary>
    public LineAction? Action { get; init; }

    /// <summary>Most lines shown (0 for no limit).</summary>
    public int? MaxLines { get; init; }

    /// <summary>Shrinks the text to fit.</summary>
    public FlexAdjustMode? AdjustMode { get; init; }

    /// <summary>Scales with the user's font size setting.</summary>
    public bool? Scaling { get; init; }
}

/// <summary>A styled run inside a <see cref="FlexText"/> (spec schema <c>FlexSpan</c>).</summary>
public sealed class FlexSpan : FlexComponent
{
    internal const string TypeName = "span";

    /// <summary>Creates a span.</summary>
    public FlexSpan(string? text) => Text = text;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The text.</summary>
    public string? Text { get; }

    /// <summary>Font size.</summary>
    public string? Size { get; init; }

    /// <summary>Color.</summary>
    public string? Color { get; init; }

    /// <summary>Weight.</summary>
    public FlexWeight? Weight { get; init; }

    /// <summary>Style.</summary>
    public FlexFontStyle? Style { get; init; }

    /// <summary>Decoration.</summary>
    public FlexDecoration? Decoration { get; init; }
}

/// <summary>A separator line (spec schema <c>FlexSeparator</c>).</summary>
public sealed class FlexSeparator : FlexComponent
{
    internal const string TypeName = "separator";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Space before this component.</summary>
    public string? Margin { get; init; }

    /// <summary>Color.</summary>
    public string? Color { get; init; }
}

/// <summary>Flexible empty space (spec schema <c>FlexFiller</c>).</summary>
public sealed class FlexFiller : FlexComponent
{
    internal const string TypeName = "filler";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Share of the parent's free space.</summary>
    public int? Flex { get; init; }
}

/// <summary>
/// Fixed empty space (<c>spacer</c>). LINE has deprecated it and it is not in the current spec: prefer a margin,
/// padding or spacing, or a <see cref="FlexFiller"/>. Kept so existing designs still read and write.
/// </summary>
public sealed class FlexSpacer : FlexComponent
{
    internal const string TypeName = "spacer";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Size keyword.</summary>
    public string? Size { get; init; }
}

/// <summary>A component whose <c>type</c> this version does not model, kept as raw JSON.</summary>
[JsonConverter(typeof(RawJsonModelConverter<UnknownFlexComponent>))]
public sealed class UnknownFlexComponent : FlexComponent, IRawJsonModel<UnknownFlexComponent>
{
    /// <summary>Wraps a raw component object.</summary>
    public UnknownFlexComponent(JsonElement raw) => Raw = RawJson.RequireObject(raw, nameof(raw));

    /// <summary>The <c>type</c> of the raw object (empty when it has none).</summary>
    public override string Type => RawJson.TypeOf(Raw);

    /// <summary>The object as read; this is what is sent.</summary>
    public JsonElement Raw { get; }

    static UnknownFlexComponent IRawJsonModel<UnknownFlexComponent>.FromRaw(JsonElement raw) => new(raw);
}

/// <summary>Background of a box (spec schema <c>FlexBoxBackground</c>).</summary>
[JsonConverter(typeof(FlexBoxBackgroundJsonConverter))]
public abstract class FlexBoxBackground
{
    private protected FlexBoxBackground()
    {
    }

    /// <summary>The background type, e.g. <c>linearGradient</c>.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>A linear gradient background (spec schema <c>FlexBoxLinearGradient</c>).</summary>
public sealed class FlexLinearGradient : FlexBoxBackground
{
    internal const string TypeName = "linearGradient";

    /// <summary>Creates a gradient.</summary>
    public FlexLinearGradient(string angle, string startColor, string endColor)
    {
        Angle = angle;
        StartColor = startColor;
        EndColor = endColor;
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Angle, e.g. <c>90deg</c>.</summary>
    public string Angle { get; }

    /// <summary>Start color.</summary>
    public string StartColor { get; }

    /// <summary>End color.</summary>
    public string EndColor { get; }

    /// <summary>Middle color.</summary>
    public string? CenterColor { get; init; }

    /// <summary>Position of the middle color, e.g. <c>10%</c>.</summary>
    public string? CenterPosition { get; init; }
}

/// <summary>A background whose <c>type</c> this version does not model, kept as raw JSON.</summary>
[JsonConverter(typeof(RawJsonModelConverter<UnknownFlexBoxBackground>))]
public sealed class UnknownFlexBoxBackground : FlexBoxBackground, IRawJsonModel<UnknownFlexBoxBackground>
{
    /// <summary>Wraps a raw background object.</summary>
    public UnknownFlexBoxBackground(JsonElement raw) => Raw = RawJson.RequireObject(raw, nameof(raw));

    /// <summary>The <c>type</c> of the raw object (empty when it has none).</summary>
    public override string Type => RawJson.TypeOf(Raw);

    /// <summary>The object as read; this is what is sent.</summary>
    public JsonElement Raw { get; }

    static UnknownFlexBoxBackground IRawJsonModel<UnknownFlexBoxBackground>.FromRaw(JsonElement raw) => new(raw);
}

/// <summary>Dispatches <see cref="FlexComponent"/> on <c>type</c>.</summary>
internal sealed class FlexComponentJsonConverter : DiscriminatedJsonConverter<FlexComponent>
{
    protected override Type? Resolve(string type) => type switch
    {
        FlexBox.TypeName => typeof(FlexBox),
        FlexButton.TypeName => typeof(FlexButton),
        FlexImage.TypeName => typeof(FlexImage),
        FlexVideo.TypeName => typeof(FlexVideo),
        FlexIcon.TypeName => typeof(FlexIcon),
        FlexText.TypeName => typeof(FlexText),
        FlexSpan.TypeName => typeof(FlexSpan),
        FlexSeparator.TypeName => typeof(FlexSeparator),
        FlexFiller.TypeName => typeof(FlexFiller),
        FlexSpacer.TypeName => typeof(FlexSpacer),
        _ => null,
    };

    protected override FlexComponent CreateUnknown(JsonElement raw) => new UnknownFlexComponent(raw);
}

/// <summary>Dispatches <see cref="FlexBoxBackground"/> on <c>type</c>.</summary>
internal sealed class FlexBoxBackgroundJsonConverter : DiscriminatedJsonConverter<FlexBoxBackground>
{
    protected override Type? Resolve(string type) => type == FlexLinearGradient.TypeName ? typeof(FlexLinearGradient) : null;

    protected override FlexBoxBackground CreateUnknown(JsonElement raw) => new UnknownFlexBoxBackground(raw);
}
