namespace LineGov.Messaging.Tests.Webhooks;

/// <summary>
/// One example event per event type and message type of tests/data/line-openapi/webhook.yml, hand-copied from the
/// webhook event examples of LINE's Messaging API reference (the externalDocs URL of each schema), with the schema
/// each follows cited. webhook.yml itself carries no examples. Ids are LINE's sample ids.
/// </summary>
public static class WebhookExamples
{
    public const string Destination = "Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

    /// <summary>Event type (the discriminator in webhook.yml components/schemas/Event) → example event JSON.</summary>
    public static readonly IReadOnlyDictionary<string, string> Events = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // components/schemas/MessageEvent + TextMessageContent (https://developers.line.biz/en/reference/messaging-api/#wh-text)
        ["message"] = """
            {
              "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
              "type": "message",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": { "type": "group", "groupId": "Ca56f94637c...", "userId": "U4af4980629..." },
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false },
              "message": {
                "id": "444573844083572737",
                "type": "text",
                "quoteToken": "q3Plxr4AgKd...",
                "text": "@All @example Good Morning!! (love)",
                "emojis": [ { "index": 29, "length": 6, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001" } ],
                "mention": {
                  "mentionees": [
                    { "index": 0, "length": 4, "type": "all" },
                    { "index": 5, "length": 8, "userId": "U49585cd0d5...", "type": "user", "isSelf": false }
                  ]
                }
              }
            }
            """,

        // components/schemas/UnsendEvent (https://developers.line.biz/en/reference/messaging-api/#unsend-event)
        ["unsend"] = """
            {
              "type": "unsend",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": { "type": "group", "groupId": "Ca56f94637c...", "userId": "U4af4980629..." },
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false },
              "unsend": { "messageId": "325708" }
            }
            """,

        // components/schemas/FollowEvent (https://developers.line.biz/en/reference/messaging-api/#follow-event)
        ["follow"] = """
            {
              "replyToken": "85cbe770fa8b4f45bbe077b1d4be4a36",
              "type": "follow",
              "mode": "active",
              "timestamp": 1705891467176,
              "source": { "type": "user", "userId": "U3d3edab4f36c6292e6d8a8131f141b8b" },
              "webhookEventId": "01HMQGW40RZJPJM3RAJP7BHC2Q",
              "deliveryContext": { "isRedelivery": false },
              "follow": { "isUnblocked": false }
            }
            """,

        // components/schemas/UnfollowEvent (https://developers.line.biz/en/reference/messaging-api/#unfollow-event)
        ["unfollow"] = """
            {
              "type": "unfollow",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": { "type": "user", "userId": "U4af4980629..." },
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false }
            }
            """,

        // components/schemas/JoinEvent (https://developers.line.biz/en/reference/messaging-api/#join-event)
        ["join"] = """
            {
              "replyToken": "0f3779fba3b349968c5d07db31eab56f",
              "type": "join",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": { "type": "group", "groupId": "C4af4980629..." },
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false }
            }
            """,

        // components/schemas/LeaveEvent (https://developers.line.biz/en/reference/messaging-api/#leave-event)
        ["leave"] = """
            {
              "type": "leave",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": { "type": "group", "groupId": "C4af4980629..." },
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false }
            }
            """,

        // components/schemas/MemberJoinedEvent (https://developers.line.biz/en/reference/messaging-api/#member-joined-event)
        ["memberJoined"] = """
            {
              "replyToken": "0f3779fba3b349968c5d07db31eabf65",
              "type": "memberJoined",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": { "type": "group", "groupId": "C4af4980629..." },
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false },
              "joined": { "members": [ { "type": "user", "userId": "U4af4980629..." }, { "type": "user", "userId": "U91eeaf62d9..." } ] }
            }
            """,

        // components/schemas/MemberLeftEvent (https://developers.line.biz/en/reference/messaging-api/#member-left-event)
        ["memberLeft"] = """
            {
              "type": "memberLeft",
              "mode": "active",
              "timestamp": 1462629479960,
              "source": { "type": "group", "groupId": "C4af4980629..." },
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false },
              "left": { "members": [ { "type": "user", "userId": "U4af4980629..." }, { "type": "user", "userId": "U91eeaf62d9..." } ] }
            }
            """,

