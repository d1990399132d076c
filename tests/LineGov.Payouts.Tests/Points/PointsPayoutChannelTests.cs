using LineGov.Payouts.Points;
using LineGov.Payouts.Testing;

namespace LineGov.Payouts.Tests.Points;

public class PointsPayoutChannelTests
{
    private static PayoutBatch Batch(int count, int first = 0) =>
        new("run-1", 1, [.. Enumerable.Range(first, count).Select(i => new PayoutInstruction("bukka-2025", $"H{i:D5}", 10_000 + i, 1))]);

    [Fact]
    public async Task A_thousand_payouts_with_ten_percent_faults_are_each_granted_exactly_once()
    {
        await using var kit = await PointsTestKit.StartAsync(
            new FakePointsServerOptions { ServerErrorRate = 0.04, RateLimitRate = 0.02, RetryAfterSeconds = 0, LostAnswerRate = 0.04, Seed = 7 },
            o => o.MaxRetryAttempts = 6);
        var channel = new PointsPayoutChannel(kit.Provider, new PointsPayoutChannelOptions { MaxParallelism = 8 });
        var batch = Batch(1000);

        var results = await channel.IssueAsync(batch);

        results.Count.ShouldBe(1000);
        results.ShouldAllBe(r => r.Succeeded);
        var ledger = kit.Server.Ledger;
        ledger.GrantCount.ShouldBe(1000);
        ledger.GrantCountsByMember().Values.ShouldAllBe(n => n == 1);
        ledger.TotalPoints.ShouldBe(batch.Items.Sum(i => i.Amount));
        var byKey = ledger.Grants.ToDictionary(g => g.IdempotencyKey);
        results.ShouldAllBe(r => byKey[r.IdempotencyKey].TransactionId == r.Reference);
        kit.Server.Requests.Count(r => r.Fault != FakePointsFault.None).ShouldBeGreaterThan(50, "the faults really happened");
        kit.Server.Requests.Count(r => r.Fault == FakePointsFault.LostAnswer).ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task Issuing_the_same_batch_again_grants_nothing_new()
    {
        await using var kit = await PointsTestKit.StartAsync();
        var channel = new PointsPayoutChannel(kit.Provider);
        var batch = Batch(50);
        var first = await channel.IssueAsync(batch);

        var again = await channel.IssueAsync(batch);

        kit.Server.Ledger.GrantCount.ShouldBe(50);
        again.Select(r => (r.IdempotencyKey, r.Reference)).OrderBy(p => p.IdempotencyKey)
            .ShouldBe(first.Select(r => (r.IdempotencyKey, r.Reference)).OrderBy(p => p.IdempotencyKey));
        kit.Server.Requests.Skip(50).ShouldAllBe(r => r.Status == 200);
    }

    [Fact]
    public async Task A_payout_without_a_points_account_fails_without_asking_the_provider()
    {
        var fake = new FakePointsProvider();
        var channel = new PointsPayoutChannel(fake, new PointsPayoutChannelOptions
        {
            MemberResolver = PointsMemberResolvers.From(i => i.BeneficiaryId == "H00001" ? null : "M-" + i.BeneficiaryId),
        });

        var results = await channel.IssueAsync(Batch(3));

        var failed = results.Single(r => !r.Succeeded);
        failed.IdempotencyKey.ShouldBe("bukka-2025:H00001:1");
        failed.FailureReason.ShouldBe("no points account");
        fake.CallCount.ShouldBe(2);
        fake.Grants.Select(g => g.MemberId).Order().ShouldBe(["M-H00000", "M-H00002"]);
    }

    [Fact]
    public async Task A_rejected_payout_fails_with_the_reason_and_the_others_are_issued()
    {
        await using var kit = await PointsTestKit.StartAsync(new FakePointsServerOptions { Members = ["H00000", "H00002"] });
        var channel = new PointsPayoutChannel(kit.Provider);

        var results = await channel.IssueAsync(Batch(3));

        results.Single(r => !r.Succeeded).FailureReason.ShouldBe("rejected by the points provider: unknown_member");
        results.Count(r => r.Succeeded).ShouldBe(2);
        kit.Server.RequestCount.ShouldBe(4, "three grants, and one lookup before recording the rejection as a failure");
    }

    [Fact]
    public async Task Transient_trouble_leaves_those_payouts_without_a_result_and_the_others_are_recorded()
    {
        // The provider goes down from its 6th call: the payouts granted before are answered, the rest get no result
        // (the run offers them again with the same keys), and nothing is granted twice.
        var provider = new OutageProvider(failFromCall: 6);
        var channel = new PointsPayoutChannel(provider, new PointsPayoutChannelOptions { MaxParallelism = 2 });
        var batch = Batch(20);

        var partial = await channel.IssueAsync(batch);
        partial.ShouldAllBe(r => r.Succeeded);
        partial.Count.ShouldBeInRange(5, 19);
        partial.Count.ShouldBe(provider.Inner.GrantCount);

        provider.Up = true;
        var rest = new PayoutBatch(batch.RunId, batch.BatchNumber, [.. batch.Items.Where(i => partial.All(p => p.IdempotencyKey != i.IdempotencyKey))]);
        var results = await channel.IssueAsync(rest);

        results.ShouldAllBe(r => r.Succeeded);
        provider.Inner.GrantCount.ShouldBe(20);
        provider.Inner.GrantCountsByMember().Values.ShouldAllBe(n => n == 1);
    }

    [Fact]
    public async Task A_batch_whose_every_payout_fails_transiently_throws_so_the_run_backs_off()
    {
        var provider = new OutageProvider(failFromCall: 1);
        var channel = new PointsPayoutChannel(provider);

        var e = await Should.ThrowAsync<PointsProviderException>(async () => await channel.IssueAsync(Batch(5)));

        e.Kind.ShouldBe(PointsProviderErrorKind.Transient);
        provider.Inner.GrantCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_payout_granted_by_an_earlier_offer_is_never_recorded_failed()
    {
        // The first offer granted H00001 but its answer was lost; before the re-offer the member's account was closed.
        await using var kit = await PointsTestKit.StartAsync();
        var channel = new PointsPayoutChannel(kit.Provider);
        var batch = Batch(2);
        await channel.IssueAsync(batch);

        var closed = new PointsPayoutChannel(kit.Provider, new PointsPayoutChannelOptions { MemberResolver = PointsMemberResolvers.From(_ => null) });
        var again = await closed.IssueAsync(batch);

        again.ShouldAllBe(r => r.Succeeded, "the provider holds a grant for each key");
        kit.Server.Ledger.GrantCount.ShouldBe(2);
    }

    [Fact]
    public async Task A_refused_api_key_throws_rather_than_failing_payouts()
    {
        await using var kit = await PointsTestKit.StartAsync(client: o => o.ApiKey = "not-the-key");
        var channel = new PointsPayoutChannel(kit.Provider);

        var e = await Should.ThrowAsync<PointsProviderException>(async () => await channel.IssueAsync(Batch(10)));

        e.Kind.ShouldBe(PointsProviderErrorKind.Unauthorized);
    }

    [Fact]
    public async Task Grants_in_flight_never_exceed_MaxParallelism()
    {
        var provider = new GaugedProvider();
        var channel = new PointsPayoutChannel(provider, new PointsPayoutChannelOptions { MaxParallelism = 3 });

        await channel.IssueAsync(Batch(30));

        provider.MostInFlight.ShouldBeInRange(2, 3);
    }

    [Fact]
    public async Task Cancellation_stops_the_batch()
    {
        var provider = new GaugedProvider();
        var channel = new PointsPayoutChannel(provider);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await channel.IssueAsync(Batch(10), cancel.Token));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void MaxParallelism_out_of_range_is_refused(int parallelism) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new PointsPayoutChannel(new FakePointsProvider(), new PointsPayoutChannelOptions { MaxParallelism = parallelism }));

    [Fact]
    public void The_channel_is_named_points() => new PointsPayoutChannel(new FakePointsProvider()).Name.ShouldBe("points");

    /// <summary>A provider that goes down (transient failures) from a given call until it is brought back up.</summary>
    private sealed class OutageProvider(int failFromCall) : IPointsProvider
    {
        private int _calls;

        public FakePointsProvider Inner { get; } = new();

        public bool Up { get; set; }

        public Task<PointsGrantResult> GrantAsync(PointsGrant grant, CancellationToken cancellationToken = default)
        {
            var call = Interlocked.Increment(ref _calls);
            return call >= failFromCall && !Up
                ? Task.FromException<PointsGrantResult>(new PointsProviderException(PointsProviderErrorKind.Transient, "down"))
                : Inner.GrantAsync(grant, cancellationToken);
        }

        public Task<PointsGrantResult?> GetGrantAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
            Inner.GetGrantAsync(idempotencyKey, cancellationToken);
    }

    /// <summary>Counts grants in flight (each takes a few milliseconds on another thread).</summary>
    private sealed class GaugedProvider : IPointsProvider
    {
        private readonly FakePointsProvider _inner = new();
        private int _inFlight;
        private int _most;

        public int MostInFlight => Volatile.Read(ref _most);

        public async Task<PointsGrantResult> GrantAsync(PointsGrant grant, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(5, cancellationToken);
                return await _inner.GrantAsync(grant, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public Task<PointsGrantResult?> GetGrantAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
            _inner.GetGrantAsync(idempotencyKey, cancellationToken);
    }
}
