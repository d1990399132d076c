using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LineGov.Messaging.Testing;
using static LineGov.Messaging.Tests.Emulator.EmulatorTestKit;

namespace LineGov.Messaging.Tests.Emulator;

/// <summary>Broadcast, narrowcast and its progress, audiences (JSON and file), content, loading animation, read marks.</summary>
public sealed class NarrowcastAndAudienceTests
{
    [Fact]
    public async Task Broadcast_reaches_every_follower_and_nobody_who_blocked()
    {
        var users = LineEmulatorUser.CreateMany(5).Select((u, i) => i == 4 ? u with { IsFollower = false } : u).ToList();
        await using var line = await LineEmulator.StartAsync(new() { Users = users });
        using var http = line.Client();

        (await http.PostJsonAsync("v2/bot/message/broadcast", $$"""{"messages":[{{TextMessage("接種券の再発行について")}}]}""")).StatusCode.ShouldBe(HttpStatusCode.OK);

        line.DeliveryCountsByUser().Keys.Order().ShouldBe(users.Take(4).Select(u => u.UserId).Order());
        line.QuotaConsumption.ShouldBe(4);
    }

    [Fact]
    public async Task Narrowcast_answers_202_and_its_progress_is_polled_by_request_id()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 4, 1, 10, 0, 0, TimeSpan.Zero));
        await using var line = await LineEmulator.StartAsync(new()
        {
            Users = LineEmulatorUser.CreateMany(10),
            TimeProvider = clock,
            NarrowcastDuration = TimeSpan.FromMinutes(2),
        });
        using var http = line.Client();

        using var accepted = await http.PostJsonAsync("v2/bot/message/narrowcast", $$$"""{"messages":[{{{TextMessage("x")}}}],"limit":{"max":7}}""");
        var requestId = accepted.Headers.GetValues("x-line-request-id").Single();
        var sending = await (await http.GetAsync($"v2/bot/message/progress/narrowcast?requestId={requestId}")).ReadJsonAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        var done = await (await http.GetAsync($"v2/bot/message/progress/narrowcast?requestId={requestId}")).ReadJsonAsync();

        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        sending.GetProperty("phase").GetString().ShouldBe("sending");
        sending.GetProperty("acceptedTime").GetString().ShouldBe("2025-04-01T10:00:00.000Z");
        done.GetProperty("phase").GetString().ShouldBe("succeeded");
        done.GetProperty("successCount").GetInt64().ShouldBe(7);
        done.GetProperty("targetCount").GetInt64().ShouldBe(7);
        done.GetProperty("completedTime").GetString().ShouldBe("2025-04-01T10:02:00.000Z");
        line.GetInboxStatistics().TotalDeliveries.ShouldBe(7);
        (await http.GetAsync("v2/bot/message/progress/narrowcast?requestId=nope")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("v2/bot/message/progress/narrowcast")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Narrowcast_to_an_audience_combined_with_operators()
    {
        await using var line = await LineEmulator.StartAsync(new() { Users = LineEmulatorUser.CreateMany(6) });
        using var http = line.Client();
        var all = UserIds(0, 6);
        var first = await (await http.PostJsonAsync("v2/bot/audienceGroup/upload",
            $$"""{"description":"当麻町 世帯主","audiences":[{"id":"{{all[0]}}"},{"id":"{{all[1]}}"},{"id":"{{all[2]}}"}]}""")).ReadJsonAsync();
        var second = await (await http.PostJsonAsync("v2/bot/audienceGroup/upload",
            $$"""{"description":"申請済み","audiences":[{"id":"{{all[1]}}"}]}""")).ReadJsonAsync();
        var a = first.GetProperty("audienceGroupId").GetInt64();
        var b = second.GetProperty("audienceGroupId").GetInt64();

        using var response = await http.PostJsonAsync("v2/bot/message/narrowcast", $$$"""
            {"messages":[{{{TextMessage("申請がまだの世帯へ")}}}],
             "recipient":{"type":"operator","and":[{"type":"audience","audienceGroupId":{{{a}}}},{"type":"operator","not":{"type":"audience","audienceGroupId":{{{b}}}}}]}}
            """);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        line.DeliveryCountsByUser().Keys.Order().ShouldBe([all[0], all[2]]);
        (await http.PostJsonAsync("v2/bot/message/narrowcast",
            $$$"""{"messages":[{{{TextMessage("x")}}}],"recipient":{"type":"audience","audienceGroupId":1}}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Narrowcast_redelivery_targets_the_recipients_of_an_earlier_request()
    {
        await using var line = await LineEmulator.StartAsync(new() { Users = LineEmulatorUser.CreateMany(3) });
        using var http = line.Client();

        using var first = await http.PostJsonAsync("v2/bot/message/multicast", Multicast(UserIds(0, 2), "一回目"));
        var requestId = first.Headers.GetValues("x-line-request-id").Single();
        (await http.PostJsonAsync("v2/bot/message/narrowcast",
            $$$"""{"messages":[{{{TextMessage("二回目")}}}],"recipient":{"type":"redelivery","requestId":"{{{requestId}}}"}}""")).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        line.InboxOf(LineEmulatorUser.UserIdFor(0)).Count.ShouldBe(2);
        line.InboxOf(LineEmulatorUser.UserIdFor(2)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Narrowcast_up_to_remaining_quota_with_forbidden_partial_delivery_fails_asynchronously()
    {
        await using var line = await LineEmulator.StartAsync(new() { Users = LineEmulatorUser.CreateMany(5), MonthlyQuota = 3 });
        using var http = line.Client();

        using var response = await http.PostJsonAsync("v2/bot/message/narrowcast",
            $$$"""{"messages":[{{{TextMessage("x")}}}],"limit":{"upToRemainingQuota":true,"forbidPartialDelivery":true}}""");
        var progress = await (await http.GetAsync($"v2/bot/message/progress/narrowcast?requestId={response.Headers.GetValues("x-line-request-id").Single()}")).ReadJsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        progress.GetProperty("phase").GetString().ShouldBe("failed");
        progress.GetProperty("errorCode").GetInt64().ShouldBe(5);
        line.GetInboxStatistics().TotalDeliveries.ShouldBe(0);
    }

    [Fact]
    public async Task Audiences_upload_by_file_on_the_data_host_and_add_more()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();
        using var data = line.Client(data: true);
        var ids = UserIds(100, 1200);

        using var create = new MultipartFormDataContent
        {
            { new StringContent("学生支援給付金 対象"), "description" },
            { new StringContent("first upload"), "uploadDescription" },
            { TextFile(ids.Take(1000)), "file", "ids.txt" },
        };
        using var created = await data.PostAsync("v2/bot/audienceGroup/upload/byFile", create);
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await created.ReadJsonAsync();
        var audienceGroupId = body.GetProperty("audienceGroupId").GetInt64();
        body.GetProperty("type").GetString().ShouldBe("UPLOAD");
        body.GetProperty("description").GetString().ShouldBe("学生支援給付金 対象");

        using var add = new MultipartFormDataContent
        {
            { new StringContent(audienceGroupId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "audienceGroupId" },
            { TextFile(ids.Skip(900)), "file", "more.txt" },
        };
        (await data.PutAsync("v2/bot/audienceGroup/upload/byFile", add)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await http.PutAsync("v2/bot/audienceGroup/upload",
            Json($$"""{"audienceGroupId":{{audienceGroupId}},"audiences":[{"id":"{{Alice}}"}]}"""))).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        line.AudienceMembersOf(audienceGroupId)!.Count.ShouldBe(1201);
        var group = await (await http.GetAsync($"v2/bot/audienceGroup/{audienceGroupId}")).ReadJsonAsync();
        group.GetProperty("audienceGroup").GetProperty("audienceCount").GetInt64().ShouldBe(1201);
        group.GetProperty("jobs").GetArrayLength().ShouldBe(3);
        var list = await (await http.GetAsync("v2/bot/audienceGroup/list?page=1&description=学生")).ReadJsonAsync();
        list.GetProperty("totalCount").GetInt64().ShouldBe(1);

        // Uploading by file on the api host is a 404, as on LINE.
        using var wrongHost = new MultipartFormDataContent { { new StringContent("x"), "description" }, { TextFile(ids.Take(1)), "file", "ids.txt" } };
        (await http.PostAsync("v2/bot/audienceGroup/upload/byFile", wrongHost)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await http.DeleteAsync($"v2/bot/audienceGroup/{audienceGroupId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        line.AudienceMembersOf(audienceGroupId).ShouldBeNull();
    }

    [Fact]
    public async Task An_audience_upload_without_a_file_or_name_is_refused()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();
        using var data = line.Client(data: true);

        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "description" } };
        (await (await data.PostAsync("v2/bot/audienceGroup/upload/byFile", noFile)).ShouldBeLineErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe([("file", "May not be empty")]);
        (await (await http.PostJsonAsync("v2/bot/audienceGroup/upload", """{"audiences":[]}""")).ShouldBeLineErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe([("description", "May not be empty")]);
    }

    [Fact]
    public async Task Message_content_downloads_the_bytes_from_the_data_host()
    {
        await using var line = await LineEmulator.StartAsync();
        using var data = line.Client(data: true);
        byte[] photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5];
        var e = line.CreateImageMessageEvent(Alice, photo);
        var messageId = (string)e["message"]!["id"]!;

        using var response = await data.GetAsync($"v2/bot/message/{messageId}/content");
        using var missing = await data.GetAsync("v2/bot/message/1/content");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(photo);
        (await (await data.GetAsync($"v2/bot/message/{messageId}/content/transcoding")).ReadJsonAsync()).GetProperty("status").GetString().ShouldBe("succeeded");
        await missing.ShouldBeLineErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Loading_animation_and_read_marks_are_recorded()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();
        var message = line.CreateTextMessageEvent(Alice, "申請したい");
        var markAsReadToken = (string)message["message"]!["markAsReadToken"]!;

        (await http.PostJsonAsync("v2/bot/chat/loading/start", $$"""{"chatId":"{{Alice}}","loadingSeconds":10}""")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await (await http.PostJsonAsync("v2/bot/chat/loading/start", $$"""{"chatId":"{{Alice}}","loadingSeconds":7}""")).ShouldBeLineErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe([("loadingSeconds", "Must be a multiple of 5")]);
        (await http.PostJsonAsync("v2/bot/chat/markAsRead", $$"""{"markAsReadToken":"{{markAsReadToken}}"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostJsonAsync("v2/bot/chat/markAsRead", """{"markAsReadToken":"forged"}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.PostJsonAsync("v2/bot/message/markAsRead", $$$"""{"chat":{"userId":"{{{Bob}}}"}}""")).StatusCode.ShouldBe(HttpStatusCode.OK);

        line.ChatActions.Select(a => (a.Kind, a.UserId, a.LoadingSeconds)).ShouldBe(
        [
            (LineEmulatorChatActionKind.LoadingAnimation, Alice, (int?)10),
            (LineEmulatorChatActionKind.MarkedAsRead, Alice, null),
            (LineEmulatorChatActionKind.MarkedAsRead, Bob, null),
        ]);
    }

    [Fact]
    public async Task A_reply_token_works_once_and_expires()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));
        await using var line = await LineEmulator.StartAsync(new() { TimeProvider = clock });
        using var http = line.Client();
        var token = (string)line.CreateTextMessageEvent(Alice, "こんにちは")["replyToken"]!;
        var late = line.IssueReplyToken(Bob);

        (await http.PostJsonAsync("v2/bot/message/reply", $$"""{"replyToken":"{{token}}","messages":[{{TextMessage("ご用件をどうぞ")}}]}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await http.PostJsonAsync("v2/bot/message/reply", $$"""{"replyToken":"{{token}}","messages":[{{TextMessage("again")}}]}"""))
            .ShouldBeLineErrorAsync(HttpStatusCode.BadRequest, "Invalid reply token");
        clock.Advance(TimeSpan.FromMinutes(2));
        await (await http.PostJsonAsync("v2/bot/message/reply", $$"""{"replyToken":"{{late}}","messages":[{{TextMessage("late")}}]}"""))
            .ShouldBeLineErrorAsync(HttpStatusCode.BadRequest, "Invalid reply token");

        line.InboxOf(Alice).ShouldHaveSingleItem().Operation.ShouldBe("replyMessage");
        line.QuotaConsumption.ShouldBe(0);
    }

    private static StringContent TextFile(IEnumerable<string> ids)
    {
        var content = new StringContent(string.Join("\n", ids), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return content;
    }
}
