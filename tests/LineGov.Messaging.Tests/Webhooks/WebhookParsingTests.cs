using System.Text;
using System.Text.Json;
using LineGov.Messaging.Webhooks;

namespace LineGov.Messaging.Tests.Webhooks;

public sealed class WebhookParsingTests
{
    private static readonly LineWebhookParser Parser = new(WebhookSignatureTests.Secret);

    public static TheoryData<string> EventTypes => new(WebhookExamples.Events.Keys.Order(StringComparer.Ordinal));

    public static TheoryData<string> MessageTypes => new(WebhookExamples.Messages.Keys.Order(StringComparer.Ordinal));

    internal static LineWebhookPayload Parse(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        Parser.TryVerifyAndParse(body, WebhookSignatureTests.Sign(body), out var payload, out var error).ShouldBeTrue($"error {error}");
        return payload!;
    }

    private static LineWebhookEvent ParseOne(string eventJson) => Parse(WebhookExamples.Body(eventJson)).Events.ShouldHaveSingleItem();

    /// <summary>The discriminator values of a schema's mapping in webhook.yml, read from the spec as shipped with the tests.</summary>
    private static List<string> SpecMapping(string schema)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "line-openapi", "webhook.yml"));
        var start = Array.IndexOf(lines, $"    {schema}:");
        start.ShouldBeGreaterThan(0, $"{schema} is in webhook.yml");
        var mapping = Array.FindIndex(lines, start, l => l.Trim() == "mapping:");
        List<string> values = [];
        for (var i = mapping + 1; i < lines.Length && lines[i].StartsWith("          ", StringComparison.Ordinal); i++)
        {
            values.Add(lines[i].Trim().Split(':')[0]);
        }

        return values;
    }

    [Fact]
    public void Every_event_type_of_the_spec_has_an_example_and_a_typed_class()
    {
        var specTypes = SpecMapping("Event");

        specTypes.Count.ShouldBe(19);
        WebhookExamples.Events.Keys.Order(StringComparer.Ordinal).ShouldBe(specTypes.Order(StringComparer.Ordinal));
        foreach (var type in specTypes)
        {
            ParseOne(WebhookExamples.Events[type]).ShouldNotBeOfType<UnknownWebhookEvent>(type);
        }
    }

    [Fact]
    public void Every_message_type_of_the_spec_has_an_example_and_a_typed_class()
    {
        var specTypes = SpecMapping("MessageContent");

        WebhookExamples.Messages.Keys.Order(StringComparer.Ordinal).ShouldBe(specTypes.Order(StringComparer.Ordinal));
        foreach (var type in specTypes)
        {
            ParseOne(WebhookExamples.MessageEvent(WebhookExamples.Messages[type]))
                .ShouldBeOfType<MessageEvent>().Message.ShouldNotBeOfType<UnknownMessageContent>(type);
        }
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Each_spec_event_parses_with_its_common_fields_and_exact_raw_json(string type)
    {
        var json = WebhookExamples.Events[type];
        var e = ParseOne(json);

        e.Type.ShouldBe(type);
        e.WebhookEventId.ShouldNotBeNullOrEmpty();
        e.Mode.ShouldBe(LineWebhookEventMode.Active);
        e.IsRedelivery.ShouldBeFalse();
        e.Timestamp.ShouldBeGreaterThan(new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Encoding.UTF8.GetString(e.RawJson.Span).ShouldBe(json);
        e.AdditionalProperties.ShouldBeEmpty();
        e.ToJsonElement().GetProperty("type").GetString().ShouldBe(type);
    }

    [Fact]
    public void Spec_events_carry_their_typed_content()
    {
        var text = ParseOne(WebhookExamples.Events["message"]).ShouldBeOfType<MessageEvent>();
        text.ReplyToken.ShouldBe("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA");
        text.Source!.Type.ShouldBe(LineWebhookSourceType.Group);
        text.Source.GroupId.ShouldBe("Ca56f94637c...");
        text.Source.UserId.ShouldBe("U4af4980629...");
        text.Source.ChatId.ShouldBe("Ca56f94637c...");
        var content = text.Message.ShouldBeOfType<TextMessageContent>();
        content.Text.ShouldBe("@All @example Good Morning!! (love)");
        content.QuoteToken.ShouldBe("q3Plxr4AgKd...");
        content.Emojis!.ShouldHaveSingleItem().ProductId.ShouldBe("5ac1bfd5040ab15980c9b435");
        content.Mention!.Mentionees.Count.ShouldBe(2);
        content.Mention.Mentionees[0].Type.ShouldBe("all");
        content.Mention.Mentionees[1].UserId.ShouldBe("U49585cd0d5...");
        content.Mention.Mentionees[1].IsSelf.ShouldBe(false);

        ParseOne(WebhookExamples.Events["unsend"]).ShouldBeOfType<UnsendEvent>().Unsend.MessageId.ShouldBe("325708");
        var follow = ParseOne(WebhookExamples.Events["follow"]).ShouldBeOfType<FollowEvent>();
        follow.Follow!.IsUnblocked.ShouldBeFalse();
        follow.Source!.Type.ShouldBe(LineWebhookSourceType.User);
        follow.Timestamp.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1705891467176));
        ParseOne(WebhookExamples.Events["unfollow"]).ShouldBeOfType<UnfollowEvent>().ReplyToken.ShouldBeNull();
        ParseOne(WebhookExamples.Events["join"]).ShouldBeOfType<JoinEvent>().ReplyToken.ShouldBe("0f3779fba3b349968c5d07db31eab56f");
        ParseOne(WebhookExamples.Events["leave"]).ShouldBeOfType<LeaveEvent>().Source!.GroupId.ShouldBe("C4af4980629...");
        ParseOne(WebhookExamples.Events["memberJoined"]).ShouldBeOfType<MemberJoinedEvent>().Joined.Members.Select(m => m.UserId)
            .ShouldBe(["U4af4980629...", "U91eeaf62d9..."]);
        ParseOne(WebhookExamples.Events["memberLeft"]).ShouldBeOfType<MemberLeftEvent>().Left.Members.Count.ShouldBe(2);
        var postback = ParseOne(WebhookExamples.Events["postback"]).ShouldBeOfType<PostbackEvent>();
        postback.Postback.Data.ShouldBe("storeId=12345");
        postback.Postback.Params!["datetime"].ShouldBe("2017-12-25T01:00");
        ParseOne(WebhookExamples.Events["videoPlayComplete"]).ShouldBeOfType<VideoPlayCompleteEvent>().VideoPlayComplete.TrackingId.ShouldBe("track-id");
        var beacon = ParseOne(WebhookExamples.Events["beacon"]).ShouldBeOfType<BeaconEvent>().Beacon;
        beacon.Hwid.ShouldBe("d41d8cd98f");
        beacon.Type.ShouldBe(LineBeaconEventType.Enter);
        beacon.Dm.ShouldBe("1234567890abcdef");
        var link = ParseOne(WebhookExamples.Events["accountLink"]).ShouldBeOfType<AccountLinkEvent>().Link;
        link.Result.ShouldBe(LineAccountLinkResult.Ok);
        link.Nonce.ShouldBe("xxxxxxxxxxxxxxx");
        var membership = ParseOne(WebhookExamples.Events["membership"]).ShouldBeOfType<MembershipEvent>().Membership;
        membership.Type.ShouldBe("joined");
        membership.MembershipId.ShouldBe(3189);
        var module = ParseOne(WebhookExamples.Events["module"]).ShouldBeOfType<ModuleEvent>().Module;
        module.Type.ShouldBe("attached");
        module.BotId.ShouldBe("U111...");
        module.Scopes.ShouldBe(["message:send"]);
        ParseOne(WebhookExamples.Events["activated"]).ShouldBeOfType<ActivatedEvent>().ChatControl.ExpireAt
            .ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1462629479960));
        ParseOne(WebhookExamples.Events["deactivated"]).ShouldBeOfType<DeactivatedEvent>();
        ParseOne(WebhookExamples.Events["botSuspended"]).ShouldBeOfType<BotSuspendedEvent>().Source.ShouldBeNull();
        ParseOne(WebhookExamples.Events["botResumed"]).ShouldBeOfType<BotResumedEvent>();
        ParseOne(WebhookExamples.Events["delivery"]).ShouldBeOfType<PnpDeliveryCompletionEvent>().Delivery.Data.ShouldStartWith("cc6d5e8d");
    }

    [Fact]
    public void Spec_messages_carry_their_typed_content()
    {
        MessageContent Message(string type) =>
            ParseOne(WebhookExamples.MessageEvent(WebhookExamples.Messages[type])).ShouldBeOfType<MessageEvent>().Message;

        var text = Message("text").ShouldBeOfType<TextMessageContent>();
        text.Text.ShouldBe("Hello, world");
        text.QuotedMessageId.ShouldBe("468789532432007169");
        text.MarkAsReadToken.ShouldBe("30yhdy232...");
        var image = Message("image").ShouldBeOfType<ImageMessageContent>();
        image.ContentProvider.Type.ShouldBe(LineContentProviderType.Line);
        image.ImageSet!.Index.ShouldBe(2);
        image.ImageSet.Total.ShouldBe(2);
        var video = Message("video").ShouldBeOfType<VideoMessageContent>();
        video.Duration.ShouldBe(60000);
        video.ContentProvider.Type.ShouldBe(LineContentProviderType.External);
        video.ContentProvider.OriginalContentUrl.ShouldBe("https://example.com/original.mp4");
        Message("audio").ShouldBeOfType<AudioMessageContent>().Duration.ShouldBe(60000);
        var file = Message("file").ShouldBeOfType<FileMessageContent>();
        file.FileName.ShouldBe("file.txt");
        file.FileSize.ShouldBe(2138);
        var location = Message("location").ShouldBeOfType<LocationMessageContent>();
        location.Latitude.ShouldBe(35.67966);
        location.Longitude.ShouldBe(139.73669);
        location.Address.ShouldStartWith("1-3 Kioicho");
        var sticker = Message("sticker").ShouldBeOfType<StickerMessageContent>();
        sticker.StickerResourceType.ShouldBe(LineStickerResourceType.Animation);
        sticker.PackageId.ShouldBe("11537");
        sticker.Keywords!.Count.ShouldBe(14);
        sticker.Id.ShouldBe("1501597916");
    }

    [Fact]
    public void An_unknown_event_type_survives_with_its_fields_and_raw_json()
    {
        const string things = """{"type":"things","mode":"active","timestamp":1547817848122,"source":{"type":"user","userId":"Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},"webhookEventId":"01FZ74A0TDDPYRVKNK77XKC3ZR","deliveryContext":{"isRedelivery":true},"replyToken":"r1","things":{"deviceId":"t2c449c9d1...","type":"link"}}""";
        var payload = Parse(WebhookExamples.Body(WebhookExamples.TextEvent("01A"), things, WebhookExamples.TextEvent("01B")));

        payload.Events.Count.ShouldBe(3);
        var unknown = payload.Events[1].ShouldBeOfType<UnknownWebhookEvent>();
        unknown.Type.ShouldBe("things");
        unknown.WebhookEventId.ShouldBe("01FZ74A0TDDPYRVKNK77XKC3ZR");
        unknown.IsRedelivery.ShouldBeTrue();
        unknown.ReplyToken.ShouldBe("r1");
        unknown.Source!.UserId.ShouldBe("Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        unknown.AdditionalProperties["things"].GetProperty("deviceId").GetString().ShouldBe("t2c449c9d1...");
        Encoding.UTF8.GetString(unknown.RawJson.Span).ShouldBe(things);
        payload.Events[0].ShouldBeOfType<MessageEvent>();
        payload.Events[2].ShouldBeOfType<MessageEvent>();
    }

    [Fact]
    public void An_unknown_message_type_survives()
    {
        var e = ParseOne(WebhookExamples.MessageEvent("""{"id":"9","type":"hologram","depth":3,"markAsReadToken":"m"}""")).ShouldBeOfType<MessageEvent>();

        var message = e.Message.ShouldBeOfType<UnknownMessageContent>();
        message.Type.ShouldBe("hologram");
        message.Id.ShouldBe("9");
        message.MarkAsReadToken.ShouldBe("m");
        message.AdditionalProperties["depth"].GetInt32().ShouldBe(3);
    }

    [Fact]
    public void Unknown_fields_of_known_events_and_messages_are_kept()
    {
        var json = """{"type":"follow","newField":{"a":[1,2]},"mode":"active","timestamp":1,"source":{"type":"user","userId":"U1","region":"JP"},"webhookEventId":"01X","deliveryContext":{"isRedelivery":false,"attempt":2},"replyToken":"r","follow":{"isUnblocked":true}}""";
        var follow = ParseOne(json).ShouldBeOfType<FollowEvent>();

        follow.Follow!.IsUnblocked.ShouldBeTrue();
        follow.AdditionalProperties.Keys.ShouldBe(["newField"]);
        follow.AdditionalProperties["newField"].GetProperty("a").GetArrayLength().ShouldBe(2);
        follow.ToJsonElement().GetProperty("deliveryContext").GetProperty("attempt").GetInt32().ShouldBe(2);
        follow.ToJsonElement().GetProperty("source").GetProperty("region").GetString().ShouldBe("JP");

        var text = ParseOne(WebhookExamples.MessageEvent("""{"id":"1","type":"text","text":"hi","quoteToken":"q","sentiment":"positive"}"""))
            .ShouldBeOfType<MessageEvent>().Message.ShouldBeOfType<TextMessageContent>();
        text.AdditionalProperties["sentiment"].GetString().ShouldBe("positive");
    }

    [Fact]
    public void New_values_of_service_enums_are_kept_as_sent()
    {
        var e = ParseOne("""{"type":"beacon","mode":"observer","timestamp":1,"source":{"type":"square","squareId":"S1"},"webhookEventId":"01X","deliveryContext":{"isRedelivery":false},"replyToken":"r","beacon":{"hwid":"h","type":"leave"}}""")
            .ShouldBeOfType<BeaconEvent>();

        e.Mode.Value.ShouldBe("observer");
        e.Mode.ShouldBe(new LineWebhookEventMode("observer"));
        e.Source!.Type.Value.ShouldBe("square");
        e.Source.AdditionalProperties.ContainsKey("squareId").ShouldBeTrue();
        e.Beacon.Type.ToString().ShouldBe("leave");
    }

    [Fact]
    public void The_type_need_not_be_the_first_property()
    {
        var e = ParseOne("""{"webhookEventId":"01X","timestamp":1,"mode":"standby","deliveryContext":{"isRedelivery":false},"unsend":{"messageId":"5"},"type":"unsend"}""");

        e.ShouldBeOfType<UnsendEvent>().Unsend.MessageId.ShouldBe("5");
        e.Mode.ShouldBe(LineWebhookEventMode.Standby);
    }

    [Fact]
    public void A_known_event_in_an_unexpected_shape_is_kept_as_unknown_rather_than_failing_the_request()
    {
        var payload = Parse(WebhookExamples.Body(
            """{"type":"message","mode":"active","timestamp":1,"webhookEventId":"01X","deliveryContext":{"isRedelivery":false},"message":"now a string"}""",
            """{"type":"postback","mode":"active","timestamp":1,"webhookEventId":"01Y","deliveryContext":{"isRedelivery":false}}""",
            WebhookExamples.MessageEvent("""{"id":"1","type":"image","contentProvider":"line"}""", "01Z")));

        payload.Events[0].ShouldBeOfType<UnknownWebhookEvent>().Type.ShouldBe("message");
        payload.Events[0].AdditionalProperties["message"].GetString().ShouldBe("now a string");
        payload.Events[1].ShouldBeOfType<UnknownWebhookEvent>().WebhookEventId.ShouldBe("01Y");
        payload.Events[2].ShouldBeOfType<MessageEvent>().Message.ShouldBeOfType<UnknownMessageContent>().Type.ShouldBe("image");
    }

    [Fact]
    public void Parsed_events_can_be_serialized_again_with_their_unknown_fields()
    {
        var e = ParseOne(WebhookExamples.MessageEvent("""{"id":"1","type":"text","text":"hi","quoteToken":"q","sentiment":"positive"}"""));

        var json = JsonSerializer.Serialize(e, e.GetType(), JsonSerializerOptions.Web);

        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("message").GetProperty("text").GetString().ShouldBe("hi");
        document.RootElement.GetProperty("message").GetProperty("sentiment").GetString().ShouldBe("positive");
    }

    [Fact]
    public void An_empty_events_array_is_the_url_check_and_parses()
    {
        var payload = Parse("""{"destination":"Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","events":[]}""");

        payload.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_top_level_fields_are_allowed_and_the_body_is_kept()
    {
        var json = """{"events":[],"newTopLevel":{"x":[true,null]},"destination":"U1"}""";
        var payload = Parse(json);

        payload.Destination.ShouldBe("U1");
        Encoding.UTF8.GetString(payload.Body.Span).ShouldBe(json);
    }

    [Fact]
    public void Parsing_keeps_a_copy_so_the_request_buffer_can_be_reused()
    {
        var body = Encoding.UTF8.GetBytes(WebhookExamples.Body(WebhookExamples.TextEvent("01A")));
        Parser.TryVerifyAndParse(body, WebhookSignatureTests.Sign(body), out var payload, out _).ShouldBeTrue();

        Array.Clear(body);

        payload!.Events[0].ToJsonElement().GetProperty("webhookEventId").GetString().ShouldBe("01A");
    }

    [Fact]
    public void Deeply_nested_json_is_refused_not_crashed()
    {
        var json = WebhookExamples.Body("""{"type":"x","timestamp":1,"webhookEventId":"1","deep":""" + new string('[', 200) + new string(']', 200) + "}");
        var body = Encoding.UTF8.GetBytes(json);

        Parser.TryVerifyAndParse(body, WebhookSignatureTests.Sign(body), out _, out var error).ShouldBeFalse();

        error.ShouldBe(LineWebhookError.MalformedPayload);
    }
}
