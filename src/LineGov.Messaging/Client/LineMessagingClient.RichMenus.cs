using System.Net.Http.Headers;

namespace LineGov.Messaging;

public partial class LineMessagingClient
{
    /// <summary>The largest rich menu image LINE accepts (1 MB).</summary>
    public const int MaxRichMenuImageBytes = 1024 * 1024;

    /// <summary>Creates a rich menu (<c>POST /v2/bot/richmenu</c>) and returns its ID; upload its image next.</summary>
    /// <exception cref="ArgumentException">The menu breaks a documented limit (checked before sending).</exception>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual async Task<string> CreateRichMenuAsync(RichMenuRequest richMenu, CancellationToken cancellationToken = default)
    {
        LineRequestValidator.Validate(richMenu);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/richmenu", "v2/bot/richmenu", LineRateLimitGroup.RichMenuWrite,
            Content: Json(richMenu, LineMessagingJsonContext.Default.RichMenuRequest));
        var response = await SendForJsonAsync(line, LineMessagingJsonContext.Default.RichMenuIdResponse, cancellationToken).ConfigureAwait(false);
        return response.RichMenuId;
    }

    /// <summary>Asks LINE whether a rich menu is valid (<c>POST /v2/bot/richmenu/validate</c>); an invalid menu is a result.</summary>
    /// <exception cref="ArgumentException">The menu breaks a documented limit (checked before sending).</exception>
    /// <exception cref="LineApiException">LINE failed otherwise.</exception>
    public virtual Task<LineValidationResult> ValidateRichMenuAsync(RichMenuRequest richMenu, CancellationToken cancellationToken = default)
    {
        LineRequestValidator.Validate(richMenu);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/richmenu/validate", "v2/bot/richmenu/validate", LineRateLimitGroup.Default,
            Content: Json(richMenu, LineMessagingJsonContext.Default.RichMenuRequest));
        return ValidateAsync(line, cancellationToken);
    }

    /// <summary>Gets a rich menu (<c>GET /v2/bot/richmenu/{richMenuId}</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<RichMenuResponse> GetRichMenuAsync(string richMenuId, CancellationToken cancellationToken = default) =>
        SendForJsonAsync(
            new LineRequest(HttpMethod.Get, "/v2/bot/richmenu/{richMenuId}", "v2/bot/richmenu/" + Segment(richMenuId, nameof(richMenuId)), LineRateLimitGroup.Default),
            LineMessagingJsonContext.Default.RichMenuResponse,
            cancellationToken);

    /// <summary>Lists the rich menus of the channel (<c>GET /v2/bot/richmenu/list</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<RichMenuListResponse> GetRichMenuListAsync(CancellationToken cancellationToken = default) =>
        SendForJsonAsync(
            new LineRequest(HttpMethod.Get, "/v2/bot/richmenu/list", "v2/bot/richmenu/list", LineRateLimitGroup.Default),
            LineMessagingJsonContext.Default.RichMenuListResponse,
            cancellationToken);

    /// <summary>Deletes a rich menu (<c>DELETE /v2/bot/richmenu/{richMenuId}</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task DeleteRichMenuAsync(string richMenuId, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(
            new LineRequest(HttpMethod.Delete, "/v2/bot/richmenu/{richMenuId}", "v2/bot/richmenu/" + Segment(richMenuId, nameof(richMenuId)), LineRateLimitGroup.RichMenuWrite),
            cancellationToken);

    /// <summary>
    /// Uploads a rich menu's image (<c>POST /v2/bot/richmenu/{richMenuId}/content</c> on api-data): JPEG or PNG, at
    /// most 1 MB, the size the menu declares. The image is read into memory first so a retry can send it again; the
    /// caller keeps and disposes <paramref name="image"/>.
    /// </summary>
    /// <param name="richMenuId">The rich menu.</param>
    /// <param name="image">The image bytes, read from the current position.</param>
    /// <param name="contentType"><c>image/png</c> or <c>image/jpeg</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">Another content type, or an image over 1 MB.</exception>
    /// <exception cref="LineApiException">LINE refused the request (an image was already uploaded, a wrong size).</exception>
    public virtual async Task UploadRichMenuImageAsync(string richMenuId, Stream image, string contentType, CancellationToken cancellationToken = default)
    {
        var segment = Segment(richMenuId, nameof(richMenuId));
        ArgumentNullException.ThrowIfNull(image);
        if (contentType is not ("image/png" or "image/jpeg"))
        {
            throw new ArgumentException("A rich menu image is image/png or image/jpeg.", nameof(contentType));
        }

        var bytes = await ReadAtMostAsync(image, MaxRichMenuImageBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"A rich menu image is at most {MaxRichMenuImageBytes:N0} bytes.", nameof(image));
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/richmenu/{richMenuId}/content", "v2/bot/richmenu/" + segment + "/content", LineRateLimitGroup.Default,
            Data: true, Content: content);
        await SendNoContentAsync(line, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads a rich menu's image (<c>GET /v2/bot/richmenu/{richMenuId}/content</c> on api-data), streamed; dispose the stream.</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<Stream> GetRichMenuImageAsync(string richMenuId, CancellationToken cancellationToken = default) =>
        StreamAsync(
            new LineRequest(HttpMethod.Get, "/v2/bot/richmenu/{richMenuId}/content", "v2/bot/richmenu/" + Segment(richMenuId, nameof(richMenuId)) + "/content", LineRateLimitGroup.Default, Data: true),
            cancellationToken);

    /// <summary>Makes a rich menu the default for every user without their own (<c>POST /v2/bot/user/all/richmenu/{richMenuId}</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task SetDefaultRichMenuAsync(string richMenuId, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(
            new LineRequest(HttpMethod.Post, "/v2/bot/user/all/richmenu/{richMenuId}", "v2/bot/user/all/richmenu/" + Segment(richMenuId, nameof(richMenuId)), LineRateLimitGroup.Default),
            cancellationToken);

    /// <summary>Gets the default rich menu's ID (<c>GET /v2/bot/user/all/richmenu</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request (404 when none is set).</exception>
    public virtual async Task<string> GetDefaultRichMenuIdAsync(CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(
            new LineRequest(HttpMethod.Get, "/v2/bot/user/all/richmenu", "v2/bot/user/all/richmenu", LineRateLimitGroup.Default),
            LineMessagingJsonContext.Default.RichMenuIdResponse,
            cancellationToken).ConfigureAwait(false)).RichMenuId;

    /// <summary>Clears the default rich menu (<c>DELETE /v2/bot/user/all/richmenu</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task CancelDefaultRichMenuAsync(CancellationToken cancellationToken = default) =>
        SendNoContentAsync(new LineRequest(HttpMethod.Delete, "/v2/bot/user/all/richmenu", "v2/bot/user/all/richmenu", LineRateLimitGroup.Default), cancellationToken);

    /// <summary>Links a rich menu to one user (<c>POST /v2/bot/user/{userId}/richmenu/{richMenuId}</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task LinkRichMenuToUserAsync(string userId, string richMenuId, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(
            new LineRequest(HttpMethod.Post, "/v2/bot/user/{userId}/richmenu/{richMenuId}",
                "v2/bot/user/" + Segment(userId, nameof(userId)) + "/richmenu/" + Segment(richMenuId, nameof(richMenuId)), LineRateLimitGroup.Default),
            cancellationToken);

    /// <summary>Unlinks the rich menu of one user (<c>DELETE /v2/bot/user/{userId}/richmenu</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task UnlinkRichMenuFromUserAsync(string userId, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(
            new LineRequest(HttpMethod.Delete, "/v2/bot/user/{userId}/richmenu", "v2/bot/user/" + Segment(userId, nameof(userId)) + "/richmenu", LineRateLimitGroup.Default),
            cancellationToken);

    /// <summary>Gets the ID of the rich menu linked to a user (<c>GET /v2/bot/user/{userId}/richmenu</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request (404 when none is linked).</exception>
    public virtual async Task<string> GetRichMenuIdOfUserAsync(string userId, CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(
            new LineRequest(HttpMethod.Get, "/v2/bot/user/{userId}/richmenu", "v2/bot/user/" + Segment(userId, nameof(userId)) + "/richmenu", LineRateLimitGroup.Default),
            LineMessagingJsonContext.Default.RichMenuIdResponse,
            cancellationToken).ConfigureAwait(false)).RichMenuId;

    /// <summary>Links a rich menu to up to 500 users (<c>POST /v2/bot/richmenu/bulk/link</c>, answered 202).</summary>
    /// <exception cref="ArgumentException">No users, more than 500, or an empty ID.</exception>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task LinkRichMenuToUsersAsync(string richMenuId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(richMenuId);
        LineRequestValidator.ValidateUserIds(userIds, LineRequestValidator.MaxBulkRichMenuUsers, nameof(userIds));
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/richmenu/bulk/link", "v2/bot/richmenu/bulk/link", LineRateLimitGroup.Default,
            Content: Json(new RichMenuBulkLinkRequest(richMenuId, userIds), LineMessagingJsonContext.Default.RichMenuBulkLinkRequest));
        return SendNoContentAsync(line, cancellationToken);
    }

    /// <summary>Unlinks the rich menus of up to 500 users (<c>POST /v2/bot/richmenu/bulk/unlink</c>, answered 202).</summary>
    /// <exception cref="ArgumentException">No users, more than 500, or an empty ID.</exception>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task UnlinkRichMenuFromUsersAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        LineRequestValidator.ValidateUserIds(userIds, LineRequestValidator.MaxBulkRichMenuUsers, nameof(userIds));
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/richmenu/bulk/unlink", "v2/bot/richmenu/bulk/unlink", LineRateLimitGroup.Default,
            Content: Json(new RichMenuBulkUnlinkRequest(userIds), LineMessagingJsonContext.Default.RichMenuBulkUnlinkRequest));
        return SendNoContentAsync(line, cancellationToken);
    }

    /// <summary>Creates a rich menu alias (<c>POST /v2/bot/richmenu/alias</c>), for <see cref="RichMenuSwitchAction"/>.</summary>
    /// <param name="richMenuAliasId">1 to 32 of <c>a-z 0-9 _ -</c>, unique in the channel.</param>
    /// <param name="richMenuId">The rich menu it points at.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The alias ID breaks LINE's pattern.</exception>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task CreateRichMenuAliasAsync(string richMenuAliasId, string richMenuId, CancellationToken cancellationToken = default)
    {
        LineRequestValidator.ValidateRichMenuAliasId(richMenuAliasId);
        ArgumentException.ThrowIfNullOrWhiteSpace(richMenuId);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/richmenu/alias", "v2/bot/richmenu/alias", LineRateLimitGroup.Default,
            Content: Json(new RichMenuAliasRequest(richMenuAliasId, richMenuId), LineMessagingJsonContext.Default.RichMenuAliasRequest));
        return SendNoContentAsync(line, cancellationToken);
    }

    /// <summary>Points an alias at another rich menu (<c>POST /v2/bot/richmenu/alias/{richMenuAliasId}</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task UpdateRichMenuAliasAsync(string richMenuAliasId, string richMenuId, CancellationToken cancellationToken = default)
    {
        var segment = Segment(richMenuAliasId, nameof(richMenuAliasId));
        ArgumentException.ThrowIfNullOrWhiteSpace(richMenuId);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/richmenu/alias/{richMenuAliasId}", "v2/bot/richmenu/alias/" + segment, LineRateLimitGroup.Default,
            Content: Json(new RichMenuAliasRequest(null, richMenuId), LineMessagingJsonContext.Default.RichMenuAliasRequest));
        return SendNoContentAsync(line, cancellationToken);
    }

    /// <summary>Deletes a rich menu alias (<c>DELETE /v2/bot/richmenu/alias/{richMenuAliasId}</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task DeleteRichMenuAliasAsync(string richMenuAliasId, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(
            new LineRequest(HttpMethod.Delete, "/v2/bot/richmenu/alias/{richMenuAliasId}", "v2/bot/richmenu/alias/" + Segment(richMenuAliasId, nameof(richMenuAliasId)), LineRateLimitGroup.Default),
            cancellationToken);

    /// <summary>Gets a rich menu alias (<c>GET /v2/bot/richmenu/alias/{richMenuAliasId}</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<RichMenuAliasResponse> GetRichMenuAliasAsync(string richMenuAliasId, CancellationToken cancellationToken = default) =>
        SendForJsonAsync(
            new LineRequest(HttpMethod.Get, "/v2/bot/richmenu/alias/{richMenuAliasId}", "v2/bot/richmenu/alias/" + Segment(richMenuAliasId, nameof(richMenuAliasId)), LineRateLimitGroup.Default),
            LineMessagingJsonContext.Default.RichMenuAliasResponse,
            cancellationToken);

    /// <summary>Lists the rich menu aliases (<c>GET /v2/bot/richmenu/alias/list</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<RichMenuAliasListResponse> GetRichMenuAliasListAsync(CancellationToken cancellationToken = default) =>
        SendForJsonAsync(
            new LineRequest(HttpMethod.Get, "/v2/bot/richmenu/alias/list", "v2/bot/richmenu/alias/list", LineRateLimitGroup.Default),
            LineMessagingJsonContext.Default.RichMenuAliasListResponse,
            cancellationToken);

    /// <summary>Reads at most <paramref name="max"/> bytes; null when the stream holds more.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream stream, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
