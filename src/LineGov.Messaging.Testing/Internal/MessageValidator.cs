using System.Text.Json;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>
/// Checks message objects against the Messaging API's documented limits: 1–5 messages, a known type, each type's
/// required properties, text ≤ 5,000 characters, alt text, HTTPS media URLs, quick replies ≤ 13 items, sender name
/// ≤ 20 characters. Flex and template contents are checked at their top level only.
/// </summary>
internal static class MessageValidator
{
    public const int MaxMessages = 5;
    public const int MaxTextLength = 5000;

    private static readonly string[] Types = ["text", "textV2", "sticker", "image", "video", "audio", "location", "imagemap", "template", "flex", "coupon"];
    private static readonly string TypeList = "Must be one of the following values: [" + string.Join(", ", Types) + "]";
    private static readonly string[] TemplateTypes = ["buttons", "confirm", "carousel", "image_carousel"];
    private static readonly string[] FlexContainerTypes = ["bubble", "carousel"];

    /// <summary>Checks <c>messages</c> of a request body; returns the array when it is well formed.</summary>
    public static JsonElement? CheckMessages(BodyChecker checker, JsonElement root)
    {
        var messages = checker.RequiredArray(root, "messages", "messages", 1, MaxMessages);
        if (messages is null)
        {
            return null;
        }

        var index = 0;
        foreach (var message in messages.Value.EnumerateArray())
        {
            CheckMessage(checker, message, BodyChecker.Item("messages", index++));
        }

        return messages;
    }

    private static void CheckMessage(BodyChecker c, JsonElement message, string at)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            c.Add(at, "Must be an object");
            return;
        }

        var type = c.RequiredString(message, "type", BodyChecker.Child(at, "type"));
        if (type is null)
        {
            return;
        }

        if (Array.IndexOf(Types, type) < 0)
        {
            c.Add(BodyChecker.Child(at, "type"), TypeList);
            return;
        }

        switch (type)
        {
            case "text":
            case "textV2":
                c.RequiredString(message, "text", BodyChecker.Child(at, "text"), MaxTextLength);
                break;
            case "sticker":
                c.RequiredString(message, "packageId", BodyChecker.Child(at, "packageId"));
                c.RequiredString(message, "stickerId", BodyChecker.Child(at, "stickerId"));
                break;
            case "image":
            case "video":
                c.RequiredHttpsUrl(message, "originalContentUrl", BodyChecker.Child(at, "originalContentUrl"));
                c.RequiredHttpsUrl(message, "previewImageUrl", BodyChecker.Child(at, "previewImageUrl"));
                break;
            case "audio":
                c.RequiredHttpsUrl(message, "originalContentUrl", BodyChecker.Child(at, "originalContentUrl"));
                c.RequiredInteger(message, "duration", BodyChecker.Child(at, "duration"), 1);
                break;
            case "location":
                c.RequiredString(message, "title", BodyChecker.Child(at, "title"), 100);
                c.RequiredString(message, "address", BodyChecker.Child(at, "address"), 100);
                c.RequiredNumber(message, "latitude", BodyChecker.Child(at, "latitude"), -90, 90);
                c.RequiredNumber(message, "longitude", BodyChecker.Child(at, "longitude"), -180, 180);
                break;
            case "imagemap":
                c.RequiredHttpsUrl(message, "baseUrl", BodyChecker.Child(at, "baseUrl"));
                c.RequiredString(message, "altText", BodyChecker.Child(at, "altText"), 1500);
                if (c.RequiredObject(message, "baseSize", BodyChecker.Child(at, "baseSize")) is { } baseSize)
                {
                    c.RequiredInteger(baseSize, "width", BodyChecker.Child(at, "baseSize.width"), 1);
                    c.RequiredInteger(baseSize, "height", BodyChecker.Child(at, "baseSize.height"), 1);
                }

                c.OptionalArray(message, "actions", BodyChecker.Child(at, "actions"), 0, 50);
                break;
            case "template":
                c.RequiredString(message, "altText", BodyChecker.Child(at, "altText"), 400);
                if (c.RequiredObject(message, "template", BodyChecker.Child(at, "template")) is { } template)
                {
                    CheckDiscriminator(c, template, BodyChecker.Child(at, "template.type"), TemplateTypes);
                }

                break;
            case "flex":
                c.RequiredString(message, "altText", BodyChecker.Child(at, "altText"), 1500);
                if (c.RequiredObject(message, "contents", BodyChecker.Child(at, "contents")) is { } contents &&
                    CheckDiscriminator(c, contents, BodyChecker.Child(at, "contents.type"), FlexContainerTypes) == "carousel")
                {
                    c.RequiredArray(contents, "contents", BodyChecker.Child(at, "contents.contents"), 1, 12);
                }

                break;
            case "coupon":
                c.RequiredString(message, "couponId", BodyChecker.Child(at, "couponId"));
                break;
        }

        if (c.OptionalObject(message, "quickReply", BodyChecker.Child(at, "quickReply")) is { } quickReply)
        {
            c.RequiredArray(quickReply, "items", BodyChecker.Child(at, "quickReply.items"), 1, 13);
        }

        if (c.OptionalObject(message, "sender", BodyChecker.Child(at, "sender")) is { } sender)
        {
            c.OptionalString(sender, "name", BodyChecker.Child(at, "sender.name"), 20);
            c.OptionalHttpsUrl(sender, "iconUrl", BodyChecker.Child(at, "sender.iconUrl"));
        }
    }

    private static string? CheckDiscriminator(BodyChecker c, JsonElement obj, string property, string[] allowed)
    {
        var type = c.RequiredString(obj, "type", property);
        if (type is not null && Array.IndexOf(allowed, type) < 0)
        {
            c.Add(property, "Must be one of the following values: [" + string.Join(", ", allowed) + "]");
            return null;
        }

        return type;
    }

    /// <summary>Whether a sent message of this type gets a quote token (LINE: text, sticker, image, video).</summary>
    public static bool IsQuotable(JsonElement message) =>
        message.TryGetProperty("type", out var type) && type.GetString() is "text" or "textV2" or "sticker" or "image" or "video";
}
