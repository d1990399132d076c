using LineGov.Messaging.Testing;
using static LineGov.Messaging.Tests.Integration.IntegrationKit;

namespace LineGov.Messaging.Tests.Integration;

/// <summary>Fan-out through the DI-registered client to the emulator: exactly once under faults, and resumable.</summary>
public sealed class FanOutTests
{
    private static readonly Message[] Notice = [new TextMessage("臨時給付金のお知らせです。詳しくはメニューの「給付金」をご覧ください。")];

    [Fact]
    public async Task Every_recipient_gets_the_message_exactly_once_despite_500s_and_lost_answers()
    {
        await using var kit = await StartAsync(
            new LineEmulatorOptions
            {
                Seed = 4,
                Faults = { ServerErrorProbability = 0.05, TimeoutProbability = 0.05, TimeoutDelay = TimeSpan.FromSeconds(10) },
            },
            r =>
            {
                r.AttemptTimeout = TimeSpan.FromMilliseconds(500);
                r.MaxRetryAttempts = 6;
                r.RateLimits[LineRateLimitGroup.Multicast] = LineRateLimit.PerSecond(2000);
            });
        var users = Users(1, 20_000);
        kit.Line.InjectFault(LineEmulatorFault.TimeoutProcessedThenLost, "multicast", count: 2);
        var reports = new List<LineFanOutProgress>();
        var progress = new SynchronousProgress<LineFanOutProgress>(p => { lock (reports) { reports.Add(p); } });

        var result = await LineFanOut.MulticastAsync(kit.Client, users, Notice, new LineFanOutOptions { FanOutId = "notice-1" }, progress);

        result.IsComplete.ShouldBeTrue();
        result.Batches.Count.ShouldBe(40);
        result.DeliveredRecipients.ShouldBe(20_000);
        var stats = kit.Line.GetInboxStatistics();
        stats.Recipients.ShouldBe(20_000);
        stats.TotalDeliveries.ShouldBe(20_000);
        stats.DuplicateDeliveries.ShouldBe(0);

        // The faults really happened, and the lost answers came back as 409 "already accepted".
        kit.RequestsOf("multicast").ShouldContain(r => r.StatusCode == 500);
        kit.RequestsOf("multicast").Count(r => r.Fault == LineEmulatorFault.TimeoutProcessedThenLost).ShouldBeGreaterThanOrEqualTo(2);
        result.Batches.ShouldContain(b => b.Outcome == LineFanOutBatchOutcome.AlreadyAccepted);
        reports.Count.ShouldBe(40);
        reports.Max(p => p.CompletedBatches).ShouldBe(40);
        reports.Max(p => p.DeliveredRecipients).ShouldBe(20_000);
    }

    [Fact]
    public async Task A_failed_fan_out_run_again_with_its_id_completes_without_sending_twice()
    {
        await using var kit = await StartAsync(resilience: r => r.MaxRetryAttempts = 0);
        var users = Users(1, 2_400);
        var options = new LineFanOutOptions { FanOutId = "deadline-reminder-2026-11", MaxConcurrency = 1 };

        // The first run: the 2nd and 3rd batches meet a 500 and, with retries off, fail.
        kit.Line.InjectFault(LineEmulatorFault.None, "multicast");
        kit.Line.InjectFault(LineEmulatorFault.ServerError, "multicast", count: 2);
        var first = await LineFanOut.MulticastAsync(kit.Client, users, Notice, options);

        first.IsComplete.ShouldBeFalse();
        first.Batches.Select(b => b.Outcome).ShouldBe([
            LineFanOutBatchOutcome.Accepted, LineFanOutBatchOutcome.Failed, LineFanOutBatchOutcome.Failed,
            LineFanOutBatchOutcome.Accepted, LineFanOutBatchOutcome.Accepted]);
        first.Batches[1].StatusCode.ShouldBe(System.Net.HttpStatusCode.InternalServerError);
        first.FailedRecipients.ShouldBe(1_000);
        first.Batches[4].Count.ShouldBe(400);

        // The second run: what was delivered is recognised by its retry key; only the failed batches are sent.
        var second = await LineFanOut.MulticastAsync(kit.Client, users, Notice, options);

        second.IsComplete.ShouldBeTrue();
        second.Batches.Select(b => b.Outcome).ShouldBe([
            LineFanOutBatchOutcome.AlreadyAccepted, LineFanOutBatchOutcome.Accepted, LineFanOutBatchOutcome.Accepted,
            LineFanOutBatchOutcome.AlreadyAccepted, LineFanOutBatchOutcome.AlreadyAccepted]);
        second.Batches.Select(b => b.RetryKey).ShouldBe(first.Batches.Select(b => b.RetryKey));
        var stats = kit.Line.GetInboxStatistics();
        stats.TotalDeliveries.ShouldBe(2_400);
        stats.DuplicateDeliveries.ShouldBe(0);
    }

    [Fact]
    public async Task A_quota_failure_is_reported_per_batch_and_not_retried()
    {
        await using var kit = await StartAsync(new LineEmulatorOptions { MonthlyQuota = 700 });

        var result = await LineFanOut.MulticastAsync(kit.Client, Users(1, 1_000), Notice, new LineFanOutOptions { MaxConcurrency = 1 });

        result.Batches[0].Outcome.ShouldBe(LineFanOutBatchOutcome.Accepted);
        result.Batches[1].Outcome.ShouldBe(LineFanOutBatchOutcome.Failed);
        result.Batches[1].IsMonthlyQuotaExceeded.ShouldBeTrue();
        result.Batches[1].Failure.ShouldBe(LineApiException.MonthlyQuotaMessage);
        kit.RequestsOf("multicast").Count.ShouldBe(2);
    }

    [Fact]
    public async Task Retry_keys_are_stable_per_batch_and_differ_between_fan_outs_and_batches()
    {
        var ids = Users(1, 3);

        var key = LineFanOut.RetryKeyOf("a", 0, ids);

        LineFanOut.RetryKeyOf("a", 0, ids).ShouldBe(key);
        LineFanOut.RetryKeyOf("b", 0, ids).ShouldNotBe(key);
        LineFanOut.RetryKeyOf("a", 1, ids).ShouldNotBe(key);
        LineFanOut.RetryKeyOf("a", 0, ids.Take(2).ToList()).ShouldNotBe(key);
        key.ToString("D")[14].ShouldBe('5');
    }

    [Fact]
    public async Task Cancelling_a_fan_out_stops_it_with_OperationCanceledException()
    {
        await using var kit = await StartAsync(resilience: r => r.RateLimits[LineRateLimitGroup.Multicast] = LineRateLimit.PerSecond(2));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() =>
            LineFanOut.MulticastAsync(kit.Client, Users(1, 5_000), Notice, cancellationToken: cancel.Token));

        kit.RequestsOf("multicast").Count.ShouldBeLessThan(10);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
