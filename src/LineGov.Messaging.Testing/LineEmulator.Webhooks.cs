using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LineGov.Messaging.Testing.Internal;

namespace LineGov.Messaging.Testing;

/// <summary>The webhook side: building events as LINE sends them, signing and posting them to an app, redelivering.</summary>
public sealed partial class LineEmulator
{
    /// <summary>The header LINE signs webhook bodies in.</summary>
    public const string SignatureHeader = "x-line-signature";

    private readonly ConcurrentQueue<LineEmulatorWebhookDelivery> _webhookDeliveries = new();

    /// <summary>Every webhook request posted, in order.</summary>
    public IReadOnlyList<LineEmulatorWebhookDelivery> WebhookDeliveries => [.. _webhookDeliveries];

    private void ResetWebhooks() => _webhookDeliveries.Clear();

    /// <summary>
    /// The <c>x-line-signature</c> of <paramref name="body"/>: Base64(HMAC-SHA256(<paramref name="channelSecret"/>, body bytes)).
    /// </summary>
    public static string ComputeSignature(string channelSecret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(channelSecret);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(channelSecret), body));
    }

    /// <summary>
    /// Posts <c>{"destination": …, "events": [...]}</c> to <paramref name="target"/>, signed with the channel secret in
    /// <c>x-line-signature</c>, as LINE does. Each event gets a <c>webhookEventId</c> (a ULID) unless it has one,
    /// <c>deliveryContext.isRedelivery</c> = <paramref name="redelivery"/>, and a <c>timestamp</c> and <c>mode</c> when
    /// missing. A follow event makes its user a follower; an unfollow event makes them a blocker. The app's failure
    /// (non-2xx, timeout after <see cref="LineEmulatorOptions.WebhookTimeout"/>, refused connection) is reported in the
    /// result, not thrown.
    /// </summary>
    /// <param name="target">The app's webhook URL.</param>
    /// <param name="events">The events (copied; see the <c>Create…Event</c> helpers). An empty list is LINE's connectivity check.</param>
    /// <param name="redelivery">Whether to mark the events as redelivered.</param>
    /// <param name="cancellationToken">Cancels the post (then it throws).</param>
    public async Task<LineEmulatorWebhookDelivery> SendWebhookAsync(Uri target, IEnumerable<JsonObject> events, bool redelivery = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(events);
        var now = _engine.Time.GetUtcNow();
        var prepared = new List<JsonObject>();
        foreach (var original in events)
        {
            ArgumentNullException.ThrowIfNull(original, nameof(events));
            var e = (JsonObject)original.DeepClone();
            if (e["webhookEventId"] is null)
            {
                e["webhookEventId"] = _engine.Ids.Ulid(now);
            }

            e["deliveryContext"] = new JsonObject { ["isRedelivery"] = redelivery };
            if (e["timestamp"] is null)
            {
                e["timestamp"] = now.ToUnixTimeMilliseconds();
            }

            if (e["mode"] is null)
            {
                e["mode"] = "active";
            }

            prepared.Add(e);
            ApplyFollowState(e);
        }

        return await PostAsync(target, prepared, redelivery, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Posts <paramref name="delivery"/>'s events again, with the same <c>webhookEventId</c>s and
    /// <c>deliveryContext.isRedelivery: true</c>, as LINE's webhook redelivery does after a failed delivery.
    /// </summary>
    /// <param name="delivery">An earlier delivery.</param>
    /// <param name="cancellationToken">Cancels the post (then it throws).</param>
    public async Task<LineEmulatorWebhookDelivery> RedeliverAsync(LineEmulatorWebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var events = delivery.EventsNoCopy.Select(e =>
        {
            var copy = (JsonObject)e.DeepClone();
            copy["deliveryContext"] = new JsonObject { ["isRedelivery"] = true };
            return copy;
        }).ToList();
        return await PostAsync(delivery.Target, events, true, cancellationToken).ConfigureAwait(false);
    }

    private void ApplyFollowState(JsonObject e)
    {
        var type = e["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)e["type"] : null;
        var userId = e["source"] is JsonObject source && source["userId"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? (string?)source["userId"]
            : null;
        if (userId is null)
        {
            return;
        }

        if (type == "follow")
        {
            _engine.Users.SetFollowing(userId, true);
        }
        else if (type == "unfollow")
        {
            _engine.Users.SetFollowing(userId, false);
        }
    }

    private async Task<LineEmulatorWebhookDelivery> PostAsync(Uri target, List<JsonObject> events, bool redelivery, CancellationToken cancellationToken)
    {
        var root = new JsonObject
        {
            ["destination"] = _engine.BotUserId,
            ["events"] = new JsonArray([.. events.Select(e => e.DeepClone())]),
        };
        var body = WebhookJsonWriter.Write(root, _engine.Options.WebhookEscapeNonAscii);
        var signature = ComputeSignature(_engine.ChannelSecret, body);
        var time = _engine.Time;
        var sentAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        int? status = null;
        string? error = null;

        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(SignatureHeader, signature);
        using var timeout = new CancellationTokenSource(_engine.Options.WebhookTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var response = await _webhookClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"No answer within {_engine.Options.WebhookTimeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException e)
        {
            error = e.Message;
        }

        var delivery = new LineEmulatorWebhookDelivery(target, body, signature, events, redelivery, sentAt, status, time.GetElapsedTime(started), error);
        _webhookDeliveries.Enqueue(delivery);
        return delivery;
    }

    private JsonObject BaseEvent(string type, string? userId, bool withReplyToken)
    {
        var e = new JsonObject
        {
            ["type"] = type,
            ["mode"] = "active",
            ["timestamp"] = _engine.Time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        if (userId is not null)
        {
            e["source"] = new JsonObject { ["type"] = "user", ["userId"] = userId };
        }

        if (withReplyToken && userId is not null)
        {
            e["replyToken"] = _engine.IssueReplyToken(userId);
        }

        return e;
    }

    /// <summary>
    /// A text message event from <paramref name="userId"/>, with a reply token the emulator's reply endpoint accepts
    /// once, a quote token and a <c>markAsReadToken</c>.
    /// </summary>
    public JsonObject CreateTextMessageEvent(string userId, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(text);
        var e = BaseEvent("message", userId, withReplyToken: true);
        e["message"] = new JsonObject
        {
            ["type"] = "text",
            ["id"] = _engine.Ids.MessageId(),
            ["quoteToken"] = _engine.Ids.Opaque(43, 0x99),
            ["text"] = text,
            ["markAsReadToken"] = _engine.IssueMarkAsReadToken(userId),
        };
        return e;
    }

    /// <summary>
    /// An image message event from <paramref name="userId"/>; <paramref name="content"/> is what
    /// <c>GET /v2/bot/message/{id}/content</c> on the data host then answers.
    /// </summary>
    public JsonObject CreateImageMessageEvent(string userId, ReadOnlyMemory<byte> content, string contentType = "image/jpeg")
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var messageId = _engine.Ids.MessageId();
        AddMessageContent(messageId, content, contentType);
        var e = BaseEvent("message", userId, withReplyToken: true);
        e["message"] = new JsonObject
        {
            ["type"] = "image",
            ["id"] = messageId,
            ["quoteToken"] = _engine.Ids.Opaque(43, 0x99),
            ["contentProvider"] = new JsonObject { ["type"] = "line" },
            ["markAsReadToken"] = _engine.IssueMarkAsReadToken(userId),
        };
        return e;
    }

    /// <summary>A follow event (added as a friend, or unblocked when <paramref name="isUnblocked"/>), with a reply token.</summary>
    public JsonObject CreateFollowEvent(string userId, bool isUnblocked = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var e = BaseEvent("follow", userId, withReplyToken: true);
        e["follow"] = new JsonObject { ["isUnblocked"] = isUnblocked };
        return e;
    }

    /// <summary>An unfollow event (the user blocked the account); it carries no reply token.</summary>
    public JsonObject CreateUnfollowEvent(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return BaseEvent("unfollow", userId, withReplyToken: false);
    }

    /// <summary>A postback event (a rich menu or button tap) with <paramref name="data"/> and optional <c>params</c>.</summary>
    public JsonObject CreatePostbackEvent(string userId, string data, IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(data);
        var e = BaseEvent("postback", userId, withReplyToken: true);
        var postback = new JsonObject { ["data"] = data };
        if (parameters is not null)
        {
            var values = new JsonObject();
            foreach (var (name, value) in parameters)
            {
                values[name] = value;
            }

            postback["params"] = values;
        }

        e["postback"] = postback;
        return e;
    }

    /// <summary>
    /// An event of any <paramref name="type"/>, including ones LINE may add later (apps must survive them): the common
    /// properties plus <paramref name="properties"/> (copied).
    /// </summary>
    public JsonObject CreateEvent(string type, string? userId = null, JsonObject? properties = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        var e = BaseEvent(type, userId, withReplyToken: false);
        if (properties is not null)
        {
            foreach (var (name, value) in properties)
            {
                e[name] = value?.DeepClone();
            }
        }

        return e;
    }
}
