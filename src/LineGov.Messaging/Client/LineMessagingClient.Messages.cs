using System.Net;

namespace LineGov.Messaging;

public partial class LineMessagingClient
{
    /// <summary>Replies to a webhook event with 1 to 5 messages (<c>POST /v2/bot/message/reply</c>). Replies take no retry key.</summary>
    /// <exception cref="ArgumentException">The request breaks a documented limit (checked before sending).</exception>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual async Task<LineSendResult> ReplyAsync(ReplyMessageRequest request, CancellationToken cancellationToken = default)
    {
        LineRequestValidator.Validate(request);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/message/reply", "v2/bot/message/reply", LineRateLimitGroup.Default,
            Content: Json(request, LineMessagingJsonContext.Default.ReplyMessageRequest));
        return await SendMessagesAsync(line, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pushes 1 to 5 messages to a user, group or room (<c>POST /v2/bot/message/push</c>).</summary>
    /// <param name="request">The push.</param>
    /// <param name="retryKey">
    /// The <c>X-Line-Retry-Key</c>: give the same key when sending the same logical message again (for 24 hours) and
    /// LINE sends it once. When null the pipeline adds one; the key used is in the result.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The result; <see cref="LineSendResult.AlreadyAccepted"/> when LINE had accepted this key before.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented limit (checked before sending).</exception>
    /// <exception cref="LineApiException">LINE refused the request (a 409 without an accepted request ID included).</exception>
    public virtual async Task<LineSendResult> PushAsync(PushMessageRequest request, Guid? retryKey = null, CancellationToken cancellationToken = default)
    {
        LineRequestValidator.Validate(request);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/message/push", "v2/bot/message/push", LineRateLimitGroup.Default,
            Content: Json(request, LineMessagingJsonContext.Default.PushMessageRequest), RetryKey: retryKey);
        return await SendMessagesAsync(line, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends 1 to 5 messages to up to 500 users (<c>POST /v2/bot/message/multicast</c>).</summary>
    /// <param name="request">The multicast.</param>
    /// <param name="retryKey">The <c>X-Line-Retry-Key</c>; see <see cref="PushAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The request breaks a documented limit (checked before sending).</exception>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual async Task<LineSendResult> MulticastAsync(MulticastRequest request, Guid? retryKey = null, CancellationToken cancellationToken = default)
    {
        LineRequestValidator.Validate(request);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/message/multicast", "v2/bot/message/multicast", LineRateLimitGroup.Multicast,
            Content: Json(request, LineMessagingJsonContext.Default.MulticastRequest), RetryKey: retryKey);
        return await SendMessagesAsync(line, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a narrowcast (<c>POST /v2/bot/message/narrowcast</c>, answered 202): LINE sends asynchronously; poll
    /// <see cref="GetNarrowcastProgressAsync"/> with <see cref="LineSendResult.AcceptedRequestId"/>.
    /// </summary>
    /// <param name="request">The narrowcast.</param>
    /// <param name="retryKey">The <c>X-Line-Retry-Key</c>; see <see cref="PushAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The request breaks a documented limit (checked before sending).</exception>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual async Task<LineSendResult> NarrowcastAsync(NarrowcastRequest request, Guid? retryKey = null, CancellationToken cancellationToken = default)
    {
        LineRequestValidator.Validate(request);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/message/narrowcast", "v2/bot/message/narrowcast", LineRateLimitGroup.Narrowcast,
            Content: Json(request, LineMessagingJsonContext.Default.NarrowcastRequest), RetryKey: retryKey);
        return await SendMessagesAsync(line, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends 1 to 5 messages to every friend (<c>POST /v2/bot/message/broadcast</c>).</summary>
    /// <param name="request">The broadcast.</param>
    /// <param name="retryKey">The <c>X-Line-Retry-Key</c>; see <see cref="PushAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The request breaks a documented limit (checked before sending).</exception>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual async Task<LineSendResult> BroadcastAsync(BroadcastRequest request, Guid? retryKey = null, CancellationToken cancellationToken = default)
    {
        LineRequestValidator.Validate(request);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/message/broadcast", "v2/bot/message/broadcast", LineRateLimitGroup.Broadcast,
            Content: Json(request, LineMessagingJsonContext.Default.BroadcastRequest), RetryKey: retryKey);
        return await SendMessagesAsync(line, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the progress of a narrowcast (<c>GET /v2/bot/message/progress/narrowcast</c>).</summary>
    /// <param name="requestId">The narrowcast's request ID (<see cref="LineSendResult.AcceptedRequestId"/>).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<NarrowcastProgressResponse> GetNarrowcastProgressAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        var line = new LineRequest(HttpMethod.Get, "/v2/bot/message/progress/narrowcast",
            "v2/bot/message/progress/narrowcast?requestId=" + Uri.EscapeDataString(requestId), LineRateLimitGroup.Default);
        return SendForJsonAsync(line, LineMessagingJsonContext.Default.NarrowcastProgressResponse, cancellationToken);
    }

    /// <summary>
    /// Asks LINE whether messages are valid for a send endpoint (<c>POST /v2/bot/message/validate/{kind}</c>). An
    /// invalid message is a result with LINE's details, not an exception.
    /// </summary>
    /// <param name="kind">The send endpoint the messages are meant for.</param>
    /// <param name="messages">1 to 5 messages.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The messages break a documented limit (checked before sending).</exception>
    /// <exception cref="LineApiException">LINE failed otherwise (authentication, rate limit, server error).</exception>
    public virtual async Task<LineValidationResult> ValidateMessagesAsync(LineSendKind kind, IReadOnlyList<Message> messages, CancellationToken cancellationToken = default)
    {
        LineRequestValidator.ValidateMessages(messages);
        var segment = kind switch
        {
            LineSendKind.Reply => "reply",
            LineSendKind.Push => "push",
            LineSendKind.Multicast => "multicast",
            LineSendKind.Narrowcast => "narrowcast",
            LineSendKind.Broadcast => "broadcast",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a send endpoint."),
        };
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/message/validate/" + segment, "v2/bot/message/validate/" + segment, LineRateLimitGroup.Default,
            Content: Json(new ValidateMessageRequest(messages), LineMessagingJsonContext.Default.ValidateMessageRequest));
        return await ValidateAsync(line, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets this month's target limit of messages (<c>GET /v2/bot/message/quota</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<MessageQuotaResponse> GetMessageQuotaAsync(CancellationToken cancellationToken = default) =>
        SendForJsonAsync(
            new LineRequest(HttpMethod.Get, "/v2/bot/message/quota", "v2/bot/message/quota", LineRateLimitGroup.Default),
            LineMessagingJsonContext.Default.MessageQuotaResponse,
            cancellationToken);

    /// <summary>Gets the number of messages sent this month (<c>GET /v2/bot/message/quota/consumption</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<QuotaConsumptionResponse> GetMessageQuotaConsumptionAsync(CancellationToken cancellationToken = default) =>
        SendForJsonAsync(
            new LineRequest(HttpMethod.Get, "/v2/bot/message/quota/consumption", "v2/bot/message/quota/consumption", LineRateLimitGroup.Default),
            LineMessagingJsonContext.Default.QuotaConsumptionResponse,
            cancellationToken);

    /// <summary>Sends a reply or send request; 409 with an accepted request ID is success.</summary>
    private async Task<LineSendResult> SendMessagesAsync(LineRequest line, CancellationToken cancellationToken)
    {
        var (response, retryKey) = await SendCoreAsync(line, HttpCompletionOption.ResponseContentRead, [HttpStatusCode.Conflict], cancellationToken)
            .ConfigureAwait(false);
        using (response)
        {
            var requestId = RequestId(response);
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                var accepted = Header(response, LineEndpoints.AcceptedRequestIdHeader);
                var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                if (accepted is null)
                {
                    // A 409 that does not name an accepted request is a conflict LINE did not explain: not success.
                    throw new LineApiException(response.StatusCode, error?.Message ?? response.ReasonPhrase, error?.Details ?? [], requestId, line.Name);
                }

                Log.AlreadyAccepted(_logger, line.Name, accepted, requestId);
                return new LineSendResult(requestId, retryKey, alreadyAccepted: true, accepted, error?.SentMessages);
            }

            IReadOnlyList<SentMessage>? sent = null;
            if (line.Template is "/v2/bot/message/reply" or "/v2/bot/message/push")
            {
                sent = (await ReadJsonAsync(response, LineMessagingJsonContext.Default.SentMessagesResponse, line.Name, cancellationToken)
                    .ConfigureAwait(false))?.SentMessages;
            }

            return new LineSendResult(requestId, retryKey, alreadyAccepted: false, requestId, sent);
        }
    }

    /// <summary>Sends to a validate endpoint: 400 is an invalid result.</summary>
    private async Task<LineValidationResult> ValidateAsync(LineRequest line, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(line, cancellationToken, HttpCompletionOption.ResponseContentRead, HttpStatusCode.BadRequest).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return new LineValidationResult(isValid: true, null, null, RequestId(response));
        }

        var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        return new LineValidationResult(isValid: false, error?.Message ?? response.ReasonPhrase, error?.Details, RequestId(response));
    }
}
