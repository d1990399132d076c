using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>Rich menus: create/validate/get/list/delete, image upload and download (api-data), default, per-user and bulk links, aliases.</summary>
internal sealed partial class EmulatorEngine
{
    public const int MaxRichMenus = 1000;
    public const int MaxRichMenuImageBytes = 1024 * 1024;

    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly Lock _richMenuGate = new();
    private readonly Dictionary<string, RichMenu> _richMenus = new(StringComparer.Ordinal);
    private readonly List<string> _richMenuOrder = [];
    private readonly Dictionary<string, string> _userRichMenus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _richMenuAliases = new(StringComparer.Ordinal);
    private readonly List<string> _aliasOrder = [];
    private string? _defaultRichMenu;

    private sealed class RichMenu(string id, JsonObject body)
    {
        public string Id { get; } = id;

        public JsonObject Body { get; } = body;

        public byte[]? Image { get; set; }

        public string? ImageType { get; set; }
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();

    public string? DefaultRichMenuId
    {
        get
        {
            lock (_richMenuGate)
            {
                return _defaultRichMenu;
            }
        }
    }

    /// <summary>The rich menu a user sees: their own link, else the default.</summary>
    public string? RichMenuIdOf(string userId)
    {
        lock (_richMenuGate)
        {
            return _userRichMenus.TryGetValue(userId, out var id) ? id : _defaultRichMenu;
        }
    }

    private static BodyChecker CheckRichMenu(JsonElement root)
    {
        var c = new BodyChecker();
        if (c.RequiredObject(root, "size", "size") is { } size)
        {
            var width = c.RequiredInteger(size, "width", "size.width", 800, 2500);
            var height = c.RequiredInteger(size, "height", "size.height", 250, int.MaxValue);
            if (width is { } w && height is { } h && (double)w / h < 1.45)
            {
                c.Add("size", "The aspect ratio (width / height) must be 1.45 or more");
            }
        }

        c.RequiredBoolean(root, "selected", "selected");
        c.RequiredString(root, "name", "name", 300);
        c.RequiredString(root, "chatBarText", "chatBarText", 14);
        if (c.RequiredArray(root, "areas", "areas", 0, 20) is { } areas)
        {
            var i = 0;
            foreach (var area in areas.EnumerateArray())
            {
                var at = BodyChecker.Item("areas", i++);
                if (area.ValueKind != JsonValueKind.Object)
                {
                    c.Add(at, "Must be an object");
                    continue;
                }

                if (c.RequiredObject(area, "bounds", at + ".bounds") is { } bounds)
                {
                    c.RequiredInteger(bounds, "x", at + ".bounds.x", 0, int.MaxValue);
                    c.RequiredInteger(bounds, "y", at + ".bounds.y", 0, int.MaxValue);
                    c.RequiredInteger(bounds, "width", at + ".bounds.width", 1, int.MaxValue);
                    c.RequiredInteger(bounds, "height", at + ".bounds.height", 1, int.MaxValue);
                }

                if (c.RequiredObject(area, "action", at + ".action") is { } action)
                {
                    c.RequiredString(action, "type", at + ".action.type");
                }
            }
        }

        return c;
    }

