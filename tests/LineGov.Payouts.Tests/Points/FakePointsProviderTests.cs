using LineGov.Payouts.Points;
using static LineGov.Payouts.Tests.Points.PointsTestKit;

namespace LineGov.Payouts.Tests.Points;

public class FakePointsProviderTests
{
    [Fact]
    public async Task Fifty_concurrent_calls_with_one_key_grant_once()
    {
        var fake = new FakePointsProvider();
        using var barrier = new Barrier(50);

        // Dedicated threads: 50 pool threads blocked on a barrier would starve the pool (and every other test).
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Factory.StartNew(
            () =>
            {
                barrier.SignalAndWait();
                return fake.GrantAsync(Grant());
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()));

        fake.GrantCount.ShouldBe(1);
        fake.CallCount.ShouldBe(50);
        fake.CallCountOf("prog:H0001:1").ShouldBe(50);
        fake.TotalPoints.ShouldBe(3000);
        results.Count(r => !r.AlreadyGranted).ShouldBe(1);
        results.Select(r => r.TransactionId).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_key_reused_for_a_different_grant_is_refused()
    {
        var fake = new FakePointsProvider();
        await fake.GrantAsync(Grant());

        var e = await Should.ThrowAsync<PointsProviderException>(() => fake.GrantAsync(Grant(points: 1)));

        e.Kind.ShouldBe(PointsProviderErrorKind.IdempotencyKeyReused);
        fake.GrantCount.ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_closed_and_over_limit_members_are_rejected()
    {
        var options = new FakePointsProviderOptions { Members = ["M-0001", "M-0002"], PointsLimitPerMember = 5000 };
        options.ClosedMembers.Add("M-0002");
        var fake = new FakePointsProvider(options);

        (await Should.ThrowAsync<PointsProviderException>(() => fake.GrantAsync(Grant(member: "M-0003", key: "a")))).ErrorCode.ShouldBe(PointsErrorCodes.UnknownMember);
        (await Should.ThrowAsync<PointsProviderException>(() => fake.GrantAsync(Grant(member: "M-0002", key: "b")))).ErrorCode.ShouldBe(PointsErrorCodes.AccountClosed);
        await fake.GrantAsync(Grant(member: "M-0001", points: 5000, key: "c"));
        (await Should.ThrowAsync<PointsProviderException>(() => fake.GrantAsync(Grant(member: "M-0001", points: 1, key: "d")))).ErrorCode.ShouldBe(PointsErrorCodes.LimitExceeded);

        fake.AddMember("M-0003");
        await fake.GrantAsync(Grant(member: "M-0003", key: "a"));
        fake.GrantCountsByMember().ShouldBe(new Dictionary<string, int> { ["M-0001"] = 1, ["M-0003"] = 1 });
    }

    [Fact]
    public async Task An_injected_transient_failure_grants_nothing()
    {
        var fake = new FakePointsProvider(new FakePointsProviderOptions { TransientFailureRate = 1 });

        var e = await Should.ThrowAsync<PointsProviderException>(() => fake.GrantAsync(Grant()));

        e.IsTransient.ShouldBeTrue();
        fake.GrantCount.ShouldBe(0);
        (await fake.GetGrantAsync("prog:H0001:1")).ShouldBeNull();
    }

    [Fact]
    public async Task An_injected_lost_answer_grants_and_the_grant_can_be_found()
    {
        var fake = new FakePointsProvider(new FakePointsProviderOptions { LostAnswerRate = 1 });

        var e = await Should.ThrowAsync<PointsProviderException>(() => fake.GrantAsync(Grant()));

        e.IsTransient.ShouldBeTrue();
        fake.GrantCount.ShouldBe(1);
        var found = await fake.GetGrantAsync("prog:H0001:1");
        found.ShouldNotBeNull();
        found.AlreadyGranted.ShouldBeTrue();
    }

    [Fact]
    public async Task Seeded_faults_repeat_whatever_the_order()
    {
        async Task<HashSet<string>> FailedKeysAsync(IEnumerable<int> order)
        {
            var fake = new FakePointsProvider(new FakePointsProviderOptions { TransientFailureRate = 0.3, Seed = 42 });
            var failed = new HashSet<string>();
            foreach (var i in order)
            {
                var key = $"p:{i}:1";
                try
                {
                    await fake.GrantAsync(Grant(member: $"M{i}", key: key));
                }
                catch (PointsProviderException)
                {
                    failed.Add(key);
                }
            }

            return failed;
        }

        var forward = await FailedKeysAsync(Enumerable.Range(0, 200));
        var backward = await FailedKeysAsync(Enumerable.Range(0, 200).Reverse());

        forward.SetEquals(backward).ShouldBeTrue();
        forward.Count.ShouldBeInRange(30, 90);
    }

    [Theory]
    [InlineData(-0.1, 0)]
    [InlineData(0, 1.1)]
    [InlineData(0.6, 0.6)]
    [InlineData(double.NaN, 0)]
    public void Fault_rates_out_of_range_are_refused(double transient, double lost) =>
        Should.Throw<ArgumentException>(() => new FakePointsProvider(new FakePointsProviderOptions { TransientFailureRate = transient, LostAnswerRate = lost }));

    [Fact]
    public void A_grant_prints_no_member_or_key()
    {
        var grant = Grant(member: "M-SECRET", key: "prog:H-SECRET:1");

        grant.ToString().ShouldNotContain("SECRET");
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("改行")]
    public void A_key_that_cannot_travel_in_a_header_is_refused(string key) =>
        Should.Throw<ArgumentException>(() => new PointsGrant("M", 1, key));

    [Fact]
    public void Points_must_be_positive() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new PointsGrant("M", 0, "k"));
}
