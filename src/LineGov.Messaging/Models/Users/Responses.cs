using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging;

/// <summary>The progress of a narrowcast (spec schema <c>NarrowcastProgressResponse</c>).</summary>
public sealed class NarrowcastProgressResponse
{
    /// <summary>The phase: waiting, sending, succeeded or failed.</summary>
    [JsonInclude]
    public NarrowcastPhase Phase { get; internal set; }

    /// <summary>Users who received the messages.</summary>
    [JsonInclude]
    public long? SuccessCount { get; internal set; }

    /// <summary>Users the messages could not be sent to.</summary>
    [JsonInclude]
    public long? FailureCount { get; internal set; }

    /// <summary>Intended recipients.</summary>
    [JsonInclude]
    public long? TargetCount { get; internal set; }

    /// <summary>Why the send failed (phase failed only).</summary>
    [JsonInclude]
    public string? FailedDescription { get; internal set; }

    /// <summary>
    /// Error summary (phase failed only): 1 internal error, 2 too few recipients, 3 a retried request was already
    /// accepted, 4 an audience under 50 recipients, 5 cancelled to avoid a partial delivery.
    /// </summary>
    [JsonInclude]
    public long? ErrorCode { get; internal set; }

    /// <summary>When LINE accepted the request (UTC).</summary>
    [JsonInclude]
    [JsonConverter(typeof(LineTimestampJsonConverter))]
    public DateTimeOffset AcceptedTime { get; internal set; }

    /// <summary>When processing finished (phase succeeded or failed).</summary>
    [JsonInclude]
    [JsonConverter(typeof(LineTimestampJsonConverter))]
    public DateTimeOffset? CompletedTime { get; internal set; }

    /// <summary>Whether the narrowcast is over (succeeded or failed).</summary>
    [JsonIgnore]
    public bool IsCompleted => Phase == NarrowcastPhase.Succeeded || Phase == NarrowcastPhase.Failed;

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The monthly message target limit (spec schema <c>MessageQuotaResponse</c>).</summary>
public sealed class MessageQuotaResponse
{
    /// <summary><c>none</c> or <c>limited</c>.</summary>
    [JsonInclude]
    public QuotaType Type { get; internal set; }

    /// <summary>The limit, when <see cref="Type"/> is <c>limited</c>.</summary>
    [JsonInclude]
    public long? Value { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Messages sent this month (spec schema <c>QuotaConsumptionResponse</c>).</summary>
public sealed class QuotaConsumptionResponse
{
    /// <summary>Messages counted against the quota this month.</summary>
    [JsonInclude]
    public long TotalUsage { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>A user's profile (spec schema <c>UserProfileResponse</c>). Personal data: do not log it.</summary>
public sealed class UserProfileResponse
{
    /// <summary>Display name.</summary>
    [JsonInclude]
    public string DisplayName { get; internal set; } = string.Empty;

    /// <summary>User ID.</summary>
    [JsonInclude]
    public string UserId { get; internal set; } = string.Empty;

    /// <summary>Language as a BCP 47 tag, when the user agreed to the privacy policy.</summary>
    [JsonInclude]
    public string? Language { get; internal set; }

    /// <summary>Profile image URL, when the user has one.</summary>
    [JsonInclude]
    public string? PictureUrl { get; internal set; }

    /// <summary>Status message, when the user has one.</summary>
    [JsonInclude]
    public string? StatusMessage { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One page of follower IDs (spec schema <c>GetFollowersResponse</c>).</summary>
public sealed class GetFollowersResponse
{
    /// <summary>User IDs of this page.</summary>
    [JsonInclude]
    public IReadOnlyList<string> UserIds { get; internal set; } = [];

    /// <summary>Continuation token for the next page, absent on the last.</summary>
    [JsonInclude]
    public string? Next { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Whether a user's video or audio is ready to download (spec schema <c>GetMessageContentTranscodingResponse</c>).</summary>
public sealed class MessageContentTranscodingResponse
{
    /// <summary><c>processing</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    [JsonInclude]
    public ContentTranscodingStatus Status { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Body of the loading animation request (spec schema <c>ShowLoadingAnimationRequest</c>).</summary>
internal sealed class ShowLoadingAnimationRequest
{
    public ShowLoadingAnimationRequest(string chatId, int? loadingSeconds)
    {
        ChatId = chatId;
        LoadingSeconds = loadingSeconds;
    }

    public string ChatId { get; }

    public int? LoadingSeconds { get; }
}

/// <summary>Body of mark-as-read by token (spec schema <c>MarkMessagesAsReadByTokenRequest</c>).</summary>
internal sealed class MarkMessagesAsReadByTokenRequest
{
    public MarkMessagesAsReadByTokenRequest(string markAsReadToken) => MarkAsReadToken = markAsReadToken;

    public string MarkAsReadToken { get; }
}

/// <summary>Body of the partner mark-as-read by user (spec schema <c>MarkMessagesAsReadRequest</c>).</summary>
internal sealed class MarkMessagesAsReadRequest
{
    public MarkMessagesAsReadRequest(ChatReference chat) => Chat = chat;

    public ChatReference Chat { get; }
}

/// <summary>Spec schema <c>ChatReference</c>.</summary>
internal sealed class ChatReference
{
    public ChatReference(string userId) => UserId = userId;

    public string UserId { get; }
}
