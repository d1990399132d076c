using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>Sending: reply, push, multicast, narrowcast (+ progress), broadcast, validation, quota.</summary>
internal sealed partial class EmulatorEngine
{
    public const int MaxMulticastRecipients = 500;

    private readonly ConcurrentDictionary<string, Narrowcast> _narrowcasts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _recipientsByRequest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReplyToken> _replyTokens = new(StringComparer.Ordinal);

    private enum SendKind
    {
        Reply,
        Push,
        Multicast,
        Narrowcast,
        Broadcast,
    }

    private sealed record ReplyToken(string UserId, DateTimeOffset ExpiresAt);

    private sealed record Narrowcast(DateTimeOffset AcceptedAt, DateTimeOffset CompletesAt, long TargetCount, long SuccessCount, int? ErrorCode, string? FailedDescription);

    private void ResetMessaging()
    {
        _narrowcasts.Clear();
        _recipientsByRequest.Clear();
    }

    /// <summary>Issues a reply token for <paramref name="userId"/>, valid once, for <see cref="ReplyTokenLifetime"/>.</summary>
    public string IssueReplyToken(string userId)
    {
        var token = Ids.Token(32, 0x77);
        _replyTokens[token] = new ReplyToken(userId, Time.GetUtcNow() + ReplyTokenLifetime);
        return token;
    }

    public ValueTask<EmulatorResponse> ReplyAsync(EmulatorCall call) => new(Send(call, SendKind.Reply));

    public ValueTask<EmulatorResponse> PushAsync(EmulatorCall call) => new(Send(call, SendKind.Push));

    public ValueTask<EmulatorResponse> MulticastAsync(EmulatorCall call) => new(Send(call, SendKind.Multicast));

    public ValueTask<EmulatorResponse> NarrowcastAsync(EmulatorCall call) => new(Send(call, SendKind.Narrowcast));

    public ValueTask<EmulatorResponse> BroadcastAsync(EmulatorCall call) => new(Send(call, SendKind.Broadcast));

