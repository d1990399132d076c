using System.Net;
using LineGov.Messaging.Flex;

namespace LineGov.Messaging.Tests.Client;

public sealed class ErrorAndValidationTests
{
    [Fact]
    public async Task A_LINE_error_becomes_LineApiException_with_message_details_request_id_and_endpoint()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(
            r, 400,
            """{"message":"The request body has 2 error(s)","details":[{"message":"May not be empty","property":"messages[0].text"},{"message":"Must be one of the following values: [text, image]","property":"messages[1].type"}]}""",
            ("x-line-request-id", "req-400"));

        var ex = await Should.ThrowAsync<LineApiException>(() =>
            h.Client.PushAsync(new PushMessageRequest("U1", new TextMessage("秘密の本文")), Guid.NewGuid()));

        ex.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ex.LineMessage.ShouldBe("The request body has 2 error(s)");
        ex.Details.Count.ShouldBe(2);
        ex.Details[0].ShouldBe(new LineErrorDetail("May not be empty", "messages[0].text"));
        ex.Details[1].Property.ShouldBe("messages[1].type");
        ex.RequestId.ShouldBe("req-400");
        ex.Endpoint.ShouldBe("POST /v2/bot/message/push");
        ex.Message.ShouldNotContain("token-1");
        ex.Message.ShouldNotContain("秘密の本文");
        h.Tokens.Invalidated.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_endpoint_names_the_path_template_not_the_user()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 404, """{"message":"Not found"}""");

        var ex = await Should.ThrowAsync<LineApiException>(() => h.Client.GetProfileAsync("U4af4980629"));

        ex.Endpoint.ShouldBe("GET /v2/bot/profile/{userId}");
        ex.Message.ShouldNotContain("U4af4980629");
    }

    [Fact]
    public async Task A_401_invalidates_the_token_and_throws()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 401, """{"message":"Authentication failed. Confirm that the access token in the authorization header is valid."}""");

        var ex = await Should.ThrowAsync<LineApiException>(() => h.Client.GetMessageQuotaAsync());

        ex.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        h.Tokens.Invalidated.ShouldBe(["token-1"]);

        // The next request asks the provider again and gets the renewed token.
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 200, """{"type":"none"}""");
        (await h.Client.GetMessageQuotaAsync()).Type.ShouldBe(QuotaType.None);
        h.Server.Requests[1].Header("Authorization").ShouldBe("Bearer token-2");
    }

    [Fact]
    public async Task The_monthly_quota_429_is_told_apart()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 429, """{"message":"You have reached your monthly limit."}""", ("x-line-request-id", "req-429"));

        var ex = await Should.ThrowAsync<LineApiException>(() => h.Client.BroadcastAsync(new BroadcastRequest(new TextMessage("x"))));

        ex.IsMonthlyQuotaExceeded.ShouldBeTrue();
        ex.IsRateLimited.ShouldBeFalse();
    }

    [Fact]
    public async Task A_non_JSON_error_body_still_gives_the_status()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = async (_, r) =>
        {
            r.StatusCode = 502;
            r.ContentType = "text/html";
            var bytes = "<html>Bad gateway</html>"u8.ToArray();
            await r.OutputStream.WriteAsync(bytes);
            r.Close();
        };

        var ex = await Should.ThrowAsync<LineApiException>(() => h.Client.GetMessageQuotaConsumptionAsync());

        ex.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        ex.Details.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_malformed_success_body_is_a_LineApiException_not_a_JsonException()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 200, """{"displayName":""");

        var ex = await Should.ThrowAsync<LineApiException>(() => h.Client.GetProfileAsync("U1"));

        ex.InnerException.ShouldBeOfType<System.Text.Json.JsonException>();
    }

    public static TheoryData<string, Func<LineMessagingClient, Task>, string> InvalidRequests => new()
    {
        { "no messages", c => c.PushAsync(new PushMessageRequest("U1")), "messages is empty" },
        { "six messages", c => c.PushAsync(new PushMessageRequest("U1", [.. Enumerable.Range(0, 6).Select(i => new TextMessage($"{i}"))])), "at most 5" },
        { "empty recipient", c => c.PushAsync(new PushMessageRequest(" ", new TextMessage("x"))), "to is empty" },
        { "text too long", c => c.PushAsync(new PushMessageRequest("U1", new TextMessage(new string('あ', 5001)))), "messages[0].text has 5,001 characters" },
        { "empty text", c => c.BroadcastAsync(new BroadcastRequest(new TextMessage(""))), "messages[0].text is empty" },
        { "501 multicast recipients", c => c.MulticastAsync(new MulticastRequest([.. Enumerable.Range(0, 501).Select(i => $"U{i}")], new TextMessage("x"))), "at most 500" },
        { "empty multicast recipient", c => c.MulticastAsync(new MulticastRequest(["U1", ""], new TextMessage("x"))), "to[1] is empty" },
        { "http image", c => c.PushAsync(new PushMessageRequest("U1", new ImageMessage("http://example.com/a.jpg", "https://example.com/p.jpg"))), "originalContentUrl must be an absolute https URL" },
        { "flex alt text too long", c => c.PushAsync(new PushMessageRequest("U1", new FlexMessage(new string('x', 1501), new FlexBubble()))), "altText has 1,501 characters" },
        { "13 bubbles", c => c.PushAsync(new PushMessageRequest("U1", new FlexMessage("x", new FlexCarousel([.. Enumerable.Range(0, 13).Select(_ => new FlexBubble())])))), "1 to 12" },
        {
            "14 quick replies",
            c => c.PushAsync(new PushMessageRequest("U1", new TextMessage("x") { QuickReply = new QuickReply([.. Enumerable.Range(0, 14).Select(i => new QuickReplyItem(new MessageAction($"{i}", $"{i}")))]) })),
            "at most 13"
        },
        { "empty reply token", c => c.ReplyAsync(new ReplyMessageRequest("", new TextMessage("x"))), "replyToken is empty" },
        { "sender name too long", c => c.PushAsync(new PushMessageRequest("U1", new TextMessage("x") { Sender = new Sender { Name = new string('x', 21) } })), "sender.name" },
        { "501 bulk link users", c => c.LinkRichMenuToUsersAsync("richmenu-1", [.. Enumerable.Range(0, 501).Select(i => $"U{i}")]), "at most 500" },
        { "gif rich menu image", c => c.UploadRichMenuImageAsync("richmenu-1", new MemoryStream([1]), "image/gif"), "image/png or image/jpeg" },
        { "chat bar text too long", c => c.CreateRichMenuAsync(new RichMenuRequest(new RichMenuSize(2500, 843), false, "menu", new string('x', 15))), "chatBarText has 15 characters" },
        { "bad alias", c => c.CreateRichMenuAliasAsync("Alias A", "richmenu-1"), "alias ID" },
        { "audience name too long", c => c.CreateAudienceGroupAsync(new string('x', 121), []), "description has 121 characters" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Requests_breaking_documented_limits_fail_before_sending(string because, Func<LineMessagingClient, Task> call, string expected)
    {
        await using var h = new ClientHarness();

        var ex = await Should.ThrowAsync<ArgumentException>(() => call(h.Client), because);

        ex.Message.ShouldContain(expected);
        h.Server.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Follower_page_size_is_checked_when_the_iterator_is_made(int limit)
    {
        await using var h = new ClientHarness();

        Should.Throw<ArgumentOutOfRangeException>(() => h.Client.GetFollowerIdsAsync(limit));
        h.Server.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(65)]
    public async Task Loading_seconds_are_5_to_60_in_steps_of_5(int seconds)
    {
        await using var h = new ClientHarness();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => h.Client.ShowLoadingAnimationAsync("U1", seconds));
        h.Server.Requests.ShouldBeEmpty();
    }
}