        // components/schemas/PostbackEvent (https://developers.line.biz/en/reference/messaging-api/#postback-event)
        ["postback"] = """
            {
              "replyToken": "b60d432864f44d079f6d8efe86cf404b",
              "type": "postback",
              "mode": "active",
              "source": { "userId": "U91eeaf62d...", "type": "user" },
              "timestamp": 1513669370317,
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false },
              "postback": { "data": "storeId=12345", "params": { "datetime": "2017-12-25T01:00" } }
            }
            """,

        // components/schemas/VideoPlayCompleteEvent (https://developers.line.biz/en/reference/messaging-api/#video-viewing-complete)
        ["videoPlayComplete"] = """
            {
              "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
              "type": "videoPlayComplete",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": { "type": "user", "userId": "U4af4980629..." },
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false },
              "videoPlayComplete": { "trackingId": "track-id" }
            }
            """,

        // components/schemas/BeaconEvent (https://developers.line.biz/en/reference/messaging-api/#beacon-event)
        ["beacon"] = """
            {
              "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
              "type": "beacon",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": { "type": "user", "userId": "U4af4980629..." },
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false },
              "beacon": { "hwid": "d41d8cd98f", "type": "enter", "dm": "1234567890abcdef" }
            }
            """,

        // components/schemas/AccountLinkEvent (https://developers.line.biz/en/reference/messaging-api/#account-link-event)
        ["accountLink"] = """
            {
              "replyToken": "b60d432864f44d079f6d8efe86cf404b",
              "type": "accountLink",
              "mode": "active",
              "source": { "userId": "U91eeaf62d...", "type": "user" },
              "timestamp": 1513669370317,
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false },
              "link": { "result": "ok", "nonce": "xxxxxxxxxxxxxxx" }
            }
            """,

        // components/schemas/MembershipEvent + JoinedMembershipContent (https://developers.line.biz/en/reference/messaging-api/#membership-event)
        ["membership"] = """
            {
              "type": "membership",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": { "type": "user", "userId": "U4af4980629..." },
              "webhookEventId": "01J1TR4D4Q3W2JNQK5WMCBM7TK",
              "deliveryContext": { "isRedelivery": false },
              "replyToken": "0f3779fba3b349968c5d07db31eab56f",
              "membership": { "type": "joined", "membershipId": 3189 }
            }
            """,

        // components/schemas/ModuleEvent + AttachedModuleContent (https://developers.line.biz/en/reference/partner-docs/#attached-event)
        ["module"] = """
            {
              "type": "module",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": { "type": "user", "userId": "U4af4980629..." },
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false },
              "module": { "type": "attached", "botId": "U111...", "scopes": [ "message:send" ] }
            }
            """,

        // components/schemas/ActivatedEvent (https://developers.line.biz/en/reference/partner-docs/#activated-event)
        ["activated"] = """
            {
              "type": "activated",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": { "type": "user", "userId": "U4af4980629..." },
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false },
              "chatControl": { "expireAt": 1462629479960 }
            }
            """,

        // components/schemas/DeactivatedEvent (https://developers.line.biz/en/reference/partner-docs/#deactivated-event)
        ["deactivated"] = """
            {
              "type": "deactivated",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": { "type": "user", "userId": "U4af4980629..." },
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": { "isRedelivery": false }
            }
            """,

        // components/schemas/BotSuspendedEvent (https://developers.line.biz/en/reference/partner-docs/#botsuspend-event)
        ["botSuspended"] = """
            {
              "type": "botSuspended",
              "mode": "active",
              "timestamp": 1616390574119,
              "webhookEventId": "01G17EJCGAVV66J5WNA7ZCTF6H",
              "deliveryContext": { "isRedelivery": false }
            }
            """,

        // components/schemas/BotResumedEvent (https://developers.line.biz/en/reference/partner-docs/#botresumed-event)
        ["botResumed"] = """
            {
              "type": "botResumed",
              "mode": "active",
              "timestamp": 1616390574119,
              "webhookEventId": "01G17EJCGAVV66J5WNA7ZCTF6H",
              "deliveryContext": { "isRedelivery": false }
            }
            """,

