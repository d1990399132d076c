using LineGov.Payouts.Coupons;
using LineGov.Payouts.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace LineGov.Payouts.Tests.Coupons;

/// <summary>The behaviour every <see cref="ICouponStore"/> shares, run against each implementation.</summary>
public abstract class CouponStoreContractTests
{
    private static readonly DateTimeOffset Now = FakeTimeProvider.Start;

    /// <summary>A store; the second call of one test must reach the same data (another process, for SQLite).</summary>
    protected abstract ICouponStore CreateStore();

    protected static Coupon NewCoupon(string issueKey = "prog:H001:1", string? codeHash = null, long faceValue = 10_000, TimeSpan? validFor = null) => new(
        id: "cpn_" + Guid.NewGuid().ToString("N"),
        issueKey: issueKey,
        programId: "prog",
        beneficiaryId: "H001",
        faceValue: faceValue,
        issuedAt: Now,
        expiresAt: Now + (validFor ?? TimeSpan.FromDays(30)),
        state: CouponState.Active,
        codeHash: codeHash ?? Guid.NewGuid().ToString("N"),
        protectedCode: new byte[] { 1, 2, 3 });

    [LedgerFact]
    public async Task Adding_the_same_issue_key_twice_returns_the_first_coupon()
    {
        var store = CreateStore();
        var first = NewCoupon();

        var added = await store.AddAsync(first);
        var again = await store.AddAsync(NewCoupon());

        added.Created.ShouldBeTrue();
        again.Created.ShouldBeFalse();
        again.Coupon.Id.ShouldBe(first.Id);
        again.Coupon.CodeHash.ShouldBe(first.CodeHash);
        (await store.FindByIdAsync(first.Id))!.IssueKey.ShouldBe(first.IssueKey);
    }

    [LedgerFact]
    public async Task A_stored_coupon_reads_back_field_for_field()
    {
        var store = CreateStore();
        var coupon = NewCoupon();
        await store.AddAsync(coupon);

        var read = (await CreateStore().FindByCodeHashAsync(coupon.CodeHash)).ShouldNotBeNull();

        read.Id.ShouldBe(coupon.Id);
        read.ProgramId.ShouldBe("prog");
        read.BeneficiaryId.ShouldBe("H001");
        read.FaceValue.ShouldBe(10_000);
        read.IssuedAt.ShouldBe(coupon.IssuedAt);
        read.ExpiresAt.ShouldBe(coupon.ExpiresAt);
        read.State.ShouldBe(CouponState.Active);
        read.ProtectedCode.ToArray().ShouldBe(new byte[] { 1, 2, 3 });
        read.RedeemedAt.ShouldBeNull();
        (await store.FindByCodeHashAsync("unknown")).ShouldBeNull();
        (await store.FindByIdAsync("unknown")).ShouldBeNull();
    }

    [LedgerFact]
    public async Task A_second_coupon_with_the_same_code_hash_is_refused()
    {
        var store = CreateStore();
        await store.AddAsync(NewCoupon(codeHash: "same"));

        await Should.ThrowAsync<InvalidOperationException>(async () => await store.AddAsync(NewCoupon(issueKey: "other", codeHash: "same")));
    }

    [LedgerFact]
    public async Task Redeeming_twice_tells_the_second_caller_when_and_by_whom()
    {
        var store = CreateStore();
        var coupon = NewCoupon();
        await store.AddAsync(coupon);

        var first = await store.TryRedeemAsync(coupon.CodeHash, "shop-1", Now.AddHours(1));
        var second = await store.TryRedeemAsync(coupon.CodeHash, "shop-2", Now.AddHours(2));

        first.Outcome.ShouldBe(CouponRedeemOutcome.Redeemed);
        first.FaceValue.ShouldBe(10_000);
        second.Outcome.ShouldBe(CouponRedeemOutcome.AlreadyRedeemed);
        second.FaceValue.ShouldBeNull();
        second.RedeemedAt.ShouldBe(Now.AddHours(1));
        second.RedeemedBy.ShouldBe("shop-1");
    }