    private EmulatorResponse Send(EmulatorCall call, SendKind kind)
    {
        var root = call.Root;
        var check = new BodyChecker();
        string? replyToken = null;
        string? to = null;
        JsonElement? toArray = null;
        JsonElement? recipient = null;
        long? max = null;
        var upToRemainingQuota = false;
        var forbidPartialDelivery = false;
        switch (kind)
        {
            case SendKind.Reply:
                replyToken = check.RequiredString(root, "replyToken", "replyToken");
                break;
            case SendKind.Push:
                to = check.RequiredString(root, "to", "to");
                break;
            case SendKind.Multicast:
                toArray = check.RequiredArray(root, "to", "to", 1, MaxMulticastRecipients);
                if (toArray is { } ids)
                {
                    var i = 0;
                    foreach (var id in ids.EnumerateArray())
                    {
                        if (id.ValueKind != JsonValueKind.String)
                        {
                            check.Add(BodyChecker.Item("to", i), "Must be a string");
                        }

                        i++;
                    }
                }

                break;
            case SendKind.Narrowcast:
                recipient = check.OptionalObject(root, "recipient", "recipient");
                check.OptionalObject(root, "filter", "filter");
                if (check.OptionalObject(root, "limit", "limit") is { } limit)
                {
                    max = check.OptionalInteger(limit, "max", "limit.max", 1, int.MaxValue);
                    upToRemainingQuota = check.OptionalBoolean(limit, "upToRemainingQuota", "limit.upToRemainingQuota") ?? false;
                    forbidPartialDelivery = check.OptionalBoolean(limit, "forbidPartialDelivery", "limit.forbidPartialDelivery") ?? false;
                    if (forbidPartialDelivery && !upToRemainingQuota)
                    {
                        check.Add("limit.forbidPartialDelivery", "Can be true only when upToRemainingQuota is true");
                    }
                }

                break;
        }

        var messages = MessageValidator.CheckMessages(check, root);
        var notificationDisabled = check.OptionalBoolean(root, "notificationDisabled", "notificationDisabled") ?? false;
        if (check.HasErrors || messages is null)
        {
            return EmulatorResponse.Invalid(check.Errors);
        }

        // Who receives it.
        IReadOnlyList<string> recipients;
        switch (kind)
        {
            case SendKind.Reply:
                if (!_replyTokens.TryRemove(replyToken!, out var token) || token.ExpiresAt <= call.Now)
                {
                    return EmulatorResponse.Error(400, "Invalid reply token");
                }

                recipients = [token.UserId];
                break;
            case SendKind.Push:
                if (ValidateUserIds && !BodyChecker.IsChatId(to))
                {
                    return EmulatorResponse.Error(400, "The property, 'to', in the request body is invalid (line: -, column: -)");
                }

                recipients = [to!];
                break;
            case SendKind.Multicast:
                var unique = new List<string>(toArray!.Value.GetArrayLength());
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var index = 0;
                foreach (var element in toArray.Value.EnumerateArray())
                {
                    var id = element.GetString()!;
                    if (ValidateUserIds && !BodyChecker.IsUserId(id))
                    {
                        return EmulatorResponse.Error(400, string.Create(CultureInfo.InvariantCulture,
                            $"The property, 'to[{index}]', in the request body is invalid (line: -, column: -)"));
                    }

                    if (seen.Add(id))
                    {
                        unique.Add(id);
                    }

                    index++;
                }

                recipients = unique;
                break;
            case SendKind.Narrowcast:
                var target = NarrowcastTargets(recipient);
                if (target.Error is not null)
                {
                    return target.Error;
                }

                recipients = target.Users!;
                break;
            default:
                recipients = Users.Followers();
                break;
        }

        // Users who blocked the account receive nothing and are not counted.
        if (Users.AnyBlockers && recipients.Any(Users.HasBlocked))
        {
            recipients = [.. recipients.Where(id => !Users.HasBlocked(id))];
        }

        Narrowcast? narrowcast = null;
        if (kind == SendKind.Narrowcast)
        {
            var targetCount = recipients.Count;
            if (max is { } m && recipients.Count > m)
            {
                recipients = [.. recipients.Take((int)m)];
            }

            if (upToRemainingQuota)
            {
                var remaining = Quota.Remaining(Options.MonthlyQuota, call.Now);
                if (recipients.Count > remaining)
                {
                    if (forbidPartialDelivery)
                    {
                        narrowcast = new Narrowcast(call.Now, call.Now, targetCount, 0, 5,
                            "Message delivery was canceled to prevent messages from being delivered only to a subset of the target audience.");
                        recipients = [];
                    }
                    else
                    {
                        recipients = [.. recipients.Take((int)remaining)];
                    }
                }
            }

            narrowcast ??= new Narrowcast(call.Now, call.Now + NarrowcastDuration, recipients.Count, recipients.Count, null, null);
        }

        // The messages as sent, shared by every delivery of this request.
        var sent = messages.Value.Clone();
        var sentList = sent.EnumerateArray().ToArray();
        var contentHash = BitConverter.ToInt64(SHA256.HashData(JsonMarshal.GetRawUtf8Value(messages.Value)));
        byte[]? sentMessagesJson = null;
        if (kind is SendKind.Reply or SendKind.Push)
        {
            sentMessagesJson = EmulatorResponse.Write(w =>
            {
                w.WriteStartArray();
                foreach (var message in sentList)
                {
                    w.WriteStartObject();
                    w.WriteString("id", Ids.MessageId());
                    if (MessageValidator.IsQuotable(message))
                    {
                        w.WriteString("quoteToken", Ids.Opaque(43, 0x99));
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        // The retry key: claimed before delivery so a concurrent duplicate gets 409 and delivers nothing.
        AcceptedRetryKey? claim = null;
        if (call.RetryKey is { } key)
        {
            claim = new AcceptedRetryKey(call.RequestId, call.Now, sentMessagesJson);
            if (!RetryKeys.TryClaim(key, claim, RetryKeyTtl, out var accepted))
            {
                return EmulatorResponse.Error(409, RetryKeyAcceptedMessage, extra: accepted!.SentMessagesJson is { } json
                    ? w =>
                    {
                        w.WritePropertyName("sentMessages");
                        w.WriteRawValue(json, skipInputValidation: true);
                    }
                    : null) with { AcceptedRequestId = accepted.RequestId };
            }
        }

        // Replies are free; everything else costs one message per recipient.
        var cost = kind == SendKind.Reply ? 0 : recipients.Count;
        if (cost > 0 && !Quota.TryConsume(cost, Options.MonthlyQuota, call.Now))
        {
            if (claim is not null)
            {
                RetryKeys.Release(call.RetryKey!, claim);
            }

            return EmulatorResponse.Error(429, MonthlyLimitMessage);
        }

        var operation = call.Operation.OperationId;
        Inbox.Deliver(recipients, call.RequestId, operation, call.RetryKey, sentList, contentHash, notificationDisabled, call.Now);
        if (kind != SendKind.Reply)
        {
            _recipientsByRequest[call.RequestId] = [.. recipients];
        }

        if (narrowcast is not null)
        {
            _narrowcasts[call.RequestId] = narrowcast;
        }

        return kind switch
        {
            SendKind.Reply or SendKind.Push => EmulatorResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("sentMessages");
                w.WriteRawValue(sentMessagesJson!, skipInputValidation: true);
                w.WriteEndObject();
            }) with { Recipients = recipients.Count },
            SendKind.Narrowcast => EmulatorResponse.Ok(202) with { Recipients = recipients.Count },
            _ => EmulatorResponse.Ok() with { Recipients = recipients.Count },
        };
    }

    private (IReadOnlyList<string>? Users, EmulatorResponse? Error) NarrowcastTargets(JsonElement? recipient)
    {
        var followers = Users.Followers();
        if (recipient is null)
        {
            return (followers, null);
        }

        var set = Evaluate(recipient.Value, "recipient", followers, out var error);
        if (error is not null)
        {
            return (null, error);
        }

        // Followers in list order first, then anyone else the audience named, in a stable order.
        var ordered = new List<string>(set!.Count);
        foreach (var id in followers)
        {
            if (set.Remove(id))
            {
                ordered.Add(id);
            }
        }

        ordered.AddRange(set.Order(StringComparer.Ordinal));
        return (ordered, null);
    }

    private HashSet<string>? Evaluate(JsonElement node, string at, IReadOnlyList<string> followers, out EmulatorResponse? error)
    {
        error = null;
        var type = node.ValueKind == JsonValueKind.Object && node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "audience":
                if (!node.TryGetProperty("audienceGroupId", out var idElement) || !idElement.TryGetInt64(out var audienceGroupId) ||
                    AudienceMembersOf(audienceGroupId) is not { } members)
                {
                    error = EmulatorResponse.Invalid(at + ".audienceGroupId", "Audience group not found");
                    return null;
                }

                return new HashSet<string>(members, StringComparer.Ordinal);
            case "redelivery":
                if (!node.TryGetProperty("requestId", out var requestElement) || requestElement.ValueKind != JsonValueKind.String ||
                    !_recipientsByRequest.TryGetValue(requestElement.GetString()!, out var earlier))
                {
                    error = EmulatorResponse.Invalid(at + ".requestId", "Request not found");
                    return null;
                }

                return new HashSet<string>(earlier, StringComparer.Ordinal);
            case "operator":
                if (node.TryGetProperty("and", out var and) && and.ValueKind == JsonValueKind.Array)
                {
                    HashSet<string>? result = null;
                    var i = 0;
                    foreach (var operand in and.EnumerateArray())
                    {
                        var set = Evaluate(operand, BodyChecker.Item(at + ".and", i++), followers, out error);
                        if (set is null)
                        {
                            return null;
                        }

                        if (result is null)
                        {
                            result = set;
                        }
                        else
                        {
                            result.IntersectWith(set);
                        }
                    }

                    return result ?? new HashSet<string>(StringComparer.Ordinal);
                }

                if (node.TryGetProperty("or", out var or) && or.ValueKind == JsonValueKind.Array)
                {
                    var result = new HashSet<string>(StringComparer.Ordinal);
                    var i = 0;
                    foreach (var operand in or.EnumerateArray())
                    {
                        var set = Evaluate(operand, BodyChecker.Item(at + ".or", i++), followers, out error);
                        if (set is null)
                        {
                            return null;
                        }

                        result.UnionWith(set);
                    }

                    return result;
                }

                if (node.TryGetProperty("not", out var not))
                {
                    var excluded = Evaluate(not, at + ".not", followers, out error);
                    if (excluded is null)
                    {
                        return null;
                    }

                    var result = new HashSet<string>(followers, StringComparer.Ordinal);
                    result.ExceptWith(excluded);
                    return result;
                }

                error = EmulatorResponse.Invalid(at, "An operator needs one of and, or, not");
                return null;
            default:
                error = EmulatorResponse.Invalid(at + ".type", "Must be one of the following values: [operator, audience, redelivery]");
                return null;
        }
    }

    public ValueTask<EmulatorResponse> NarrowcastProgressAsync(EmulatorCall call)
    {
        var requestId = call.Query("requestId");
        if (string.IsNullOrEmpty(requestId))
        {
            return new(EmulatorResponse.Error(400, "The request parameter 'requestId' is required",
                [new ErrorDetail(BodyChecker.MayNotBeEmpty, "requestId")]));
        }

        if (!_narrowcasts.TryGetValue(requestId, out var narrowcast))
        {
            return new(EmulatorResponse.NotFound());
        }

        var done = call.Now >= narrowcast.CompletesAt;
        return new(EmulatorResponse.Json(200, w =>
        {
            w.WriteStartObject();
            if (!done)
            {
                w.WriteString("phase", "sending");
                w.WriteNumber("targetCount", narrowcast.TargetCount);
            }
            else if (narrowcast.ErrorCode is { } code)
            {
                w.WriteString("phase", "failed");
                w.WriteNumber("successCount", 0);
                w.WriteNumber("failureCount", 0);
                w.WriteNumber("targetCount", narrowcast.TargetCount);
                w.WriteString("failedDescription", narrowcast.FailedDescription);
                w.WriteNumber("errorCode", code);
            }
            else
            {
                w.WriteString("phase", "succeeded");
                w.WriteNumber("successCount", narrowcast.SuccessCount);
                w.WriteNumber("failureCount", 0);
                w.WriteNumber("targetCount", narrowcast.TargetCount);
            }

            w.WriteString("acceptedTime", FormatTime(narrowcast.AcceptedAt));
            if (done)
            {
                w.WriteString("completedTime", FormatTime(narrowcast.CompletesAt));
            }

            w.WriteEndObject();
        }));
    }

    public ValueTask<EmulatorResponse> ValidateMessagesAsync(EmulatorCall call)
    {
        var check = new BodyChecker();
        MessageValidator.CheckMessages(check, call.Root);
        return new(check.HasErrors ? EmulatorResponse.Invalid(check.Errors) : EmulatorResponse.Ok());
    }

    public ValueTask<EmulatorResponse> QuotaAsync(EmulatorCall call)
    {
        var quota = Options.MonthlyQuota;
        return new(EmulatorResponse.Json(200, w =>
        {
            w.WriteStartObject();
            if (quota is { } value)
            {
                w.WriteString("type", "limited");
                w.WriteNumber("value", value);
            }
            else
            {
                w.WriteString("type", "none");
            }

            w.WriteEndObject();
        }));
    }

    public ValueTask<EmulatorResponse> QuotaConsumptionAsync(EmulatorCall call)
    {
        var used = Quota.Used(call.Now);
        return new(EmulatorResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("totalUsage", used);
            w.WriteEndObject();
        }));
    }
}
