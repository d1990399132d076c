using System.Net;
using LineGov.Messaging.Tests.Models;

namespace LineGov.Messaging.Tests.Client;

public sealed class UsersAndContentTests
{
    [Fact]
    public async Task Follower_ids_are_iterated_across_three_pages_along_the_next_token()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (req, r) => LoopbackLineServer.Respond(r, 200, req.PathAndQuery switch
        {
            "/api/v2/bot/followers/ids?limit=2" => """{"userIds":["U1","U2"],"next":"tok+/=1"}""",
            "/api/v2/bot/followers/ids?start=tok%2B%2F%3D1&limit=2" => """{"userIds":["U3","U4"],"next":"tok2"}""",
            "/api/v2/bot/followers/ids?start=tok2&limit=2" => """{"userIds":["U5"]}""",
            _ => throw new InvalidOperationException(req.PathAndQuery),
        });

        var ids = new List<string>();
        await foreach (var id in h.Client.GetFollowerIdsAsync(limit: 2))
        {
            ids.Add(id);
        }

        ids.ShouldBe(["U1", "U2", "U3", "U4", "U5"]);
        h.Server.Requests.Count.ShouldBe(3);
        h.Recorder.Seen.ShouldAllBe(s => s.Endpoint == "GET /v2/bot/followers/ids" && s.Group == LineRateLimitGroup.Default);
    }

    [Fact]
    public async Task Follower_iteration_stops_requesting_when_the_caller_stops()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 200, """{"userIds":["U1","U2"],"next":"more"}""");

        await foreach (var id in h.Client.GetFollowerIdsAsync())
        {
            id.ShouldBe("U1");
            break;
        }

        h.Server.SingleRequest.PathAndQuery.ShouldBe("/api/v2/bot/followers/ids");
    }

    [Fact]
    public async Task Follower_iteration_honours_cancellation_between_pages()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 200, """{"userIds":["U1"],"next":"more"}""");
        using var cts = new CancellationTokenSource();

        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in h.Client.GetFollowerIdsAsync().WithCancellation(cts.Token))
            {
                await cts.CancelAsync();
            }
        });

        h.Server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Profile_is_read_and_the_user_id_is_escaped_in_the_path()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 200, """{"displayName":"LINE taro","userId":"U4af4980629...","language":"ja","pictureUrl":"https://obs.line-apps.com/...","statusMessage":"Hello, LINE!"}""");

        var profile = await h.Client.GetProfileAsync("U4af/49");

        h.Server.SingleRequest.PathAndQuery.ShouldBe("/api/v2/bot/profile/U4af%2F49");
        h.SingleOptions.ShouldBe(("GET /v2/bot/profile/{userId}", LineRateLimitGroup.Default));
        profile.DisplayName.ShouldBe("LINE taro");
        profile.Language.ShouldBe("ja");
    }

    [Fact]
    public async Task Message_content_is_streamed_from_the_data_host_before_the_body_ends()
    {
        await using var h = new ClientHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Server.Handler = async (_, r) =>
        {
            r.StatusCode = 200;
            r.ContentType = "image/jpeg";
            r.SendChunked = true;
            await r.OutputStream.WriteAsync(new byte[] { 0xFF, 0xD8, 0xFF });
            await r.OutputStream.FlushAsync();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await r.OutputStream.WriteAsync(new byte[] { 0xD9 });
            r.Close();
        };

        await using var stream = await h.Client.GetMessageContentAsync("325708");

        // The stream is in hand while the server still holds back the last byte: nothing was buffered.
        var first = new byte[3];
        await stream.ReadExactlyAsync(first);
        first.ShouldBe(new byte[] { 0xFF, 0xD8, 0xFF });
        release.SetResult();
        using var rest = new MemoryStream();
        await stream.CopyToAsync(rest);
        rest.ToArray().ShouldBe(new byte[] { 0xD9 });

        h.Server.SingleRequest.PathAndQuery.ShouldBe("/data/v2/bot/message/325708/content");
        h.SingleOptions.ShouldBe(("GET /v2/bot/message/{messageId}/content", LineRateLimitGroup.Default));
    }

    [Fact]
    public async Task A_content_error_is_thrown_not_streamed()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 404, """{"message":"Not found"}""", ("x-line-request-id", "req-404"));

        var ex = await Should.ThrowAsync<LineApiException>(() => h.Client.GetMessageContentAsync("325708"));

        ex.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ex.RequestId.ShouldBe("req-404");
    }

    [Fact]
    public async Task Transcoding_status_is_read_from_the_data_host()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 200, """{"status":"processing"}""");

        var status = await h.Client.GetMessageContentTranscodingAsync("325708");

        status.Status.ShouldBe(ContentTranscodingStatus.Processing);
        h.Server.SingleRequest.PathAndQuery.ShouldBe("/data/v2/bot/message/325708/content/transcoding");
    }

    [Fact]
    public async Task A_slow_answer_is_abandoned_when_the_caller_cancels()
    {
        await using var h = new ClientHarness();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Server.Handler = async (_, r) =>
        {
            arrived.SetResult();
            await Task.Delay(TimeSpan.FromSeconds(20));
            await LoopbackLineServer.Respond(r, 200, "{}");
        };
        using var cts = new CancellationTokenSource();

        var push = h.Client.PushAsync(new PushMessageRequest("U1", new TextMessage("x")), Guid.NewGuid(), cts.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => push);
    }

    [Fact]
    public async Task A_cancelled_token_sends_nothing()
    {
        await using var h = new ClientHarness();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => h.Client.GetMessageQuotaAsync(cts.Token));
        await Should.ThrowAsync<OperationCanceledException>(() => h.Client.GetMessageContentAsync("1", cts.Token));

        h.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Loading_animation_and_mark_as_read_post_their_bodies()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (req, r) => LoopbackLineServer.Respond(r, req.PathAndQuery.Contains("loading", StringComparison.Ordinal) ? 202 : 200, "{}");

        await h.Client.ShowLoadingAnimationAsync("U1", 20);
        await h.Client.MarkAsReadAsync("nz0x74mZT2mRn...");
        await h.Client.MarkAsReadByUserIdAsync("Uxxxxxxxxxxxxxxxxxx");

        var requests = h.Server.Requests;
        requests[0].PathAndQuery.ShouldBe("/api/v2/bot/chat/loading/start");
        JsonAssert.Equal("""{"chatId":"U1","loadingSeconds":20}""", requests[0].BodyText);
        requests[1].PathAndQuery.ShouldBe("/api/v2/bot/chat/markAsRead");
        JsonAssert.Equal("""{"markAsReadToken":"nz0x74mZT2mRn..."}""", requests[1].BodyText);
        requests[2].PathAndQuery.ShouldBe("/api/v2/bot/message/markAsRead");
        JsonAssert.Equal("""{"chat":{"userId":"Uxxxxxxxxxxxxxxxxxx"}}""", requests[2].BodyText);
        h.Recorder.Seen.Select(s => s.Endpoint).ShouldBe(["POST /v2/bot/chat/loading/start", "POST /v2/bot/chat/markAsRead", "POST /v2/bot/message/markAsRead"]);
    }
}