    [LedgerFact]
    public async Task Unknown_code_is_not_found()
    {
        var redemption = await CreateStore().TryRedeemAsync("no-such-hash", "shop-1", Now);

        redemption.Outcome.ShouldBe(CouponRedeemOutcome.NotFound);
        redemption.Coupon.ShouldBeNull();
    }

    [LedgerFact]
    public async Task Expiry_is_exclusive()
    {
        // A fact over the three cases (not a theory): LedgerFact skips the PostgreSQL class when there is no server.
        foreach (var (ticksFromExpiry, expected) in new[] { (-1, CouponRedeemOutcome.Redeemed), (0, CouponRedeemOutcome.Expired), (1, CouponRedeemOutcome.Expired) })
        {
            var store = CreateStore();
            var coupon = NewCoupon(issueKey: $"prog:H001:{ticksFromExpiry + 2}", validFor: TimeSpan.FromDays(1));
            await store.AddAsync(coupon);

            var redemption = await store.TryRedeemAsync(coupon.CodeHash, "shop-1", coupon.ExpiresAt.AddTicks(ticksFromExpiry));

            redemption.Outcome.ShouldBe(expected, $"{ticksFromExpiry} ticks from expiry");
        }
    }

    [LedgerFact]
    public async Task A_voided_coupon_cannot_be_redeemed_and_voiding_is_idempotent()
    {
        var store = CreateStore();
        var coupon = NewCoupon();
        await store.AddAsync(coupon);

        var voided = await store.VoidAsync(coupon.Id, Now.AddMinutes(5));
        var again = await store.VoidAsync(coupon.Id, Now.AddMinutes(6));
        var redemption = await store.TryRedeemAsync(coupon.CodeHash, "shop-1", Now.AddMinutes(7));

        voided.Outcome.ShouldBe(CouponVoidOutcome.Voided);
        voided.Coupon!.VoidedAt.ShouldBe(Now.AddMinutes(5));
        again.Outcome.ShouldBe(CouponVoidOutcome.AlreadyVoided);
        redemption.Outcome.ShouldBe(CouponRedeemOutcome.Voided);
        (await store.VoidAsync("unknown", Now)).Outcome.ShouldBe(CouponVoidOutcome.NotFound);
    }

    [LedgerFact]
    public async Task A_redeemed_coupon_cannot_be_voided()
    {
        var store = CreateStore();
        var coupon = NewCoupon();
        await store.AddAsync(coupon);
        await store.TryRedeemAsync(coupon.CodeHash, "shop-1", Now);

        var result = await store.VoidAsync(coupon.Id, Now);

        result.Outcome.ShouldBe(CouponVoidOutcome.AlreadyRedeemed);
        result.Coupon!.State.ShouldBe(CouponState.Redeemed);
    }

    [LedgerFact]
    public async Task Expiring_due_coupons_marks_only_active_ones_past_expiry()
    {
        var store = CreateStore();
        var shortLived = NewCoupon(issueKey: "a", validFor: TimeSpan.FromDays(1));
        var longLived = NewCoupon(issueKey: "b", validFor: TimeSpan.FromDays(10));
        var redeemed = NewCoupon(issueKey: "c", validFor: TimeSpan.FromDays(1));
        await store.AddAsync(shortLived);
        await store.AddAsync(longLived);
        await store.AddAsync(redeemed);
        await store.TryRedeemAsync(redeemed.CodeHash, "shop-1", Now);

        (await store.ExpireDueAsync(Now.AddDays(2))).ShouldBe(1);

        (await store.FindByIdAsync(shortLived.Id))!.State.ShouldBe(CouponState.Expired);
        (await store.FindByIdAsync(longLived.Id))!.State.ShouldBe(CouponState.Active);
        (await store.FindByIdAsync(redeemed.Id))!.State.ShouldBe(CouponState.Redeemed);
        (await store.TryRedeemAsync(shortLived.CodeHash, "shop-1", Now)).Outcome.ShouldBe(CouponRedeemOutcome.Expired);
    }

