using System.Net;
using LineGov.Messaging.Tests.Models;

namespace LineGov.Messaging.Tests.Client;

public sealed class SendingTests
{
    [Fact]
    public async Task Push_posts_the_messages_with_bearer_token_retry_key_and_endpoint_options()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 200, """{"sentMessages":[{"id":"461230966842064897","quoteToken":"IStG5h1Tz7b..."}]}""", ("x-line-request-id", "req-push-1"));
        var key = Guid.Parse("123e4567-e89b-12d3-a456-426614174000");

        var result = await h.Client.PushAsync(new PushMessageRequest("U4af4980629", new TextMessage("申請を受け付けました。")) { NotificationDisabled = true }, key);

        var request = h.Server.SingleRequest;
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe("/api/v2/bot/message/push");
        request.Header("Authorization").ShouldBe("Bearer token-1");
        request.Header("X-Line-Retry-Key").ShouldBe("123e4567-e89b-12d3-a456-426614174000");
        request.ContentType.ShouldBe("application/json");
        JsonAssert.Equal(
            """{"to":"U4af4980629","messages":[{"type":"text","text":"申請を受け付けました。"}],"notificationDisabled":true}""",
            request.BodyText);
        h.SingleOptions.ShouldBe(("POST /v2/bot/message/push", LineRateLimitGroup.Default));

        result.RequestId.ShouldBe("req-push-1");
        result.RetryKey.ShouldBe(key);
        result.AlreadyAccepted.ShouldBeFalse();
        result.AcceptedRequestId.ShouldBe("req-push-1");
        result.SentMessages.ShouldHaveSingleItem().Id.ShouldBe("461230966842064897");
        result.SentMessages[0].QuoteToken.ShouldBe("IStG5h1Tz7b...");
    }

    [Fact]
    public async Task A_send_without_a_retry_key_reports_the_key_the_pipeline_added()
    {
        await using var h = new ClientHarness();
        var pipelineKey = Guid.NewGuid();
        h.Recorder.AddRetryKeyWhenMissing = pipelineKey;

        var result = await h.Client.BroadcastAsync(new BroadcastRequest(new StickerMessage("446", "1988")));

        h.Server.SingleRequest.Header("X-Line-Retry-Key").ShouldBe(pipelineKey.ToString());
        result.RetryKey.ShouldBe(pipelineKey);
        h.SingleOptions.ShouldBe(("POST /v2/bot/message/broadcast", LineRateLimitGroup.Broadcast));
    }

    [Fact]
    public async Task A_send_without_a_retry_key_and_without_a_pipeline_sends_none()
    {
        await using var h = new ClientHarness();

        var result = await h.Client.BroadcastAsync(new BroadcastRequest(new TextMessage("お知らせ")));

        h.Server.SingleRequest.Header("X-Line-Retry-Key").ShouldBeNull();
        result.RetryKey.ShouldBeNull();
    }

    [Fact]
    public async Task Reply_takes_no_retry_key_and_returns_the_sent_messages()
    {
        await using var h = new ClientHarness();
        h.Recorder.AddRetryKeyWhenMissing = null;
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 200, """{"sentMessages":[{"id":"1"},{"id":"2"}]}""", ("x-line-request-id", "req-reply"));

        var result = await h.Client.ReplyAsync(new ReplyMessageRequest("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA", new TextMessage("はい"), new StickerMessage("446", "1988")));

        var request = h.Server.SingleRequest;
        request.PathAndQuery.ShouldBe("/api/v2/bot/message/reply");
        request.Header("X-Line-Retry-Key").ShouldBeNull();
        JsonAssert.Equal(
            """{"replyToken":"nHuyWiB7yP5Zw52FIkcQobQuGDXCTA","messages":[{"type":"text","text":"はい"},{"type":"sticker","packageId":"446","stickerId":"1988"}]}""",
            request.BodyText);
        result.SentMessages.Select(m => m.Id).ShouldBe(["1", "2"]);
        result.RetryKey.ShouldBeNull();
        h.SingleOptions.ShouldBe(("POST /v2/bot/message/reply", LineRateLimitGroup.Default));
    }

    [Fact]
    public async Task Multicast_is_in_the_multicast_rate_limit_group()
    {
        await using var h = new ClientHarness();

        await h.Client.MulticastAsync(new MulticastRequest(["U1", "U2"], new TextMessage("給付金のお知らせ")) { CustomAggregationUnits = ["promotion_a"] });

        h.SingleOptions.ShouldBe(("POST /v2/bot/message/multicast", LineRateLimitGroup.Multicast));
        JsonAssert.Equal(
            """{"to":["U1","U2"],"messages":[{"type":"text","text":"給付金のお知らせ"}],"customAggregationUnits":["promotion_a"]}""",
            h.Server.SingleRequest.BodyText);
    }

    [Fact]
    public async Task A_409_with_an_accepted_request_id_is_success_already_accepted()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(
            r, 409, """{"message":"The retry key is already accepted","sentMessages":[{"id":"461230966842064897"}]}""",
            ("x-line-request-id", "req-second"), ("x-line-accepted-request-id", "req-first"));
        var key = Guid.NewGuid();

        var result = await h.Client.PushAsync(new PushMessageRequest("U1", new TextMessage("再送")), key);

        result.AlreadyAccepted.ShouldBeTrue();
        result.AcceptedRequestId.ShouldBe("req-first");
        result.RequestId.ShouldBe("req-second");
        result.RetryKey.ShouldBe(key);
        result.SentMessages.ShouldHaveSingleItem().Id.ShouldBe("461230966842064897");
    }

    [Theory]
    [InlineData("multicast")]
    [InlineData("narrowcast")]
    [InlineData("broadcast")]
    public async Task Every_retry_keyed_send_takes_a_409_as_already_accepted(string endpoint)
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 409, """{"message":"The retry key is already accepted"}""", ("x-line-accepted-request-id", "req-first"));
        var key = Guid.NewGuid();
        var message = new TextMessage("お知らせ");

        var result = endpoint switch
        {
            "multicast" => await h.Client.MulticastAsync(new MulticastRequest(["U1"], message), key),
            "narrowcast" => await h.Client.NarrowcastAsync(new NarrowcastRequest(message), key),
            _ => await h.Client.BroadcastAsync(new BroadcastRequest(message), key),
        };

        result.AlreadyAccepted.ShouldBeTrue();
        result.AcceptedRequestId.ShouldBe("req-first");
        h.Server.SingleRequest.Header("X-Line-Retry-Key").ShouldBe(key.ToString());
    }

    [Fact]
    public async Task A_409_without_an_accepted_request_id_is_an_error()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 409, """{"message":"Conflict"}""", ("x-line-request-id", "req-409"));

        var ex = await Should.ThrowAsync<LineApiException>(() => h.Client.PushAsync(new PushMessageRequest("U1", new TextMessage("x")), Guid.NewGuid()));

        ex.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        ex.RequestId.ShouldBe("req-409");
    }

    [Fact]
    public async Task Narrowcast_returns_the_request_id_to_poll_and_progress_is_read()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (req, r) => req.Method == "POST"
            ? LoopbackLineServer.Respond(r, 202, "{}", ("x-line-request-id", "nc-req-1"))
            : LoopbackLineServer.Respond(r, 200, """{"phase":"succeeded","successCount":120,"failureCount":0,"targetCount":120,"acceptedTime":"2020-12-03T10:15:30.121Z","completedTime":"2020-12-03T10:15:31.2Z"}""");
        var narrowcast = new NarrowcastRequest(new TextMessage("接種券番号をご確認ください"))
        {
            Recipient = new OperatorRecipient { And = [new AudienceRecipient(5614991017776), new OperatorRecipient { Not = new RedeliveryRecipient("5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4") }] },
            Filter = new NarrowcastFilter(new OperatorDemographicFilter
            {
                And = [new AgeDemographicFilter { Gte = AgeDemographic.Age65 }, new AreaDemographicFilter(AreaDemographic.Hokkaido)],
            }),
            Limit = new NarrowcastLimit { Max = 100, UpToRemainingQuota = true },
        };

        var sent = await h.Client.NarrowcastAsync(narrowcast, Guid.NewGuid());
        var progress = await h.Client.GetNarrowcastProgressAsync(sent.AcceptedRequestId!);

        sent.RequestId.ShouldBe("nc-req-1");
        sent.AcceptedRequestId.ShouldBe("nc-req-1");
        JsonAssert.Equal(
            """
            {"messages":[{"type":"text","text":"接種券番号をご確認ください"}],
             "recipient":{"type":"operator","and":[{"type":"audience","audienceGroupId":5614991017776},{"type":"operator","not":{"type":"redelivery","requestId":"5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4"}}]},
             "filter":{"demographic":{"type":"operator","and":[{"type":"age","gte":"age_65"},{"type":"area","oneOf":["jp_01"]}]}},
             "limit":{"max":100,"upToRemainingQuota":true}}
            """,
            h.Server.Requests[0].BodyText);
        h.Server.Requests[1].PathAndQuery.ShouldBe("/api/v2/bot/message/progress/narrowcast?requestId=nc-req-1");
        h.Recorder.Seen.Select(s => s.Group).ShouldBe([LineRateLimitGroup.Narrowcast, LineRateLimitGroup.Default]);
        progress.Phase.ShouldBe(NarrowcastPhase.Succeeded);
        progress.IsCompleted.ShouldBeTrue();
        progress.SuccessCount.ShouldBe(120);
        progress.AcceptedTime.ShouldBe(new DateTimeOffset(2020, 12, 3, 10, 15, 30, 121, TimeSpan.Zero));
        progress.CompletedTime.ShouldBe(new DateTimeOffset(2020, 12, 3, 10, 15, 31, 200, TimeSpan.Zero));
    }

    [Fact]
    public async Task Validation_of_messages_is_a_result_with_LINE_details()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(
            r, 400, """{"message":"The request body has 1 error(s)","details":[{"message":"May not be empty","property":"messages[0].text"}]}""",
            ("x-line-request-id", "req-validate"));

        var invalid = await h.Client.ValidateMessagesAsync(LineSendKind.Push, [new StickerMessage("1", "2")]);

        invalid.IsValid.ShouldBeFalse();
        invalid.Message.ShouldBe("The request body has 1 error(s)");
        invalid.Details.ShouldHaveSingleItem().ShouldBe(new LineErrorDetail("May not be empty", "messages[0].text"));
        invalid.RequestId.ShouldBe("req-validate");
        h.Server.SingleRequest.PathAndQuery.ShouldBe("/api/v2/bot/message/validate/push");

        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 200, "{}");
        (await h.Client.ValidateMessagesAsync(LineSendKind.Narrowcast, [new TextMessage("ok")])).IsValid.ShouldBeTrue();
        h.Server.Requests[1].PathAndQuery.ShouldBe("/api/v2/bot/message/validate/narrowcast");
    }

    [Fact]
    public async Task Quota_and_consumption_are_read()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (req, r) => LoopbackLineServer.Respond(r, 200, req.PathAndQuery.EndsWith("consumption", StringComparison.Ordinal)
            ? """{"totalUsage":500}"""
            : """{"type":"limited","value":1000}""");

        var quota = await h.Client.GetMessageQuotaAsync();
        var consumption = await h.Client.GetMessageQuotaConsumptionAsync();

        quota.Type.ShouldBe(QuotaType.Limited);
        quota.Value.ShouldBe(1000);
        consumption.TotalUsage.ShouldBe(500);
        h.Server.Requests.Select(r => $"{r.Method} {r.PathAndQuery}").ShouldBe(["GET /api/v2/bot/message/quota", "GET /api/v2/bot/message/quota/consumption"]);
    }
}
