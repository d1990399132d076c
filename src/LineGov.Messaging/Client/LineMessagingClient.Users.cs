using System.Globalization;
using System.Runtime.CompilerServices;

namespace LineGov.Messaging;

public partial class LineMessagingClient
{
    /// <summary>The most follower IDs LINE returns per page.</summary>
    public const int MaxFollowerPageSize = 1000;

    /// <summary>Gets a user's profile (<c>GET /v2/bot/profile/{userId}</c>). The profile is personal data: do not log it.</summary>
    /// <exception cref="LineApiException">LINE refused the request (404 when the user is not a friend).</exception>
    public virtual Task<UserProfileResponse> GetProfileAsync(string userId, CancellationToken cancellationToken = default)
    {
        var line = new LineRequest(HttpMethod.Get, "/v2/bot/profile/{userId}", "v2/bot/profile/" + Segment(userId, nameof(userId)), LineRateLimitGroup.Default);
        return SendForJsonAsync(line, LineMessagingJsonContext.Default.UserProfileResponse, cancellationToken);
    }

    /// <summary>Gets one page of follower IDs (<c>GET /v2/bot/followers/ids</c>).</summary>
    /// <param name="start">The <c>next</c> token of the previous page; null for the first.</param>
    /// <param name="limit">IDs per page, 1 to 1,000 (LINE's default 300 when null).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LineApiException">LINE refused the request (403 for unverified accounts).</exception>
    public virtual Task<GetFollowersResponse> GetFollowersPageAsync(string? start = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        LineRequestValidator.ValidateFollowerLimit(limit);
        var query = new List<string>(2);
        if (!string.IsNullOrEmpty(start))
        {
            query.Add("start=" + Uri.EscapeDataString(start));
        }

        if (limit is { } value)
        {
            query.Add("limit=" + value.ToString(CultureInfo.InvariantCulture));
        }

        var path = "v2/bot/followers/ids" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
        var line = new LineRequest(HttpMethod.Get, "/v2/bot/followers/ids", path, LineRateLimitGroup.Default);
        return SendForJsonAsync(line, LineMessagingJsonContext.Default.GetFollowersResponse, cancellationToken);
    }

    /// <summary>
    /// Every follower ID, page by page along the <c>next</c> token: one request per page, made as the caller
    /// enumerates, so stopping early costs nothing more.
    /// </summary>
    /// <param name="limit">IDs per request, 1 to 1,000 (LINE's default 300 when null).</param>
    /// <param name="cancellationToken">Cancels the enumeration (so does <c>WithCancellation</c>).</param>
    /// <example>
    /// <code>
    /// await foreach (var userId in client.GetFollowerIdsAsync(limit: 1000, cancellationToken))
    /// {
    ///     …
    /// }
    /// </code>
    /// </example>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1 to 1,000 (thrown at once).</exception>
    /// <exception cref="LineApiException">LINE refused a page request.</exception>
    public virtual IAsyncEnumerable<string> GetFollowerIdsAsync(int? limit = null, CancellationToken cancellationToken = default)
    {
        LineRequestValidator.ValidateFollowerLimit(limit);
        return EnumerateFollowerIdsAsync(limit, cancellationToken);
    }

    private async IAsyncEnumerable<string> EnumerateFollowerIdsAsync(int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? start = null;
        do
        {
            var page = await GetFollowersPageAsync(start, limit, cancellationToken).ConfigureAwait(false);
            foreach (var userId in page.UserIds)
            {
                yield return userId;
            }

            if (page.Next is not null && string.Equals(page.Next, start, StringComparison.Ordinal))
            {
                // The same token twice would loop for ever.
                throw new LineApiException(default, "LINE returned the same continuation token twice while listing followers.", [], null, "GET /v2/bot/followers/ids");
            }

            start = page.Next;
        }
        while (!string.IsNullOrEmpty(start));
    }

    /// <summary>
    /// Shows a loading animation in a one-on-one chat until a message arrives or the time runs out
    /// (<c>POST /v2/bot/chat/loading/start</c>).
    /// </summary>
    /// <param name="chatId">The user ID of the chat.</param>
    /// <param name="loadingSeconds">5 to 60 in steps of 5 (LINE's default 20 when null).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="loadingSeconds"/> is not 5, 10, … 60.</exception>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task ShowLoadingAnimationAsync(string chatId, int? loadingSeconds = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        LineRequestValidator.ValidateLoadingSeconds(loadingSeconds);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/chat/loading/start", "v2/bot/chat/loading/start", LineRateLimitGroup.Default,
            Content: Json(new ShowLoadingAnimationRequest(chatId, loadingSeconds), LineMessagingJsonContext.Default.ShowLoadingAnimationRequest));
        return SendNoContentAsync(line, cancellationToken);
    }

    /// <summary>Marks a user's messages as read with the <c>markAsReadToken</c> of a webhook event (<c>POST /v2/bot/chat/markAsRead</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request (400 for a token of another bot).</exception>
    public virtual Task MarkAsReadAsync(string markAsReadToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(markAsReadToken);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/chat/markAsRead", "v2/bot/chat/markAsRead", LineRateLimitGroup.Default,
            Content: Json(new MarkMessagesAsReadByTokenRequest(markAsReadToken), LineMessagingJsonContext.Default.MarkMessagesAsReadByTokenRequest));
        return SendNoContentAsync(line, cancellationToken);
    }

    /// <summary>
    /// Marks every message from a user as read (<c>POST /v2/bot/message/markAsRead</c>; a partner API that LINE
    /// enables only for some corporate accounts).
    /// </summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task MarkAsReadByUserIdAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/message/markAsRead", "v2/bot/message/markAsRead", LineRateLimitGroup.Default,
            Content: Json(new MarkMessagesAsReadRequest(new ChatReference(userId)), LineMessagingJsonContext.Default.MarkMessagesAsReadRequest));
        return SendNoContentAsync(line, cancellationToken);
    }
}
