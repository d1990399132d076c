using System.Net;
using LineGov.Messaging.Testing;
using static LineGov.Messaging.Tests.Emulator.EmulatorTestKit;

namespace LineGov.Messaging.Tests.Emulator;

/// <summary>X-Line-Retry-Key: the first request is processed, later ones within 24 h get 409 and deliver nothing.</summary>
public sealed class RetryKeyTests
{
    [Fact]
    public async Task The_same_key_answers_409_with_the_accepted_request_id_and_does_not_deliver_again()
    {
        await using var line = await LineEmulator.StartAsync(new() { Seed = 2 });
        using var http = line.Client();
        var key = NewKey();

        using var first = await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key);
        using var second = await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var firstId = first.Headers.GetValues("x-line-request-id").Single();
        await second.ShouldBeLineErrorAsync(HttpStatusCode.Conflict, "The retry key is already accepted");
        second.Headers.GetValues("x-line-accepted-request-id").Single().ShouldBe(firstId);
        second.Headers.GetValues("x-line-request-id").Single().ShouldNotBe(firstId);
        var conflict = await second.ReadJsonAsync();
        var sentFirst = (await first.ReadJsonAsync()).GetProperty("sentMessages");
        conflict.GetProperty("sentMessages").GetRawText().ShouldBe(sentFirst.GetRawText());
        line.InboxOf(Alice).Count.ShouldBe(1);
        line.Requests[^1].AcceptedRequestId.ShouldBe(firstId);
    }

    [Fact]
    public async Task A_key_is_channel_wide_and_covers_multicast_narrowcast_and_broadcast()
    {
        await using var line = await LineEmulator.StartAsync(new() { Users = LineEmulatorUser.CreateMany(3) });
        using var http = line.Client();
        var key = NewKey();

        using var multicast = await http.PostJsonAsync("v2/bot/message/multicast", Multicast(UserIds(0, 3)), key);
        using var again = await http.PostJsonAsync("v2/bot/message/multicast", Multicast(UserIds(0, 3)), key);
        using var broadcast = await http.PostJsonAsync("v2/bot/message/broadcast", $$"""{"messages":[{{TextMessage("x")}}]}""", key);
        using var narrowcast = await http.PostJsonAsync("v2/bot/message/narrowcast", $$"""{"messages":[{{TextMessage("x")}}]}""", key);

        multicast.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        broadcast.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        narrowcast.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ReadJsonAsync()).TryGetProperty("sentMessages", out _).ShouldBeFalse();
        line.GetInboxStatistics().TotalDeliveries.ShouldBe(3);
    }

    [Fact]
    public async Task After_24_hours_the_key_delivers_again()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)));
        await using var line = await LineEmulator.StartAsync(new() { TimeProvider = clock });
        using var http = line.Client();
        var key = NewKey();

        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key)).StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var inbox = line.InboxOf(Alice);
        inbox.Count.ShouldBe(2);
        inbox[1].IsDuplicate.ShouldBeTrue();
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("123e4567e89b12d3a456426614174000")]
    [InlineData("{123e4567-e89b-12d3-a456-426614174000}")]
    public async Task A_malformed_key_is_refused(string key)
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();

        using var response = await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key);

        await response.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest);
        line.InboxOf(Alice).ShouldBeEmpty();
    }

    [Fact]
    public async Task Keys_are_compared_as_uuids_not_as_text()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();
        var key = NewKey();

        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key.ToLowerInvariant())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key.ToUpperInvariant())).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_request_refused_for_its_body_does_not_consume_the_key()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();
        var key = NewKey();

        (await http.PostJsonAsync("v2/bot/message/push", $$"""{"to":"{{Alice}}","messages":{{Messages(6)}}}""", key)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_injected_500_does_not_consume_the_key_so_the_retry_delivers()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();
        var key = NewKey();
        line.InjectFault(LineEmulatorFault.ServerError, "pushMessage");

        using var failed = await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key);
        using var retried = await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key);
        using var again = await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key);

        await failed.ShouldBeLineErrorAsync(HttpStatusCode.InternalServerError);
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        again.Headers.GetValues("x-line-accepted-request-id").Single().ShouldBe(retried.Headers.GetValues("x-line-request-id").Single());
        line.InboxOf(Alice).Count.ShouldBe(1);
        line.Requests.Select(r => r.Fault).ShouldBe([LineEmulatorFault.ServerError, LineEmulatorFault.None, LineEmulatorFault.None]);
    }

    [Fact]
    public async Task A_timeout_processed_then_lost_delivered_once_and_the_retry_gets_409()
    {
        await using var line = await LineEmulator.StartAsync(new() { Faults = { TimeoutDelay = TimeSpan.FromSeconds(30) } });
        using var http = line.Client();
        var key = NewKey();
        line.InjectFault(LineEmulatorFault.TimeoutProcessedThenLost, "pushMessage");

        // The client gives up once the request was processed and is being held: its answer is lost.
        using var giveUp = new CancellationTokenSource();
        var first = http.PostJsonAsync("v2/bot/message/push", Push(Alice), key, giveUp.Token);
        await EventuallyAsync(() => line.InboxOf(Alice).Count == 1);
        await giveUp.CancelAsync();
        await Should.ThrowAsync<TaskCanceledException>(() => first);
        using var retried = await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key);

        retried.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var lost = await WaitForLogAsync(line, r => r.Fault == LineEmulatorFault.TimeoutProcessedThenLost);
        lost.StatusCode.ShouldBe(0);
        lost.RecipientCount.ShouldBe(1);
        retried.Headers.GetValues("x-line-accepted-request-id").Single().ShouldBe(lost.RequestId);
        line.InboxOf(Alice).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_timeout_processed_then_lost_without_a_key_shows_as_a_duplicate()
    {
        await using var line = await LineEmulator.StartAsync(new() { Faults = { TimeoutDelay = TimeSpan.FromSeconds(30) } });
        using var http = line.Client();
        line.InjectFault(LineEmulatorFault.TimeoutProcessedThenLost);

        using var giveUp = new CancellationTokenSource();
        var first = http.PostJsonAsync("v2/bot/message/push", Push(Alice), cancellationToken: giveUp.Token);
        await EventuallyAsync(() => line.InboxOf(Alice).Count == 1);
        await giveUp.CancelAsync();
        await Should.ThrowAsync<TaskCanceledException>(() => first);
        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice))).StatusCode.ShouldBe(HttpStatusCode.OK);

        line.InboxOf(Alice).Select(d => d.IsDuplicate).ShouldBe([false, true]);
        line.GetInboxStatistics().ShouldBe(new LineEmulatorInboxStatistics(2, 1, 1, 1));
    }

    [Fact]
    public async Task A_timeout_dropped_before_processing_delivers_nothing_and_the_retry_delivers()
    {
        await using var line = await LineEmulator.StartAsync(new()
        {
            Faults = { TimeoutDelay = TimeSpan.FromSeconds(30), TimeoutMode = LineEmulatorTimeoutMode.DroppedBeforeProcessing },
        });
        using var impatient = line.Client(timeout: TimeSpan.FromSeconds(1));
        using var http = line.Client();
        var key = NewKey();
        line.InjectFault(LineEmulatorFault.TimeoutDroppedBeforeProcessing, "pushMessage");

        await Should.ThrowAsync<TaskCanceledException>(() => impatient.PostJsonAsync("v2/bot/message/push", Push(Alice), key));
        await EventuallyAsync(() => line.Requests.Any(r => r.Fault == LineEmulatorFault.TimeoutDroppedBeforeProcessing));
        line.InboxOf(Alice).ShouldBeEmpty();
        using var retried = await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key);

        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        line.InboxOf(Alice).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_dropped_connection_reaches_a_patient_client_as_a_transport_error()
    {
        await using var line = await LineEmulator.StartAsync(new() { Faults = { TimeoutDelay = TimeSpan.FromMilliseconds(200) } });
        using var patient = line.Client();
        line.InjectFault(LineEmulatorFault.TimeoutProcessedThenLost);

        await Should.ThrowAsync<HttpRequestException>(() => patient.PostJsonAsync("v2/bot/message/push", Push(Alice)));
        line.InboxOf(Alice).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_timeout_answered_late_answers_after_the_delay()
    {
        await using var line = await LineEmulator.StartAsync(new() { Faults = { TimeoutDelay = TimeSpan.FromMilliseconds(400) } });
        using var patient = line.Client();
        line.InjectFault(LineEmulatorFault.TimeoutProcessedThenAnsweredLate);
        var started = TimeProvider.System.GetTimestamp();

        using var response = await patient.PostJsonAsync("v2/bot/message/push", Push(Alice));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TimeProvider.System.GetElapsedTime(started).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(350));
        line.Requests.Single().Fault.ShouldBe(LineEmulatorFault.TimeoutProcessedThenAnsweredLate);
    }

    [Fact]
    public async Task A_slow_response_is_only_slow()
    {
        await using var line = await LineEmulator.StartAsync(new() { Faults = { SlowResponseDelay = TimeSpan.FromMilliseconds(300) } });
        using var http = line.Client();
        line.InjectFault(LineEmulatorFault.SlowResponse, "pushMessage");
        var started = TimeProvider.System.GetTimestamp();

        using var response = await http.PostJsonAsync("v2/bot/message/push", Push(Alice));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TimeProvider.System.GetElapsedTime(started).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
        line.InboxOf(Alice).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_deliver_once()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => http.PostJsonAsync("v2/bot/message/multicast", Multicast(UserIds(0, 100)), key)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(19);
        line.GetInboxStatistics().ShouldBe(new LineEmulatorInboxStatistics(100, 100, 0, 0));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Reply_ignores_retry_keys_as_LINE_does()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();
        var key = NewKey();

        using var first = await http.PostJsonAsync("v2/bot/message/reply", $$"""{"replyToken":"{{line.IssueReplyToken(Alice)}}","messages":[{{TextMessage("a")}}]}""", key);
        using var second = await http.PostJsonAsync("v2/bot/message/reply", $$"""{"replyToken":"{{line.IssueReplyToken(Alice)}}","messages":[{{TextMessage("b")}}]}""", key);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    internal static async Task<LineEmulatorRequest> WaitForLogAsync(LineEmulator line, Func<LineEmulatorRequest, bool> match)
    {
        for (var i = 0; i < 200; i++)
        {
            if (line.Requests.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The request never reached the log.");
    }
}
