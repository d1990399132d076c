using System.Net;
using LineGov.Messaging.Testing;
using static LineGov.Messaging.Tests.Emulator.EmulatorTestKit;

namespace LineGov.Messaging.Tests.Emulator;

/// <summary>The monthly quota and per-endpoint rate limits, told apart by their 429 messages.</summary>
public sealed class QuotaAndRateLimitTests
{
    [Fact]
    public async Task Quota_counts_one_message_per_recipient_and_refuses_past_the_limit_with_LINE_message()
    {
        await using var line = await LineEmulator.StartAsync(new() { MonthlyQuota = 10 });
        using var http = line.Client();

        // A push with 5 message objects costs 1; a multicast to 8 costs 8; replies are free.
        (await http.PostJsonAsync("v2/bot/message/push", $$"""{"to":"{{Alice}}","messages":{{Messages(5)}}}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostJsonAsync("v2/bot/message/multicast", Multicast(UserIds(10, 8)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostJsonAsync("v2/bot/message/reply", $$"""{"replyToken":"{{line.IssueReplyToken(Bob)}}","messages":[{{TextMessage("x")}}]}"""))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        using var overQuota = await http.PostJsonAsync("v2/bot/message/multicast", Multicast(UserIds(20, 2)));
        using var lastOne = await http.PostJsonAsync("v2/bot/message/push", Push(Bob));
        using var beyond = await http.PostJsonAsync("v2/bot/message/push", Push(Bob));

        await overQuota.ShouldBeLineErrorAsync(HttpStatusCode.TooManyRequests, "You have reached your monthly limit.");
        lastOne.StatusCode.ShouldBe(HttpStatusCode.OK);
        await beyond.ShouldBeLineErrorAsync(HttpStatusCode.TooManyRequests, "You have reached your monthly limit.");
        line.QuotaConsumption.ShouldBe(10);
        line.InboxOf(LineEmulatorUser.UserIdFor(20)).ShouldBeEmpty();

        var quota = await (await http.GetAsync("v2/bot/message/quota")).ReadJsonAsync();
        quota.GetProperty("type").GetString().ShouldBe("limited");
        quota.GetProperty("value").GetInt64().ShouldBe(10);
        var consumption = await (await http.GetAsync("v2/bot/message/quota/consumption")).ReadJsonAsync();
        consumption.GetProperty("totalUsage").GetInt64().ShouldBe(10);
    }

    [Fact]
    public async Task Without_a_quota_the_type_is_none()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();

        var quota = await (await http.GetAsync("v2/bot/message/quota")).ReadJsonAsync();

        quota.GetProperty("type").GetString().ShouldBe("none");
        quota.TryGetProperty("value", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_request_refused_for_quota_does_not_consume_its_retry_key()
    {
        await using var line = await LineEmulator.StartAsync(new() { MonthlyQuota = 0 });
        using var http = line.Client();
        var key = NewKey();

        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        line.Options.MonthlyQuota = 1;
        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Usage_starts_again_on_the_first_of_the_month_in_Japan()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 4, 30, 23, 59, 0, TimeSpan.FromHours(9)));
        await using var line = await LineEmulator.StartAsync(new() { MonthlyQuota = 1, TimeProvider = clock });
        using var http = line.Client();

        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice))).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        clock.Advance(TimeSpan.FromMinutes(1)); // 2025-05-01 00:00 JST, still 15:00 UTC on 30 April
        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_rate_limit_answers_429_with_the_rate_message_and_resets_with_the_window()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));
        await using var line = await LineEmulator.StartAsync(new()
        {
            TimeProvider = clock,
            RateLimits = { Default = LineEmulatorRateLimit.PerSecond(3) },
        });
        using var http = line.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.PostJsonAsync("v2/bot/message/push", Push(Alice));
            statuses.Add(response.StatusCode);
            if (i == 3)
            {
                await response.ShouldBeLineErrorAsync(HttpStatusCode.TooManyRequests, "The API rate limit has been exceeded. Try again later.");
                response.Headers.RetryAfter.ShouldBeNull();
            }
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        line.InboxOf(Alice).Count.ShouldBe(3);

        // Counted per endpoint: another endpoint of the group still has its own window.
        (await http.GetAsync("v2/bot/message/quota")).StatusCode.ShouldBe(HttpStatusCode.OK);

        clock.Advance(TimeSpan.FromSeconds(1));
        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Broadcast_and_narrowcast_default_to_60_an_hour()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));
        await using var line = await LineEmulator.StartAsync(new() { TimeProvider = clock, Users = LineEmulatorUser.CreateMany(1) });
        using var http = line.Client();
        var body = $$"""{"messages":[{{TextMessage("x")}}]}""";

        for (var i = 0; i < 60; i++)
        {
            (await http.PostJsonAsync("v2/bot/message/broadcast", body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await http.PostJsonAsync("v2/bot/message/broadcast", body)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await http.PostJsonAsync("v2/bot/message/narrowcast", body)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        clock.Advance(TimeSpan.FromHours(1));
        (await http.PostJsonAsync("v2/bot/message/broadcast", body)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_rate_limited_request_does_not_consume_its_retry_key()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));
        await using var line = await LineEmulator.StartAsync(new() { TimeProvider = clock, RateLimits = { Multicast = LineEmulatorRateLimit.PerSecond(1) } });
        using var http = line.Client();
        var key = NewKey();

        (await http.PostJsonAsync("v2/bot/message/multicast", Multicast([Alice]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostJsonAsync("v2/bot/message/multicast", Multicast([Bob]), key)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await http.PostJsonAsync("v2/bot/message/multicast", Multicast([Bob]), key)).StatusCode.ShouldBe(HttpStatusCode.OK);
        line.InboxOf(Bob).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Rate_limits_can_be_switched_off()
    {
        await using var line = await LineEmulator.StartAsync(new() { RateLimits = { Enabled = false, Default = LineEmulatorRateLimit.PerHour(1) } });
        using var http = line.Client();

        for (var i = 0; i < 3; i++)
        {
            (await http.GetAsync("v2/bot/info")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
