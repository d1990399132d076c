using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LineGov.Messaging.Testing;
using static LineGov.Messaging.Tests.Emulator.EmulatorTestKit;

namespace LineGov.Messaging.Tests.Emulator;

/// <summary>The webhook sender: signed bodies checked here with HMAC-SHA256 over the bytes the app received.</summary>
public sealed class WebhookSenderTests
{
    private static bool SignatureMatches(string secret, ReceivedWebhook received)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = hmac.ComputeHash(received.Body);
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromBase64String(received.Signature!));
    }

    [Fact]
    public async Task Events_are_posted_signed_over_the_raw_body_with_ids_and_delivery_context()
    {
        await using var line = await LineEmulator.StartAsync(new() { ChannelSecret = "8c57f0b1a2d3e4f5a6b7c8d9e0f1a2b3" });
        await using var app = await WebhookReceiver.StartAsync();

        var delivery = await line.SendWebhookAsync(app.Url,
        [
            line.CreateTextMessageEvent(Alice, "給付金の申請をしたいです"),
            line.CreateFollowEvent(Bob),
            line.CreatePostbackEvent(Alice, "action=apply&program=2025", new Dictionary<string, string> { ["date"] = "2025-04-01" }),
            line.CreateUnfollowEvent(Bob),
            line.CreateEvent("membership", Alice, new JsonObject { ["membership"] = new JsonObject { ["type"] = "joined" } }),
        ]);

        delivery.Succeeded.ShouldBeTrue();
        var received = app.Received.ShouldHaveSingleItem();
        received.Body.ShouldBe(delivery.Body.ToArray());
        SignatureMatches("8c57f0b1a2d3e4f5a6b7c8d9e0f1a2b3", received).ShouldBeTrue();
        SignatureMatches("another secret", received).ShouldBeFalse();
        received.ContentType.ShouldBe("application/json; charset=utf-8");
        received.UserAgent.ShouldStartWith("LineBotWebhook/");

        using var json = JsonDocument.Parse(received.Body);
        json.RootElement.GetProperty("destination").GetString().ShouldBe(line.BotUserId);
        var events = json.RootElement.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(["message", "follow", "postback", "unfollow", "membership"]);
        events.ShouldAllBe(e => !e.GetProperty("deliveryContext").GetProperty("isRedelivery").GetBoolean());
        events.ShouldAllBe(e => e.GetProperty("mode").GetString() == "active");
        var ids = events.Select(e => e.GetProperty("webhookEventId").GetString()!).ToList();
        ids.Distinct().Count().ShouldBe(5);
        ids.ShouldAllBe(id => id.Length == 26 && id.All(c => "0123456789ABCDEFGHJKMNPQRSTVWXYZ".Contains(c)));
        delivery.WebhookEventIds.ShouldBe(ids);
        events[0].GetProperty("message").GetProperty("text").GetString().ShouldBe("給付金の申請をしたいです");
        events[2].GetProperty("postback").GetProperty("params").GetProperty("date").GetString().ShouldBe("2025-04-01");
        events[3].TryGetProperty("replyToken", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Non_ascii_is_escaped_so_only_a_check_on_raw_bytes_passes()
    {
        await using var line = await LineEmulator.StartAsync();
        await using var app = await WebhookReceiver.StartAsync();

        await line.SendWebhookAsync(app.Url, [line.CreateTextMessageEvent(Alice, "🤨 当麻町")]);

        var received = app.Received.Single();
        var raw = Encoding.ASCII.GetString(received.Body);
        raw.ShouldContain(@"\uD83E\uDD28 \u5F53\u9EBB\u753A");
        received.Body.ShouldAllBe(b => b < 0x80);
        SignatureMatches(line.ChannelSecret, received).ShouldBeTrue();

        // An app that parses and re-serializes before checking computes another signature.
        var reserialized = Encoding.UTF8.GetBytes(JsonNode.Parse(received.Body)!.ToJsonString(new JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
        SignatureMatches(line.ChannelSecret, received with { Body = reserialized }).ShouldBeFalse();
        JsonNode.Parse(received.Body)!["events"]![0]!["message"]!["text"]!.GetValue<string>().ShouldBe("🤨 当麻町");
    }

    [Fact]
    public async Task Bodies_can_be_sent_as_raw_utf8()
    {
        await using var line = await LineEmulator.StartAsync(new() { WebhookEscapeNonAscii = false });
        await using var app = await WebhookReceiver.StartAsync();

        await line.SendWebhookAsync(app.Url, [line.CreateTextMessageEvent(Alice, "🤨 \"当麻\"\n")]);

        var received = app.Received.Single();
        Encoding.UTF8.GetString(received.Body).ShouldContain("🤨 \\\"当麻\\\"\\n");
        SignatureMatches(line.ChannelSecret, received).ShouldBeTrue();
    }

    [Fact]
    public async Task Redelivery_repeats_the_event_ids_with_isRedelivery_true()
    {
        await using var line = await LineEmulator.StartAsync();
        await using var app = await WebhookReceiver.StartAsync();
        app.Status = 500;

        var first = await line.SendWebhookAsync(app.Url, [line.CreateTextMessageEvent(Alice, "一回目"), line.CreateFollowEvent(Bob)]);
        app.Status = 200;
        var again = await line.RedeliverAsync(first);

        first.Succeeded.ShouldBeFalse();
        first.StatusCode.ShouldBe(500);
        again.Succeeded.ShouldBeTrue();
        again.IsRedelivery.ShouldBeTrue();
        again.WebhookEventIds.ShouldBe(first.WebhookEventIds);
        again.Signature.ShouldNotBe(first.Signature);
        var redelivered = JsonNode.Parse(app.Received[1].Body)!["events"]!.AsArray();
        redelivered.ShouldAllBe(e => e!["deliveryContext"]!["isRedelivery"]!.GetValue<bool>());
        SignatureMatches(line.ChannelSecret, app.Received[1]).ShouldBeTrue();
        line.WebhookDeliveries.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Sending_with_redelivery_marks_new_events_as_redelivered()
    {
        await using var line = await LineEmulator.StartAsync();
        await using var app = await WebhookReceiver.StartAsync();

        var delivery = await line.SendWebhookAsync(app.Url, [line.CreateFollowEvent(Alice)], redelivery: true);

        delivery.Events.Single()["deliveryContext"]!["isRedelivery"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_slow_app_is_a_failed_delivery_not_an_exception()
    {
        await using var line = await LineEmulator.StartAsync(new() { WebhookTimeout = TimeSpan.FromMilliseconds(300) });
        await using var app = await WebhookReceiver.StartAsync();
        app.Delay = TimeSpan.FromSeconds(5);

        var delivery = await line.SendWebhookAsync(app.Url, [line.CreateTextMessageEvent(Alice, "x")]);

        delivery.Succeeded.ShouldBeFalse();
        delivery.StatusCode.ShouldBeNull();
        delivery.Error.ShouldNotBeNull();
        delivery.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task An_unreachable_app_is_a_failed_delivery()
    {
        await using var line = await LineEmulator.StartAsync();
        var app = await WebhookReceiver.StartAsync();
        var url = app.Url;
        await app.DisposeAsync();

        var delivery = await line.SendWebhookAsync(url, []);

        delivery.Succeeded.ShouldBeFalse();
        delivery.Error.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Follow_and_unfollow_events_change_who_follows()
    {
        await using var line = await LineEmulator.StartAsync();
        await using var app = await WebhookReceiver.StartAsync();
        using var http = line.Client();

        await line.SendWebhookAsync(app.Url, [line.CreateFollowEvent(Alice), line.CreateFollowEvent(Bob)]);
        await line.SendWebhookAsync(app.Url, [line.CreateUnfollowEvent(Bob)]);

        var followers = await (await http.GetAsync("v2/bot/followers/ids")).ReadJsonAsync();
        followers.GetProperty("userIds").EnumerateArray().Select(e => e.GetString()).ShouldBe([Alice]);
    }

    [Fact]
    public async Task A_reply_to_a_webhook_event_lands_in_the_users_inbox()
    {
        await using var line = await LineEmulator.StartAsync();
        await using var app = await WebhookReceiver.StartAsync();
        using var http = line.Client();

        await line.SendWebhookAsync(app.Url, [line.CreateTextMessageEvent(Alice, "申請したい")]);
        var replyToken = JsonNode.Parse(app.Received.Single().Body)!["events"]![0]!["replyToken"]!.GetValue<string>();
        (await http.PostJsonAsync("v2/bot/message/reply", $$"""{"replyToken":"{{replyToken}}","messages":[{{TextMessage("マイナンバーカードをご用意ください")}}]}"""))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        line.InboxOf(Alice).Single().Texts.ShouldBe(["マイナンバーカードをご用意ください"]);
    }

    [Fact]
    public void The_signature_helper_is_base64_hmac_sha256_of_the_bytes()
    {
        var body = "{\"destination\":\"U0\",\"events\":[]}"u8.ToArray();

        LineEmulator.ComputeSignature("secret", body).ShouldBe(Convert.ToBase64String(HMACSHA256.HashData("secret"u8, body)));
    }
}
