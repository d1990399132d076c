using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LineGov.Messaging.Testing;

/// <summary>A LINE user the emulated channel knows: a profile, and whether they follow the account.</summary>
/// <param name="UserId">The user id, <c>U</c> + 32 hex digits.</param>
/// <param name="DisplayName">The display name <c>GET /v2/bot/profile/{userId}</c> returns.</param>
public sealed record LineEmulatorUser(string UserId, string DisplayName)
{
    /// <summary>The user id, <c>U</c> + 32 hex digits.</summary>
    public string UserId { get; init; } = UserId;

    /// <summary>The display name.</summary>
    public string DisplayName { get; init; } = DisplayName;

    /// <summary>The profile image URL, or <see langword="null"/> when the user has none.</summary>
    public Uri? PictureUrl { get; init; }

    /// <summary>The status message, or <see langword="null"/>.</summary>
    public string? StatusMessage { get; init; }

    /// <summary>The BCP 47 language tag, or <see langword="null"/> (the user has not consented to share it).</summary>
    public string? Language { get; init; }

    /// <summary>Whether the user follows the account (false: blocked; they receive nothing). Default: yes.</summary>
    public bool IsFollower { get; init; } = true;

    /// <summary>A user id for <paramref name="index"/>: <c>U</c> + the index as 32 hex digits, stable across runs.</summary>
    public static string UserIdFor(long index) => "U" + index.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="count"/> followers with ids <see cref="UserIdFor"/>(0 … count − 1) and names
    /// <c>{displayNamePrefix} {index}</c>, for tests and benchmarks that need many recipients.
    /// </summary>
    public static IReadOnlyList<LineEmulatorUser> CreateMany(int count, string displayNamePrefix = "利用者")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var users = new LineEmulatorUser[count];
        for (var i = 0; i < count; i++)
        {
            users[i] = new LineEmulatorUser(UserIdFor(i), string.Create(CultureInfo.InvariantCulture, $"{displayNamePrefix} {i}"));
        }

        return users;
    }
}

/// <summary>
/// One message request delivered to one recipient, as the emulator's inbox records it. A multicast to 500 users is
/// 500 deliveries sharing one <see cref="RequestId"/> and one <see cref="Messages"/> list.
/// </summary>
public sealed class LineEmulatorDelivery
{
    internal LineEmulatorDelivery(long sequence, string userId, string requestId, string operation, string? retryKey,
        IReadOnlyList<JsonElement> messages, bool notificationDisabled, DateTimeOffset deliveredAt, bool isDuplicate, long contentHash)
    {
        Sequence = sequence;
        UserId = userId;
        RequestId = requestId;
        Operation = operation;
        RetryKey = retryKey;
        Messages = messages;
        NotificationDisabled = notificationDisabled;
        DeliveredAt = deliveredAt;
        IsDuplicate = isDuplicate;
        ContentHash = contentHash;
    }

    /// <summary>The delivery's position among all deliveries since start (or <see cref="LineEmulator.Reset"/>).</summary>
    public long Sequence { get; }

    /// <summary>The recipient (a user, group or room id).</summary>
    public string UserId { get; }

    /// <summary>The <c>x-line-request-id</c> of the request that delivered it.</summary>
    public string RequestId { get; }

    /// <summary>The operation: <c>replyMessage</c>, <c>pushMessage</c>, <c>multicast</c>, <c>narrowcast</c> or <c>broadcast</c>.</summary>
    public string Operation { get; }

    /// <summary>The request's <c>X-Line-Retry-Key</c>, normalized to lowercase, or <see langword="null"/>.</summary>
    public string? RetryKey { get; }

    /// <summary>The message objects, as sent (1–5).</summary>
    public IReadOnlyList<JsonElement> Messages { get; }

    /// <summary>The request's <c>notificationDisabled</c>.</summary>
    public bool NotificationDisabled { get; }

    /// <summary>When it was delivered (the emulator's clock).</summary>
    public DateTimeOffset DeliveredAt { get; }

