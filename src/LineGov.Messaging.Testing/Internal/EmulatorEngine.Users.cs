using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>Profiles, followers (paged with <c>next</c>), bot info.</summary>
internal sealed partial class EmulatorEngine
{
    public const int DefaultFollowersLimit = 300;
    public const int MaxFollowersLimit = 1000;

    public ValueTask<EmulatorResponse> ProfileAsync(EmulatorCall call)
    {
        var userId = call.Route("userId") ?? "";
        var user = Users.Find(userId);
        if (user is null || !user.IsFollower)
        {
            return new(EmulatorResponse.NotFound());
        }

        return new(EmulatorResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("displayName", user.DisplayName);
            w.WriteString("userId", user.UserId);
            if (user.PictureUrl is not null)
            {
                w.WriteString("pictureUrl", user.PictureUrl.AbsoluteUri);
            }

            if (user.StatusMessage is not null)
            {
                w.WriteString("statusMessage", user.StatusMessage);
            }

            if (user.Language is not null)
            {
                w.WriteString("language", user.Language);
            }

            w.WriteEndObject();
        }));
    }

    public ValueTask<EmulatorResponse> FollowersAsync(EmulatorCall call)
    {
        var limit = DefaultFollowersLimit;
        if (call.Query("limit") is { } limitText &&
            (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxFollowersLimit))
        {
            return new(EmulatorResponse.Error(400, "The value of the 'limit' parameter is invalid",
                [new ErrorDetail(BodyChecker.Range(1, MaxFollowersLimit), "limit")]));
        }

        var start = 0;
        if (call.Query("start") is { } startText && !TryReadContinuation(startText, out start))
        {
            return new(EmulatorResponse.Error(400, "The value of the 'start' parameter is invalid",
                [new ErrorDetail("Unknown continuation token", "start")]));
        }

        var (page, next) = Users.FollowersPage(start, limit);
        return new(EmulatorResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("userIds");
            foreach (var id in page)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            if (next >= 0)
            {
                w.WriteString("next", WriteContinuation(next));
            }

            w.WriteEndObject();
        }));
    }

    // Continuation tokens are opaque to clients; here, base64url of "followers:{position}".
    private static string WriteContinuation(int position) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"followers:{position}")));

    private bool TryReadContinuation(string token, out int position)
    {
        position = 0;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(bytes);
        return text.StartsWith("followers:", StringComparison.Ordinal) &&
            int.TryParse(text.AsSpan("followers:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out position) &&
            position <= Users.Count;
    }

    public ValueTask<EmulatorResponse> BotInfoAsync(EmulatorCall call) =>
        new(EmulatorResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("userId", BotUserId);
            w.WriteString("basicId", "@linegov");
            w.WriteString("displayName", "LineGov Emulator");
            w.WriteString("chatMode", "bot");
            w.WriteString("markAsReadMode", "auto");
            w.WriteEndObject();
        }));
}