        // components/schemas/PnpDeliveryCompletionEvent (https://developers.line.biz/en/docs/partner-docs/line-notification-messages/message-sending-complete-webhook-event/)
        ["delivery"] = """
            {
              "type": "delivery",
              "mode": "active",
              "timestamp": 1650591346705,
              "source": { "type": "user", "userId": "U4af4980629..." },
              "webhookEventId": "01G17EJCGAVV66J5WNA7ZCTF6H",
              "deliveryContext": { "isRedelivery": false },
              "delivery": { "data": "cc6d5e8dd0e2b8c9b7e6f1a1f9d1e7d0aa0e6c7f9a8b3a5e5c2e1b4d9e8f7a6b" }
            }
            """,
    };

    /// <summary>Message type (components/schemas/MessageContent discriminator) → example message JSON.</summary>
    public static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // TextMessageContent (#wh-text)
        ["text"] = """{ "id": "468789577898262530", "type": "text", "quoteToken": "q3Plxr4AgKd...", "text": "Hello, world", "quotedMessageId": "468789532432007169", "markAsReadToken": "30yhdy232..." }""",

        // ImageMessageContent + ImageSet (#wh-image)
        ["image"] = """{ "id": "354718705033693861", "type": "image", "quoteToken": "yHAz4Ua2wx7...", "contentProvider": { "type": "line" }, "imageSet": { "id": "E005D41A7288F41B65593ED38FF6E9834B046AB36A37921A56BC236F13A91855", "index": 2, "total": 2 } }""",

        // VideoMessageContent (#wh-video)
        ["video"] = """{ "id": "325708", "type": "video", "quoteToken": "yHAz4Ua2wx7...", "duration": 60000, "contentProvider": { "type": "external", "originalContentUrl": "https://example.com/original.mp4", "previewImageUrl": "https://example.com/preview.jpg" } }""",

        // AudioMessageContent (#wh-audio)
        ["audio"] = """{ "id": "325708", "type": "audio", "duration": 60000, "contentProvider": { "type": "line" } }""",

        // FileMessageContent (#wh-file)
        ["file"] = """{ "id": "325708", "type": "file", "fileName": "file.txt", "fileSize": 2138 }""",

        // LocationMessageContent (#wh-location)
        ["location"] = """{ "id": "325708", "type": "location", "title": "my location", "address": "1-3 Kioicho, Chiyoda-ku, Tokyo, 102-8282, Japan", "latitude": 35.67966, "longitude": 139.73669 }""",

        // StickerMessageContent (#wh-sticker)
        ["sticker"] = """{ "type": "sticker", "id": "1501597916", "quoteToken": "q3Plxr4AgKd...", "stickerId": "52002738", "packageId": "11537", "stickerResourceType": "ANIMATION", "keywords": [ "cony", "sally", "Staring", "hi", "whatsup", "line", "howdy", "HEY", "Peeking", "wave", "peek", "Hello", "yo", "greetings" ] }""",
    };

    /// <summary>A message event around <paramref name="messageJson"/>.</summary>
    public static string MessageEvent(string messageJson, string webhookEventId = "01FZ74A0TDDPYRVKNK77XKC3ZR") => $$"""
        {
          "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
          "type": "message",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": { "type": "user", "userId": "U4af4980629..." },
          "webhookEventId": "{{webhookEventId}}",
          "deliveryContext": { "isRedelivery": false },
          "message": {{messageJson}}
        }
        """;

    /// <summary>A request body (components/schemas/CallbackRequest) around events.</summary>
    public static string Body(params string[] events) =>
        $$"""{"destination":"{{Destination}}","events":[{{string.Join(",", events)}}]}""";

    /// <summary>A text message event with a given id and redelivery flag.</summary>
    public static string TextEvent(string webhookEventId, bool isRedelivery = false, string text = "こんにちは") =>
        "{\"type\":\"message\",\"mode\":\"active\",\"timestamp\":1462629479859,\"source\":{\"type\":\"user\",\"userId\":\"U4af4980629\"},"
        + $"\"webhookEventId\":\"{webhookEventId}\",\"deliveryContext\":{{\"isRedelivery\":{(isRedelivery ? "true" : "false")}}},\"replyToken\":\"r-{webhookEventId}\","
        + $"\"message\":{{\"id\":\"1\",\"type\":\"text\",\"quoteToken\":\"q\",\"text\":\"{text}\"}}}}";
}