    /// <summary>
    /// Whether the recipient had already received an identical <c>messages</c> array (byte for byte): a duplicate
    /// delivery, the thing retry keys prevent.
    /// </summary>
    public bool IsDuplicate { get; }

    /// <summary>The <c>text</c> of each text message, in order (other message types are skipped).</summary>
    public IReadOnlyList<string> Texts =>
        [.. Messages.Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
            .Select(m => m.GetProperty("text").GetString()!)];

    internal long ContentHash { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Operation} {RequestId} → {UserId}{(IsDuplicate ? " (duplicate)" : "")}";
}

/// <summary>Totals over the inbox, for exactly-once assertions.</summary>
/// <param name="TotalDeliveries">Deliveries recorded.</param>
/// <param name="Recipients">Distinct recipients with at least one delivery.</param>
/// <param name="DuplicateDeliveries">Deliveries whose recipient already had identical messages.</param>
/// <param name="RecipientsWithDuplicates">Distinct recipients with at least one duplicate.</param>
public sealed record LineEmulatorInboxStatistics(long TotalDeliveries, int Recipients, long DuplicateDeliveries, int RecipientsWithDuplicates)
{
    /// <summary>Deliveries recorded.</summary>
    public long TotalDeliveries { get; } = TotalDeliveries;

    /// <summary>Distinct recipients with at least one delivery.</summary>
    public int Recipients { get; } = Recipients;

    /// <summary>Deliveries whose recipient already had identical messages.</summary>
    public long DuplicateDeliveries { get; } = DuplicateDeliveries;

    /// <summary>Distinct recipients with at least one duplicate.</summary>
    public int RecipientsWithDuplicates { get; } = RecipientsWithDuplicates;
}

/// <summary>One request the emulator received, for assertions on what a client did.</summary>
public sealed class LineEmulatorRequest
{
    internal LineEmulatorRequest(long sequence, DateTimeOffset receivedAt, string method, string path, string? operation, string requestId,
        string? retryKey, int statusCode, string? acceptedRequestId, LineEmulatorFault fault, int recipientCount, string? errorMessage)
    {
        Sequence = sequence;
        ReceivedAt = receivedAt;
        Method = method;
        Path = path;
        Operation = operation;
        RequestId = requestId;
        RetryKey = retryKey;
        StatusCode = statusCode;
        AcceptedRequestId = acceptedRequestId;
        Fault = fault;
        RecipientCount = recipientCount;
        ErrorMessage = errorMessage;
    }

    /// <summary>The request's position in the log.</summary>
    public long Sequence { get; }

    /// <summary>When it arrived (the emulator's clock).</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path and query.</summary>
    public string Path { get; }

    /// <summary>The OpenAPI operationId (<c>pushMessage</c>, <c>multicast</c> …), or <see langword="null"/> for an unknown path.</summary>
    public string? Operation { get; }

    /// <summary>The endpoint as <c>METHOD /path</c>, e.g. <c>POST /v2/bot/message/push</c>.</summary>
    public string Endpoint => Method + " " + (Path.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? Path[..q] : Path);

    /// <summary>The <c>x-line-request-id</c> the emulator gave it.</summary>
    public string RequestId { get; }

    /// <summary>The <c>X-Line-Retry-Key</c> header as sent, or <see langword="null"/>.</summary>
    public string? RetryKey { get; }

    /// <summary>The HTTP status answered; 0 when the connection was dropped without an answer.</summary>
    public int StatusCode { get; }

    /// <summary>For a 409: the <c>x-line-accepted-request-id</c> (the request that was accepted with the key).</summary>
    public string? AcceptedRequestId { get; }

    /// <summary>The fault injected, if any.</summary>
    public LineEmulatorFault Fault { get; }

    /// <summary>How many recipients it delivered to (0 when it delivered nothing).</summary>
    public int RecipientCount { get; }