    [LedgerFact]
    public async Task Fifty_concurrent_redemptions_of_one_coupon_have_exactly_one_winner()
    {
        var stores = new[] { CreateStore(), CreateStore() };
        var coupon = NewCoupon();
        await stores[0].AddAsync(coupon);

        var results = await Concurrently.RunAsync(50, i => stores[i % 2].TryRedeemAsync(coupon.CodeHash, $"terminal-{i}", Now.AddSeconds(i)));

        results.Count(r => r.Outcome == CouponRedeemOutcome.Redeemed).ShouldBe(1);
        results.Count(r => r.Outcome == CouponRedeemOutcome.AlreadyRedeemed).ShouldBe(49);
        var winner = results.Single(r => r.Succeeded);
        results.Where(r => !r.Succeeded).ShouldAllBe(r => r.RedeemedBy == winner.RedeemedBy && r.RedeemedAt == winner.RedeemedAt);
    }

    [LedgerFact]
    public async Task Fifty_concurrent_issues_with_one_key_store_one_coupon()
    {
        var stores = new[] { CreateStore(), CreateStore() };

        var results = await Concurrently.RunAsync(50, i => stores[i % 2].AddAsync(NewCoupon()));

        results.Count(r => r.Created).ShouldBe(1);
        results.Select(r => r.Coupon.Id).Distinct().ShouldHaveSingleItem();
    }
}

public sealed class InMemoryCouponStoreTests : CouponStoreContractTests
{
    private readonly InMemoryCouponStore _store = new();

    protected override ICouponStore CreateStore() => _store;
}

public sealed class SqliteCouponStoreTests : CouponStoreContractTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("linegov-coupons-").FullName;

    private string DatabasePath => Path.Combine(_directory, "coupons.db");

    // A new instance each call: two instances over one file behave like two processes.
    protected override ICouponStore CreateStore() => new SqliteCouponStore(DatabasePath);

    [Fact]
    public async Task The_database_is_in_WAL_mode_with_a_schema_version()
    {
        await CreateStore().FindByIdAsync("x");

        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        command.ExecuteScalar().ShouldBe("wal");
        command.CommandText = "SELECT version FROM coupons_schema";
        command.ExecuteScalar().ShouldBe(1L);
    }

    [Fact]
    public async Task A_newer_schema_version_is_refused()
    {
        await CreateStore().FindByIdAsync("x");
        using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE coupons_schema SET version = 2";
            command.ExecuteNonQuery();
        }

        var ex = await Should.ThrowAsync<InvalidOperationException>(async () => await CreateStore().FindByIdAsync("x"));
        ex.Message.ShouldContain("version 2");
    }

    [Fact]
    public void An_in_memory_database_is_refused() =>
        Should.Throw<ArgumentException>(() => new SqliteCouponStore("Data Source=:memory:"));

    [Fact]
    public async Task A_connection_string_is_accepted()
    {
        var store = new SqliteCouponStore($"Data Source={DatabasePath};Cache=Shared");
        var coupon = NewCoupon();

        (await store.AddAsync(coupon)).Created.ShouldBeTrue();
        (await CreateStore().FindByIdAsync(coupon.Id)).ShouldNotBeNull();
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>The contract on PostgreSQL (the tests' throw-away server); each store instance has its own connection pool, like another process.</summary>
[Trait("Requires", "postgresql")]
public sealed class PostgresCouponStoreTests : CouponStoreContractTests, IAsyncLifetime
{
    private readonly List<PostgresCouponStore> _stores = [];
    private string _database = string.Empty;

    public async Task InitializeAsync() => _database = await PostgresServer.CreateDatabaseAsync();

    protected override ICouponStore CreateStore()
    {
        var store = new PostgresCouponStore(_database);
        _stores.Add(store);
        return store;
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