    public ValueTask<EmulatorResponse> CreateRichMenuAsync(EmulatorCall call)
    {
        var check = CheckRichMenu(call.Root);
        if (check.HasErrors)
        {
            return new(EmulatorResponse.Invalid(check.Errors));
        }

        var id = "richmenu-" + Ids.Token(32, 0x44);
        var body = new JsonObject { ["richMenuId"] = id };
        foreach (var name in (string[])["size", "selected", "name", "chatBarText", "areas"])
        {
            body[name] = JsonNode.Parse(call.Root.GetProperty(name).GetRawText());
        }

        lock (_richMenuGate)
        {
            if (_richMenus.Count >= MaxRichMenus)
            {
                return new(EmulatorResponse.Error(400, "The number of rich menus has reached the upper limit (1000)"));
            }

            _richMenus[id] = new RichMenu(id, body);
            _richMenuOrder.Add(id);
        }

        return new(EmulatorResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("richMenuId", id);
            w.WriteEndObject();
        }));
    }

    public ValueTask<EmulatorResponse> ValidateRichMenuAsync(EmulatorCall call)
    {
        var check = CheckRichMenu(call.Root);
        return new(check.HasErrors ? EmulatorResponse.Invalid(check.Errors) : EmulatorResponse.Ok());
    }

    public ValueTask<EmulatorResponse> GetRichMenuAsync(EmulatorCall call)
    {
        lock (_richMenuGate)
        {
            return new(_richMenus.TryGetValue(call.Route("richMenuId") ?? "", out var menu)
                ? EmulatorResponse.Json(200, menu.Body)
                : EmulatorResponse.NotFound("richmenu not found"));
        }
    }

    public ValueTask<EmulatorResponse> ListRichMenusAsync(EmulatorCall call)
    {
        lock (_richMenuGate)
        {
            var list = new JsonArray();
            foreach (var id in _richMenuOrder)
            {
                list.Add(_richMenus[id].Body.DeepClone());
            }

            return new(EmulatorResponse.Json(200, new JsonObject { ["richmenus"] = list }));
        }
    }

    public ValueTask<EmulatorResponse> DeleteRichMenuAsync(EmulatorCall call)
    {
        var id = call.Route("richMenuId") ?? "";
        lock (_richMenuGate)
        {
            if (!_richMenus.Remove(id))
            {
                return new(EmulatorResponse.NotFound("richmenu not found"));
            }

            _richMenuOrder.Remove(id);
            if (_defaultRichMenu == id)
            {
                _defaultRichMenu = null;
            }

            foreach (var user in _userRichMenus.Where(p => p.Value == id).Select(p => p.Key).ToList())
            {
                _userRichMenus.Remove(user);
            }

            foreach (var alias in _richMenuAliases.Where(p => p.Value == id).Select(p => p.Key).ToList())
            {
                _richMenuAliases.Remove(alias);
                _aliasOrder.Remove(alias);
            }
        }

        return new(EmulatorResponse.Ok());
    }

    public ValueTask<EmulatorResponse> UploadRichMenuImageAsync(EmulatorCall call)
    {
        var contentType = (call.Http.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (contentType is not ("image/jpeg" or "image/png"))
        {
            return new(EmulatorResponse.Error(415, $"The content type, '{call.Http.Request.ContentType}', is not supported"));
        }

        var image = call.Body;
        if (image.Length == 0)
        {
            return new(EmulatorResponse.Error(400, "The request body is empty"));
        }

        if (image.Length > MaxRichMenuImageBytes)
        {
            return new(EmulatorResponse.Error(413, "The image must be 1 MB or smaller"));
        }

        var isJpeg = image.AsSpan().StartsWith(JpegMagic);
        var isPng = image.AsSpan().StartsWith(PngMagic);
        if (contentType == "image/jpeg" ? !isJpeg : !isPng)
        {
            return new(EmulatorResponse.Error(400, "The image data does not match the content type"));
        }

        lock (_richMenuGate)
        {
            if (!_richMenus.TryGetValue(call.Route("richMenuId") ?? "", out var menu))
            {
                return new(EmulatorResponse.NotFound("richmenu not found"));
            }

            if (menu.Image is not null)
            {
                return new(EmulatorResponse.Error(400, "An image has already been uploaded to the richmenu"));
            }

            menu.Image = image;
            menu.ImageType = contentType;
        }

        return new(EmulatorResponse.Ok());
    }

    public ValueTask<EmulatorResponse> DownloadRichMenuImageAsync(EmulatorCall call)
    {
        lock (_richMenuGate)
        {
            if (!_richMenus.TryGetValue(call.Route("richMenuId") ?? "", out var menu))
            {
                return new(EmulatorResponse.NotFound("richmenu not found"));
            }

            return new(menu.Image is null
                ? EmulatorResponse.NotFound("An image has not been uploaded to the richmenu")
                : EmulatorResponse.Binary(menu.Image, menu.ImageType!));
        }
    }

    /// <summary>A rich menu that can be shown: it exists and has its image (LINE refuses to link one without).</summary>
    private EmulatorResponse? CheckLinkable(string richMenuId, bool inBody)
    {
        if (!_richMenus.TryGetValue(richMenuId, out var menu))
        {
            return inBody ? EmulatorResponse.Invalid("richMenuId", "richmenu not found") : EmulatorResponse.NotFound("richmenu not found");
        }

        return menu.Image is null ? EmulatorResponse.Error(400, "An image has not been uploaded to the richmenu") : null;
    }

    public ValueTask<EmulatorResponse> SetDefaultRichMenuAsync(EmulatorCall call)
    {
        var id = call.Route("richMenuId") ?? "";
        lock (_richMenuGate)
        {
            if (CheckLinkable(id, inBody: false) is { } refused)
            {
                return new(refused);
            }

            _defaultRichMenu = id;
        }

        return new(EmulatorResponse.Ok());
    }

    public ValueTask<EmulatorResponse> GetDefaultRichMenuAsync(EmulatorCall call)
    {
        var id = DefaultRichMenuId;
        return new(id is null
            ? EmulatorResponse.NotFound("no default richmenu")
            : EmulatorResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("richMenuId", id);
                w.WriteEndObject();
            }));
    }

    public ValueTask<EmulatorResponse> CancelDefaultRichMenuAsync(EmulatorCall call)
    {
        lock (_richMenuGate)
        {
            _defaultRichMenu = null;
        }

        return new(EmulatorResponse.Ok());
    }

    private EmulatorResponse? CheckPathUserId(string? userId) =>
        string.IsNullOrEmpty(userId) || (ValidateUserIds && !BodyChecker.IsUserId(userId))
            ? EmulatorResponse.Error(400, "The value for the 'userId' parameter is invalid")
            : null;

    public ValueTask<EmulatorResponse> LinkRichMenuAsync(EmulatorCall call)
    {
        var userId = call.Route("userId");
        if (CheckPathUserId(userId) is { } invalid)
        {
            return new(invalid);
        }

        var id = call.Route("richMenuId") ?? "";
        lock (_richMenuGate)
        {
            if (CheckLinkable(id, inBody: false) is { } refused)
            {
                return new(refused);
            }

            _userRichMenus[userId!] = id;
        }

        return new(EmulatorResponse.Ok());
    }

    public ValueTask<EmulatorResponse> GetUserRichMenuAsync(EmulatorCall call)
    {
        var userId = call.Route("userId");
        if (CheckPathUserId(userId) is { } invalid)
        {
            return new(invalid);
        }

        string? id;
        lock (_richMenuGate)
        {
            _userRichMenus.TryGetValue(userId!, out id);
        }

        return new(id is null
            ? EmulatorResponse.NotFound("the user has no richmenu")
            : EmulatorResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("richMenuId", id);
                w.WriteEndObject();
            }));
    }

    public ValueTask<EmulatorResponse> UnlinkRichMenuAsync(EmulatorCall call)
    {
        var userId = call.Route("userId");
        if (CheckPathUserId(userId) is { } invalid)
        {
            return new(invalid);
        }

        lock (_richMenuGate)
        {
            _userRichMenus.Remove(userId!);
        }

        return new(EmulatorResponse.Ok());
    }

    private List<string>? CheckUserIds(BodyChecker check, JsonElement root)
    {
        if (check.RequiredArray(root, "userIds", "userIds", 1, 500) is not { } array)
        {
            return null;
        }

        var ids = new List<string>();
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            var id = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
            if (id is null || (ValidateUserIds && !BodyChecker.IsUserId(id)))
            {
                check.Add(BodyChecker.Item("userIds", i), "Must be a valid user ID");
            }
            else
            {
                ids.Add(id);
            }

            i++;
        }

        return ids;
    }

    public ValueTask<EmulatorResponse> BulkLinkRichMenuAsync(EmulatorCall call)
    {
        var check = new BodyChecker();
        var richMenuId = check.RequiredString(call.Root, "richMenuId", "richMenuId");
        var userIds = CheckUserIds(check, call.Root);
        if (check.HasErrors)
        {
            return new(EmulatorResponse.Invalid(check.Errors));
        }

        lock (_richMenuGate)
        {
            if (CheckLinkable(richMenuId!, inBody: true) is { } refused)
            {
                return new(refused);
            }

            foreach (var userId in userIds!)
            {
                _userRichMenus[userId] = richMenuId!;
            }
        }

        return new(EmulatorResponse.Ok(202));
    }

    public ValueTask<EmulatorResponse> BulkUnlinkRichMenuAsync(EmulatorCall call)
    {
        var check = new BodyChecker();
        var userIds = CheckUserIds(check, call.Root);
        if (check.HasErrors)
        {
            return new(EmulatorResponse.Invalid(check.Errors));
        }

        lock (_richMenuGate)
        {
            foreach (var userId in userIds!)
            {
                _userRichMenus.Remove(userId);
            }
        }

        return new(EmulatorResponse.Ok(202));
    }

    public ValueTask<EmulatorResponse> CreateRichMenuAliasAsync(EmulatorCall call)
    {
        var check = new BodyChecker();
        var alias = check.RequiredString(call.Root, "richMenuAliasId", "richMenuAliasId", 32);
        var richMenuId = check.RequiredString(call.Root, "richMenuId", "richMenuId");
        if (alias is not null && !AliasPattern().IsMatch(alias))
        {
            check.Add("richMenuAliasId", "Must match the pattern ^[a-z0-9_-]{1,32}$");
        }

        if (check.HasErrors)
        {
            return new(EmulatorResponse.Invalid(check.Errors));
        }

        lock (_richMenuGate)
        {
            if (CheckLinkable(richMenuId!, inBody: true) is { } refused)
            {
                return new(refused);
            }

            if (_richMenuAliases.ContainsKey(alias!))
            {
                return new(EmulatorResponse.Error(400, "conflict richmenu alias id"));
            }

            _richMenuAliases[alias!] = richMenuId!;
            _aliasOrder.Add(alias!);
        }

        return new(EmulatorResponse.Ok());
    }

    public ValueTask<EmulatorResponse> GetRichMenuAliasAsync(EmulatorCall call)
    {
        var alias = call.Route("richMenuAliasId") ?? "";
        lock (_richMenuGate)
        {
            return new(_richMenuAliases.TryGetValue(alias, out var id)
                ? EmulatorResponse.Json(200, new JsonObject { ["richMenuAliasId"] = alias, ["richMenuId"] = id })
                : EmulatorResponse.NotFound("richmenu alias not found"));
        }
    }

    public ValueTask<EmulatorResponse> UpdateRichMenuAliasAsync(EmulatorCall call)
    {
        var alias = call.Route("richMenuAliasId") ?? "";
        var check = new BodyChecker();
        var richMenuId = check.RequiredString(call.Root, "richMenuId", "richMenuId");
        if (check.HasErrors)
        {
            return new(EmulatorResponse.Invalid(check.Errors));
        }

        lock (_richMenuGate)
        {
            if (!_richMenuAliases.ContainsKey(alias))
            {
                return new(EmulatorResponse.Error(400, "richmenu alias not found"));
            }

            if (CheckLinkable(richMenuId!, inBody: true) is { } refused)
            {
                return new(refused);
            }

            _richMenuAliases[alias] = richMenuId!;
        }

        return new(EmulatorResponse.Ok());
    }

    public ValueTask<EmulatorResponse> DeleteRichMenuAliasAsync(EmulatorCall call)
    {
        var alias = call.Route("richMenuAliasId") ?? "";
        lock (_richMenuGate)
        {
            if (!_richMenuAliases.Remove(alias))
            {
                return new(EmulatorResponse.Error(400, "richmenu alias not found"));
            }

            _aliasOrder.Remove(alias);
        }

        return new(EmulatorResponse.Ok());
    }

    public ValueTask<EmulatorResponse> ListRichMenuAliasesAsync(EmulatorCall call)
    {
        lock (_richMenuGate)
        {
            var list = new JsonArray();
            foreach (var alias in _aliasOrder)
            {
                list.Add(new JsonObject { ["richMenuAliasId"] = alias, ["richMenuId"] = _richMenuAliases[alias] });
            }

            return new(EmulatorResponse.Json(200, new JsonObject { ["aliases"] = list }));
        }
    }
}