    /// <summary>LINE's <c>message</c> of an error answer, or <see langword="null"/>.</summary>
    public string? ErrorMessage { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Endpoint} → {StatusCode}{(Fault == LineEmulatorFault.None ? "" : " [" + Fault + "]")}";
}

/// <summary>What a chat-level action did: a loading animation shown or messages marked as read.</summary>
public enum LineEmulatorChatActionKind
{
    /// <summary><c>POST /v2/bot/chat/loading/start</c>.</summary>
    LoadingAnimation = 0,

    /// <summary><c>POST /v2/bot/message/markAsRead</c> or <c>POST /v2/bot/chat/markAsRead</c>.</summary>
    MarkedAsRead,
}

/// <summary>A loading animation or read mark the emulator recorded.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="UserId">The chat's user.</param>
/// <param name="LoadingSeconds">The animation's length, for <see cref="LineEmulatorChatActionKind.LoadingAnimation"/>.</param>
/// <param name="Time">When (the emulator's clock).</param>
public sealed record LineEmulatorChatAction(LineEmulatorChatActionKind Kind, string UserId, int? LoadingSeconds, DateTimeOffset Time)
{
    /// <summary>What happened.</summary>
    public LineEmulatorChatActionKind Kind { get; } = Kind;

    /// <summary>The chat's user.</summary>
    public string UserId { get; } = UserId;

    /// <summary>The animation's length in seconds, for a loading animation.</summary>
    public int? LoadingSeconds { get; } = LoadingSeconds;

    /// <summary>When (the emulator's clock).</summary>
    public DateTimeOffset Time { get; } = Time;
}

/// <summary>One webhook request the emulator posted to an app, and what the app answered.</summary>
public sealed class LineEmulatorWebhookDelivery
{
    internal LineEmulatorWebhookDelivery(Uri target, ReadOnlyMemory<byte> body, string signature, IReadOnlyList<JsonObject> events, bool isRedelivery,
        DateTimeOffset sentAt, int? statusCode, TimeSpan duration, string? error)
    {
        Target = target;
        Body = body;
        Signature = signature;
        _events = events;
        IsRedelivery = isRedelivery;
        SentAt = sentAt;
        StatusCode = statusCode;
        Duration = duration;
        Error = error;
    }

    private readonly IReadOnlyList<JsonObject> _events;

    /// <summary>The app's URL.</summary>
    public Uri Target { get; }

    /// <summary>The exact body bytes posted (what the signature covers).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The <c>x-line-signature</c> header: Base64(HMAC-SHA256(channel secret, <see cref="Body"/>)).</summary>
    public string Signature { get; }

    /// <summary>Copies of the events posted, with their <c>webhookEventId</c> and <c>deliveryContext</c>.</summary>
    public IReadOnlyList<JsonObject> Events => [.. _events.Select(e => (JsonObject)e.DeepClone())];

    /// <summary>The events' <c>webhookEventId</c>s, in order.</summary>
    public IReadOnlyList<string> WebhookEventIds => [.. _events.Select(e => (string)e["webhookEventId"]!)];

    /// <summary>Whether the events were marked <c>deliveryContext.isRedelivery: true</c>.</summary>
    public bool IsRedelivery { get; }

    /// <summary>When it was sent (the emulator's clock).</summary>
    public DateTimeOffset SentAt { get; }

    /// <summary>The app's HTTP status, or <see langword="null"/> when no answer came (timeout, refused).</summary>
    public int? StatusCode { get; }

    /// <summary>How long the app took to answer, or until the sender gave up.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Why no answer came (timeout, connection refused …), or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>Whether the app answered 2xx in time (LINE counts anything else as a failed delivery).</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;

    internal IReadOnlyList<JsonObject> EventsNoCopy => _events;

    /// <inheritdoc/>
    public override string ToString() =>
        $"webhook → {Target} ({_events.Count} event(s){(IsRedelivery ? ", redelivery" : "")}): {(StatusCode?.ToString(CultureInfo.InvariantCulture) ?? Error)}";
}
