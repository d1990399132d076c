using System.Globalization;
using System.Text.RegularExpressions;
using LineGov.Messaging.Flex;

namespace LineGov.Messaging;

/// <summary>
/// The documented limits, checked before a request leaves (LINE checks them too; failing here is faster and says
/// which property is wrong). Messages name the property and the limit, never the contents.
/// </summary>
internal static partial class LineRequestValidator
{
    public const int MaxMessages = 5;
    public const int MaxBulkRichMenuUsers = 500;
    public const int MaxUrlLength = 2000;
    public const int MaxSenderNameLength = 20;
    public const int MaxLocationTextLength = 100;
    public const int MaxAudienceDescriptionLength = 120;
    public const int MaxRichMenuNameLength = 300;
    public const int MaxChatBarTextLength = 14;

    public static void Validate(ReplyMessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ReplyToken))
        {
            throw new ArgumentException("replyToken is empty.", nameof(request));
        }

        ValidateMessages(request.Messages, nameof(request));
    }

    public static void Validate(PushMessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.To))
        {
            throw new ArgumentException("to is empty: give a user, group or room ID.", nameof(request));
        }

        ValidateMessages(request.Messages, nameof(request));
    }

    public static void Validate(MulticastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateUserIds(request.To, MulticastRequest.MaxRecipients, nameof(request), "to");
        ValidateMessages(request.Messages, nameof(request));
    }

    public static void Validate(NarrowcastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateMessages(request.Messages, nameof(request));
        if (request.Limit?.Max is < 1)
        {
            throw new ArgumentException("limit.max is at least 1.", nameof(request));
        }
    }

    public static void Validate(BroadcastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateMessages(request.Messages, nameof(request));
    }

    public static void ValidateMessages(IReadOnlyList<Message>? messages, string parameterName = "messages")
    {
        if (messages is null || messages.Count == 0)
        {
            throw new ArgumentException("messages is empty: send 1 to 5 messages.", parameterName);
        }

        if (messages.Count > MaxMessages)
        {
            throw new ArgumentException($"messages has {messages.Count} messages; LINE takes at most {MaxMessages} per request.", parameterName);
        }

        for (var i = 0; i < messages.Count; i++)
        {
            Validate(messages[i], $"messages[{i}]", parameterName);
        }
    }

    private static void Validate(Message? message, string path, string parameterName)
    {
        switch (message)
        {
            case null:
                throw new ArgumentException($"{path} is null.", parameterName);
            case TextMessage text:
                Required(text.Text, $"{path}.text", TextMessage.MaxTextLength, parameterName);
                break;
            case StickerMessage sticker:
                Required(sticker.PackageId, $"{path}.packageId", int.MaxValue, parameterName);
                Required(sticker.StickerId, $"{path}.stickerId", int.MaxValue, parameterName);
                break;
            case ImageMessage image:
                HttpsUrl(image.OriginalContentUrl, $"{path}.originalContentUrl", parameterName);
                HttpsUrl(image.PreviewImageUrl, $"{path}.previewImageUrl", parameterName);
                break;
            case VideoMessage video:
                HttpsUrl(video.OriginalContentUrl, $"{path}.originalContentUrl", parameterName);
                HttpsUrl(video.PreviewImageUrl, $"{path}.previewImageUrl", parameterName);
                break;
            case AudioMessage audio:
                HttpsUrl(audio.OriginalContentUrl, $"{path}.originalContentUrl", parameterName);
                if (audio.Duration <= 0)
                {
                    throw new ArgumentException($"{path}.duration must be a positive number of milliseconds.", parameterName);
                }

                break;
            case LocationMessage location:
                Required(location.Title, $"{path}.title", MaxLocationTextLength, parameterName);
                Required(location.Address, $"{path}.address", MaxLocationTextLength, parameterName);
                break;
            case FlexMessage flex:
                Required(flex.AltText, $"{path}.altText", FlexMessage.MaxAltTextLength, parameterName);
                ValidateFlex(flex.Contents, $"{path}.contents", parameterName);
                break;
        }

        if (message.QuickReply is { } quickReply)
        {
            if (quickReply.Items is not { Count: > 0 } items)
            {
                throw new ArgumentException($"{path}.quickReply.items is empty.", parameterName);
            }

            if (items.Count > QuickReply.MaxItems)
            {
                throw new ArgumentException($"{path}.quickReply.items has {items.Count} items; LINE allows at most {QuickReply.MaxItems}.", parameterName);
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is null)
                {
                    throw new ArgumentException($"{path}.quickReply.items[{i}] is null.", parameterName);
                }
            }
        }

        if (message.Sender?.Name is { Length: > MaxSenderNameLength } name)
        {
            throw new ArgumentException($"{path}.sender.name has {name.Length} characters; LINE allows at most {MaxSenderNameLength}.", parameterName);
        }
    }

    private static void ValidateFlex(FlexContainer? contents, string path, string parameterName)
    {
        switch (contents)
        {
            case null:
                throw new ArgumentException($"{path} is null: give a bubble or a carousel.", parameterName);
            case FlexCarousel carousel when carousel.Contents.Count is 0 or > FlexCarousel.MaxBubbles:
                throw new ArgumentException(
                    $"{path}.contents has {carousel.Contents.Count} bubbles; a carousel takes 1 to {FlexCarousel.MaxBubbles}.", parameterName);
        }
    }

    public static void Validate(RichMenuRequest richMenu)
    {
        ArgumentNullException.ThrowIfNull(richMenu);
        const string parameterName = "richMenu";
        if (richMenu.Size is null || richMenu.Size.Width < 1 || richMenu.Size.Height < 1)
        {
            throw new ArgumentException("size must have a positive width and height.", parameterName);
        }

        Required(richMenu.Name, "name", MaxRichMenuNameLength, parameterName);
        Required(richMenu.ChatBarText, "chatBarText", MaxChatBarTextLength, parameterName);
        if (richMenu.Areas.Count > RichMenuRequest.MaxAreas)
        {
            throw new ArgumentException($"areas has {richMenu.Areas.Count} areas; LINE allows at most {RichMenuRequest.MaxAreas}.", parameterName);
        }

        for (var i = 0; i < richMenu.Areas.Count; i++)
        {
            if (richMenu.Areas[i] is not { Bounds: not null, Action: not null })
            {
                throw new ArgumentException($"areas[{i}] needs bounds and an action.", parameterName);
            }
        }
    }

    public static void ValidateFollowerLimit(int? limit)
    {
        if (limit is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(limit));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, LineMessagingClient.MaxFollowerPageSize, nameof(limit));
        }
    }

    public static void ValidateLoadingSeconds(int? loadingSeconds)
    {
        if (loadingSeconds is { } value && (value < 5 || value > 60 || value % 5 != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(loadingSeconds), value, "loadingSeconds is 5, 10, 15 … 60.");
        }
    }

    public static void ValidateUserIds(IReadOnlyList<string>? userIds, int max, string parameterName, string property = "userIds")
    {
        if (userIds is null || userIds.Count == 0)
        {
            throw new ArgumentException($"{property} is empty.", parameterName);
        }

        if (userIds.Count > max)
        {
            throw new ArgumentException(
                $"{property} has {userIds.Count.ToString("N0", CultureInfo.InvariantCulture)} IDs; LINE takes at most {max.ToString("N0", CultureInfo.InvariantCulture)} per request.",
                parameterName);
        }

        for (var i = 0; i < userIds.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(userIds[i]))
            {
                throw new ArgumentException($"{property}[{i}] is empty.", parameterName);
            }
        }
    }

    public static void ValidateRichMenuAliasId(string richMenuAliasId)
    {
        ArgumentNullException.ThrowIfNull(richMenuAliasId);
        if (!AliasPattern().IsMatch(richMenuAliasId))
        {
            throw new ArgumentException("A rich menu alias ID is 1 to 32 of a-z, 0-9, '_' and '-'.", nameof(richMenuAliasId));
        }
    }

    public static void ValidateAudienceDescription(string description) =>
        Required(description, "description", MaxAudienceDescriptionLength, nameof(description));

    public static List<AudienceEntry> AudienceEntries(IReadOnlyList<string>? ids, int max, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(ids, "audienceIds");
        if (ids.Count > 0 || !allowEmpty)
        {
            ValidateUserIds(ids, max, "audienceIds", "audiences");
        }

        return [.. ids.Select(id => new AudienceEntry(id))];
    }

    private static void Required(string? value, string path, int maxLength, string parameterName)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"{path} is empty.", parameterName);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException(
                $"{path} has {value.Length.ToString("N0", CultureInfo.InvariantCulture)} characters; LINE allows at most {maxLength.ToString("N0", CultureInfo.InvariantCulture)}.",
                parameterName);
        }
    }

    private static void HttpsUrl(string? value, string path, string parameterName)
    {
        Required(value, path, MaxUrlLength, parameterName);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"{path} must be an absolute https URL.", parameterName);
        }
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();
}
