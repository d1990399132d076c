using System.Net;
using System.Text;
using LineGov.Messaging.Testing;
using static LineGov.Messaging.Tests.Emulator.EmulatorTestKit;

namespace LineGov.Messaging.Tests.Emulator;

/// <summary>The emulator refuses what the spec forbids, with LINE's error shape, and delivers nothing.</summary>
public sealed class MessageLimitTests : IAsyncLifetime
{
    private LineEmulator _line = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _line = await LineEmulator.StartAsync(new LineEmulatorOptions { Seed = 1 });
        _http = _line.Client();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _line.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_push_is_delivered_with_sent_message_ids()
    {
        using var response = await _http.PostJsonAsync("v2/bot/message/push", Push(Alice, "申請を受け付けました 🤨"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        var sent = body.GetProperty("sentMessages").EnumerateArray().Single();
        sent.GetProperty("id").GetString()!.Length.ShouldBe(18);
        sent.GetProperty("quoteToken").GetString().ShouldNotBeNullOrEmpty();
        var delivery = _line.InboxOf(Alice).ShouldHaveSingleItem();
        delivery.Texts.ShouldBe(["申請を受け付けました 🤨"]);
        delivery.Operation.ShouldBe("pushMessage");
        delivery.RequestId.ShouldBe(response.Headers.GetValues("x-line-request-id").Single());
    }

    [Fact]
    public async Task Six_messages_are_refused_at_the_sixth()
    {
        using var response = await _http.PostJsonAsync("v2/bot/message/push", $$"""{"to":"{{Alice}}","messages":{{Messages(6)}}}""");

        var details = await response.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest, "The request body has 1 error(s)");
        details.ShouldBe([("messages[5]", "Size must be between 1 and 5")]);
        _line.InboxOf(Alice).ShouldBeEmpty();
    }

    [Fact]
    public async Task Five_messages_are_accepted()
    {
        using var response = await _http.PostJsonAsync("v2/bot/message/push", $$"""{"to":"{{Alice}}","messages":{{Messages(5)}}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadJsonAsync()).GetProperty("sentMessages").GetArrayLength().ShouldBe(5);
        _line.InboxOf(Alice).Single().Messages.Count.ShouldBe(5);
    }

    [Fact]
    public async Task Zero_messages_are_refused()
    {
        using var response = await _http.PostJsonAsync("v2/bot/message/push", $$"""{"to":"{{Alice}}","messages":[]}""");

        (await response.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest)).ShouldBe([("messages", "Size must be between 1 and 5")]);
    }

    [Theory]
    [InlineData("v2/bot/message/multicast")]
    [InlineData("v2/bot/message/broadcast")]
    [InlineData("v2/bot/message/narrowcast")]
    [InlineData("v2/bot/message/validate/push")]
    public async Task Every_send_endpoint_takes_one_to_five_messages(string path)
    {
        var to = path.EndsWith("multicast", StringComparison.Ordinal) ? $$"""
            "to":["{{Alice}}"],
            """ : "";
        using var response = await _http.PostJsonAsync(path, $$"""{{{to}}"messages":{{Messages(6)}}}""");

        (await response.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest)).ShouldContain(("messages[5]", "Size must be between 1 and 5"));
    }

    [Fact]
    public async Task Multicast_to_501_recipients_is_refused_and_500_accepted()
    {
        using var tooMany = await _http.PostJsonAsync("v2/bot/message/multicast", Multicast(UserIds(0, 501)));
        using var enough = await _http.PostJsonAsync("v2/bot/message/multicast", Multicast(UserIds(0, 500)));

        (await tooMany.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest, "The request body has 1 error(s)"))
            .ShouldBe([("to[500]", "Size must be between 1 and 500")]);
        enough.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await enough.Content.ReadAsStringAsync()).ShouldBe("{}");
        _line.GetInboxStatistics().TotalDeliveries.ShouldBe(500);
    }

    [Fact]
    public async Task Missing_to_is_refused()
    {
        using var push = await _http.PostJsonAsync("v2/bot/message/push", $$"""{"messages":[{{TextMessage("x")}}]}""");
        using var multicast = await _http.PostJsonAsync("v2/bot/message/multicast", $$"""{"messages":[{{TextMessage("x")}}]}""");

        (await push.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest)).ShouldBe([("to", "May not be empty")]);
        (await multicast.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest)).ShouldBe([("to", "May not be empty")]);
    }

    [Fact]
    public async Task Missing_messages_is_refused()
    {
        using var response = await _http.PostJsonAsync("v2/bot/message/push", $$"""{"to":"{{Alice}}"}""");

        (await response.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest)).ShouldBe([("messages", "May not be empty")]);
    }

    [Fact]
    public async Task Several_errors_are_all_reported()
    {
        using var response = await _http.PostJsonAsync("v2/bot/message/push",
            """{"messages":[{"type":"text","text":""},{"type":"txet","text":"x"}]}""");

        var details = await response.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest, "The request body has 3 error(s)");
        details.ShouldContain(("to", "May not be empty"));
        details.ShouldContain(("messages[0].text", "May not be empty"));
        details.ShouldContain(d => d.Property == "messages[1].type" && d.Message.StartsWith("Must be one of the following values: [text,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_message_type_is_refused()
    {
        using var response = await _http.PostJsonAsync("v2/bot/message/push", $$"""{"to":"{{Alice}}","messages":[{"type":"hologram"}]}""");

        var detail = (await response.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest)).ShouldHaveSingleItem();
        detail.Property.ShouldBe("messages[0].type");
        detail.Message.ShouldContain("flex");
    }

    [Fact]
    public async Task Text_over_5000_characters_is_refused()
    {
        using var tooLong = await _http.PostJsonAsync("v2/bot/message/push", Push(Alice, new string('あ', 5001)));
        using var longest = await _http.PostJsonAsync("v2/bot/message/push", Push(Alice, new string('あ', 5000)));

        (await tooLong.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest)).ShouldBe([("messages[0].text", "Length must be between 1 and 5000")]);
        longest.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Type_specific_required_properties_and_https_urls_are_checked()
    {
        using var response = await _http.PostJsonAsync("v2/bot/message/push", $$$"""
            {"to":"{{{Alice}}}","messages":[
              {"type":"image","originalContentUrl":"http://example.com/a.jpg"},
              {"type":"sticker","packageId":"446"},
              {"type":"flex","altText":"給付金","contents":{"type":"poster"}},
              {"type":"text","text":"ok","quickReply":{"items":[{},{},{},{},{},{},{},{},{},{},{},{},{},{}]}}
            ]}
            """);

        var details = await response.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest);
        details.ShouldContain(("messages[0].originalContentUrl", "Must be a valid HTTPS URL"));
        details.ShouldContain(("messages[0].previewImageUrl", "May not be empty"));
        details.ShouldContain(("messages[1].stickerId", "May not be empty"));
        details.ShouldContain(d => d.Property == "messages[2].contents.type");
        details.ShouldContain(("messages[3].quickReply.items[13]", "Size must be between 1 and 13"));
    }

    [Fact]
    public async Task A_malformed_user_id_is_refused_as_LINE_does()
    {
        using var push = await _http.PostJsonAsync("v2/bot/message/push", Push("user-1"));
        using var multicast = await _http.PostJsonAsync("v2/bot/message/multicast", Multicast([Alice, "Uxyz"]));

        await push.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest, "The property, 'to', in the request body is invalid (line: -, column: -)");
        await multicast.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest, "The property, 'to[1]', in the request body is invalid (line: -, column: -)");
        _line.GetInboxStatistics().TotalDeliveries.ShouldBe(0);
    }

    [Fact]
    public async Task Malformed_json_names_line_and_column()
    {
        using var response = await _http.PostJsonAsync("v2/bot/message/push", "{\"to\": \n  ,}");

        var error = await response.ReadJsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.GetProperty("message").GetString()!.ShouldStartWith("The request body could not be parsed as JSON (line: 2,");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_by_content_type()
    {
        using var response = await _http.PostAsync("v2/bot/message/push", new StringContent(Push(Alice), Encoding.UTF8, "text/plain"));

        await response.ShouldBeLineErrorAsync(HttpStatusCode.UnsupportedMediaType, "The content type, 'text/plain; charset=utf-8', is not supported");
    }

    [Fact]
    public async Task Validate_endpoints_answer_200_for_good_messages_and_deliver_nothing()
    {
        foreach (var kind in new[] { "reply", "push", "multicast", "narrowcast", "broadcast" })
        {
            using var response = await _http.PostJsonAsync($"v2/bot/message/validate/{kind}", $$"""{"messages":[{{TextMessage("確認")}}]}""");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, kind);
        }

        _line.GetInboxStatistics().TotalDeliveries.ShouldBe(0);
    }

    [Fact]
    public async Task Unknown_paths_answer_LINE_404_with_a_request_id()
    {
        using var response = await _http.GetAsync("v2/bot/nothing/here");

        await response.ShouldBeLineErrorAsync(HttpStatusCode.NotFound, "Not found");
        _line.Requests[^1].Operation.ShouldBeNull();
    }

    [Fact]
    public async Task Data_endpoints_live_on_the_data_host_only()
    {
        _line.AddMessageContent("100", new byte[] { 1, 2, 3 });
        using var data = _line.Client(data: true);

        using var wrongHost = await _http.GetAsync("v2/bot/message/100/content");
        using var rightHost = await data.GetAsync("v2/bot/message/100/content");
        using var pushOnDataHost = await data.PostJsonAsync("v2/bot/message/push", Push(Alice));

        wrongHost.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        rightHost.StatusCode.ShouldBe(HttpStatusCode.OK);
        pushOnDataHost.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_answer_has_a_unique_request_id()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var ok = await _http.PostJsonAsync("v2/bot/message/push", Push(Alice));
            using var bad = await _http.PostJsonAsync("v2/bot/message/push", "{}");
            using var unauthorized = await _line.Client(token: null).GetAsync("v2/bot/info");
            ids.AddRange(new[] { ok, bad, unauthorized }.Select(r => r.Headers.GetValues("x-line-request-id").Single()));
        }

        ids.Distinct().Count().ShouldBe(15);
        ids.Where(id => !Guid.TryParse(id, out _)).ShouldBeEmpty();
    }
}
