using System.Collections.Concurrent;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>Message content download (api-data), loading animation, mark as read.</summary>
internal sealed partial class EmulatorEngine
{
    private readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)> _contents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _markAsReadTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LineEmulatorChatAction> _chatActions = new();

    public IReadOnlyList<LineEmulatorChatAction> ChatActions => [.. _chatActions];

    private void ResetChat() => _chatActions.Clear();

    public void AddContent(string messageId, byte[] content, string contentType) => _contents[messageId] = (content, contentType);

    /// <summary>Issues a <c>markAsReadToken</c> for a message event from <paramref name="userId"/>.</summary>
    public string IssueMarkAsReadToken(string userId)
    {
        var token = Ids.Opaque(40, 0x66);
        _markAsReadTokens[token] = userId;
        return token;
    }

    public ValueTask<EmulatorResponse> ContentAsync(EmulatorCall call) =>
        new(_contents.TryGetValue(call.Route("messageId") ?? "", out var content)
            ? EmulatorResponse.Binary(content.Content, content.ContentType)
            : EmulatorResponse.NotFound());

    public ValueTask<EmulatorResponse> ContentTranscodingAsync(EmulatorCall call) =>
        new(_contents.ContainsKey(call.Route("messageId") ?? "")
            ? EmulatorResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("status", "succeeded");
                w.WriteEndObject();
            })
            : EmulatorResponse.NotFound());

    public ValueTask<EmulatorResponse> LoadingAnimationAsync(EmulatorCall call)
    {
        var check = new BodyChecker();
        var chatId = check.RequiredString(call.Root, "chatId", "chatId");
        var seconds = check.OptionalInteger(call.Root, "loadingSeconds", "loadingSeconds", 5, 60) ?? 20;
        if (seconds % 5 != 0)
        {
            check.Add("loadingSeconds", "Must be a multiple of 5");
        }

        if (check.HasErrors)
        {
            return new(EmulatorResponse.Invalid(check.Errors));
        }

        if (ValidateUserIds && !BodyChecker.IsUserId(chatId))
        {
            return new(EmulatorResponse.Error(400, "The property, 'chatId', in the request body is invalid (line: -, column: -)"));
        }

        _chatActions.Enqueue(new LineEmulatorChatAction(LineEmulatorChatActionKind.LoadingAnimation, chatId!, (int)seconds, call.Now));
        return new(EmulatorResponse.Ok(202));
    }

    public ValueTask<EmulatorResponse> MarkAsReadAsync(EmulatorCall call)
    {
        var check = new BodyChecker();
        string? userId = null;
        if (check.RequiredObject(call.Root, "chat", "chat") is { } chat)
        {
            userId = check.RequiredString(chat, "userId", "chat.userId");
        }

        if (check.HasErrors)
        {
            return new(EmulatorResponse.Invalid(check.Errors));
        }

        _chatActions.Enqueue(new LineEmulatorChatAction(LineEmulatorChatActionKind.MarkedAsRead, userId!, null, call.Now));
        return new(EmulatorResponse.Ok());
    }

    public ValueTask<EmulatorResponse> MarkAsReadByTokenAsync(EmulatorCall call)
    {
        var check = new BodyChecker();
        var token = check.RequiredString(call.Root, "markAsReadToken", "markAsReadToken");
        if (check.HasErrors)
        {
            return new(EmulatorResponse.Invalid(check.Errors));
        }

        if (!_markAsReadTokens.TryGetValue(token!, out var userId))
        {
            return new(EmulatorResponse.Error(400, "Invalid markAsReadToken"));
        }

        _chatActions.Enqueue(new LineEmulatorChatAction(LineEmulatorChatActionKind.MarkedAsRead, userId, null, call.Now));
        return new(EmulatorResponse.Ok());
    }
}
