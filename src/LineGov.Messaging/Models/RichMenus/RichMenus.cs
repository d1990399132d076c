using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging;

/// <summary>A rich menu to create or validate (spec schema <c>RichMenuRequest</c>).</summary>
/// <example>
/// <code>
/// var menu = new RichMenuRequest(new RichMenuSize(2500, 843), selected: true, "物価高騰支援", "メニュー",
///     new RichMenuArea(new RichMenuBounds(0, 0, 1250, 843), new UriAction("申請", "https://liff.line.me/…")),
///     new RichMenuArea(new RichMenuBounds(1250, 0, 1250, 843), new PostbackAction("状況確認", "action=status")));
/// </code>
/// </example>
public sealed class RichMenuRequest
{
    /// <summary>The most areas of one rich menu.</summary>
    public const int MaxAreas = 20;

    /// <summary>Creates a rich menu definition.</summary>
    public RichMenuRequest(RichMenuSize size, bool selected, string name, string chatBarText, params IReadOnlyList<RichMenuArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        Size = size;
        Selected = selected;
        Name = name;
        ChatBarText = chatBarText;
        Areas = [.. areas];
    }

    /// <summary>Image size: 800 to 2500 wide, at least 250 high, width/height at least 1.45.</summary>
    public RichMenuSize Size { get; }

    /// <summary>Whether the menu is shown open by default.</summary>
    public bool Selected { get; }

    /// <summary>Name for managing menus (not shown; at most 300 characters).</summary>
    public string Name { get; }

    /// <summary>Text of the chat bar (at most 14 characters).</summary>
    public string ChatBarText { get; }

    /// <summary>Tappable areas (at most 20).</summary>
    public IReadOnlyList<RichMenuArea> Areas { get; }
}

/// <summary>A rich menu as LINE holds it (spec schema <c>RichMenuResponse</c>).</summary>
public sealed class RichMenuResponse
{
    /// <summary>The rich menu ID.</summary>
    [JsonInclude]
    public string RichMenuId { get; internal set; } = string.Empty;

    /// <summary>Image size.</summary>
    [JsonInclude]
    public RichMenuSize Size { get; internal set; } = new(0, 0);

    /// <summary>Whether the menu is shown open by default.</summary>
    [JsonInclude]
    public bool Selected { get; internal set; }

    /// <summary>Name for managing menus.</summary>
    [JsonInclude]
    public string Name { get; internal set; } = string.Empty;

    /// <summary>Text of the chat bar.</summary>
    [JsonInclude]
    public string ChatBarText { get; internal set; } = string.Empty;

    /// <summary>Tappable areas.</summary>
    [JsonInclude]
    public IReadOnlyList<RichMenuArea> Areas { get; internal set; } = [];

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The rich menus of the channel (spec schema <c>RichMenuListResponse</c>).</summary>
public sealed class RichMenuListResponse
{
    /// <summary>The rich menus.</summary>
    [JsonInclude]
    [JsonPropertyName("richmenus")]
    public IReadOnlyList<RichMenuResponse> RichMenus { get; internal set; } = [];

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Width and height of a rich menu image (spec schema <c>RichMenuSize</c>).</summary>
public sealed class RichMenuSize
{
    /// <summary>Creates a size.</summary>
    public RichMenuSize(long width, long height)
    {
        Width = width;
        Height = height;
    }

    /// <summary>Width in pixels.</summary>
    public long Width { get; }

    /// <summary>Height in pixels.</summary>
    public long Height { get; }
}

/// <summary>A tappable area of a rich menu (spec schema <c>RichMenuArea</c>).</summary>
public sealed class RichMenuArea
{
    /// <summary>Creates an area.</summary>
    public RichMenuArea(RichMenuBounds bounds, LineAction action)
    {
        Bounds = bounds;
        Action = action;
    }

    /// <summary>Where it is.</summary>
    public RichMenuBounds Bounds { get; }

    /// <summary>What tapping it does.</summary>
    public LineAction Action { get; }
}

/// <summary>The rectangle of an area, from the image's top-left corner (spec schema <c>RichMenuBounds</c>).</summary>
public sealed class RichMenuBounds
{
    /// <summary>Creates bounds.</summary>
    public RichMenuBounds(long x, long y, long width, long height)
    {
        X = x;
        Y = y;
        Width = width;
        Height = height;
    }

    /// <summary>Left.</summary>
    public long X { get; }

    /// <summary>Top.</summary>
    public long Y { get; }

    /// <summary>Width.</summary>
    public long Width { get; }

    /// <summary>Height.</summary>
    public long Height { get; }
}

/// <summary>A rich menu alias (spec schema <c>RichMenuAliasResponse</c>).</summary>
public sealed class RichMenuAliasResponse
{
    /// <summary>The alias ID.</summary>
    [JsonInclude]
    public string RichMenuAliasId { get; internal set; } = string.Empty;

    /// <summary>The rich menu it points at.</summary>
    [JsonInclude]
    public string RichMenuId { get; internal set; } = string.Empty;

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The rich menu aliases of the channel (spec schema <c>RichMenuAliasListResponse</c>).</summary>
public sealed class RichMenuAliasListResponse
{
    /// <summary>The aliases.</summary>
    [JsonInclude]
    public IReadOnlyList<RichMenuAliasResponse> Aliases { get; internal set; } = [];

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Spec schema <c>RichMenuIdResponse</c>.</summary>
internal sealed class RichMenuIdResponse
{
    [JsonInclude]
    public string RichMenuId { get; internal set; } = string.Empty;

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Spec schemas <c>CreateRichMenuAliasRequest</c> (with the alias ID) and <c>UpdateRichMenuAliasRequest</c> (without).</summary>
internal sealed class RichMenuAliasRequest
{
    public RichMenuAliasRequest(string? richMenuAliasId, string richMenuId)
    {
        RichMenuAliasId = richMenuAliasId;
        RichMenuId = richMenuId;
    }

    public string? RichMenuAliasId { get; }

    public string RichMenuId { get; }
}

/// <summary>Spec schema <c>RichMenuBulkLinkRequest</c>.</summary>
internal sealed class RichMenuBulkLinkRequest
{
    public RichMenuBulkLinkRequest(string richMenuId, IReadOnlyList<string> userIds)
    {
        RichMenuId = richMenuId;
        UserIds = userIds;
    }

    public string RichMenuId { get; }

    public IReadOnlyList<string> UserIds { get; }
}

/// <summary>Spec schema <c>RichMenuBulkUnlinkRequest</c>.</summary>
internal sealed class RichMenuBulkUnlinkRequest
{
    public RichMenuBulkUnlinkRequest(IReadOnlyList<string> userIds) => UserIds = userIds;

    public IReadOnlyList<string> UserIds { get; }
}
