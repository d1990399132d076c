namespace LineGov.Messaging.Flex;

/// <summary>
/// Short factory methods for Flex Messages, meant for <c>using static LineGov.Messaging.Flex.FlexBuilder;</c>. Each
/// returns the typed model, so any property not offered here can be set with the model's constructor and object
/// initializer instead; both produce the same JSON.
/// </summary>
/// <example>
/// <code>
/// using static LineGov.Messaging.Flex.FlexBuilder;
///
/// var message = new FlexMessage("給付金の申請を受け付けました", Bubble(
///     header: VerticalBox(Text("申請受付のお知らせ", weight: FlexWeight.Bold, size: FlexKeywords.Lg)),
///     body: VerticalBox(
///         Text("受付番号 A-0001", wrap: true),
///         Separator(FlexKeywords.Md),
///         Text("審査結果は1週間以内にお知らせします。", size: FlexKeywords.Sm, wrap: true)),
///     footer: VerticalBox(Button(new UriAction("申請内容を確認", "https://liff.line.me/…"), FlexButtonStyle.Primary))));
/// </code>
/// </example>
public static class FlexBuilder
{
    /// <summary>A bubble with the given blocks.</summary>
    public static FlexBubble Bubble(
        FlexBox? body = null,
        FlexBox? header = null,
        FlexComponent? hero = null,
        FlexBox? footer = null,
        FlexBubbleSize? size = null,
        FlexBubbleStyles? styles = null,
        LineAction? action = null) =>
        new() { Body = body, Header = header, Hero = hero, Footer = footer, Size = size, Styles = styles, Action = action };

    /// <summary>A carousel of bubbles (at most 12).</summary>
    public static FlexCarousel Carousel(params IReadOnlyList<FlexBubble> bubbles) => new(bubbles);

    /// <summary>A vertical box.</summary>
    public static FlexBox VerticalBox(params IReadOnlyList<FlexComponent> contents) => new(FlexLayout.Vertical, contents);

    /// <summary>A horizontal box.</summary>
    public static FlexBox HorizontalBox(params IReadOnlyList<FlexComponent> contents) => new(FlexLayout.Horizontal, contents);

    /// <summary>A baseline box (texts and icons aligned on their baseline).</summary>
    public static FlexBox BaselineBox(params IReadOnlyList<FlexComponent> contents) => new(FlexLayout.Baseline, contents);

    /// <summary>A box with spacing, padding and background set.</summary>
    public static FlexBox Box(
        FlexLayout layout,
        IReadOnlyList<FlexComponent> contents,
        string? spacing = null,
        string? margin = null,
        string? paddingAll = null,
        string? backgroundColor = null,
        int? flex = null,
        LineAction? action = null) =>
        new(layout, contents) { Spacing = spacing, Margin = margin, PaddingAll = paddingAll, BackgroundColor = backgroundColor, Flex = flex, Action = action };

    /// <summary>A text component.</summary>
    public static FlexText Text(
        string text,
        string? size = null,
        FlexWeight? weight = null,
        string? color = null,
        bool? wrap = null,
        FlexAlign? align = null,
        string? margin = null,
        int? flex = null,
        int? maxLines = null,
        LineAction? action = null) =>
        new(text) { Size = size, Weight = weight, Color = color, Wrap = wrap, Align = align, Margin = margin, Flex = flex, MaxLines = maxLines, Action = action };

    /// <summary>A text component made of styled spans.</summary>
    public static FlexText Text(params IReadOnlyList<FlexSpan> spans) => new(null) { Contents = [.. spans] };

    /// <summary>A styled span of a text component.</summary>
    public static FlexSpan Span(string text, string? size = null, FlexWeight? weight = null, string? color = null, FlexDecoration? decoration = null) =>
        new(text) { Size = size, Weight = weight, Color = color, Decoration = decoration };

    /// <summary>An image component.</summary>
    public static FlexImage Image(
        string url,
        string? size = null,
        string? aspectRatio = null,
        FlexAspectMode? aspectMode = null,
        string? margin = null,
        LineAction? action = null) =>
        new(url) { Size = size, AspectRatio = aspectRatio, AspectMode = aspectMode, Margin = margin, Action = action };

    /// <summary>An icon for a baseline box.</summary>
    public static FlexIcon Icon(string url, string? size = null, string? margin = null) => new(url) { Size = size, Margin = margin };

    /// <summary>A button; its label is the action's label.</summary>
    public static FlexButton Button(
        LineAction action,
        FlexButtonStyle? style = null,
        string? color = null,
        FlexButtonHeight? height = null,
        string? margin = null,
        int? flex = null) =>
        new(action) { Style = style, Color = color, Height = height, Margin = margin, Flex = flex };

    /// <summary>A separator line.</summary>
    public static FlexSeparator Separator(string? margin = null, string? color = null) => new() { Margin = margin, Color = color };

    /// <summary>Flexible empty space.</summary>
    public static FlexFiller Filler(int? flex = null) => new() { Flex = flex };

    /// <summary>Fixed empty space (deprecated by LINE: prefer margins, spacing or <see cref="Filler"/>).</summary>
    public static FlexSpacer Spacer(string? size = null) => new() { Size = size };
}
