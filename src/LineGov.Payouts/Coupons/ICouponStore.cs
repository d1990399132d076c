namespace LineGov.Payouts.Coupons;

/// <summary>
/// Where coupons live. A store sees only keyed hashes and encrypted codes (see <see cref="CouponBook"/>), so a copy of
/// it redeems nothing. Implementations: <see cref="InMemoryCouponStore"/>, <see cref="SqliteCouponStore"/>.
/// </summary>
/// <remarks>
/// Every method must be safe to call concurrently, also from several processes sharing one database, and
/// <see cref="TryRedeemAsync"/> must be atomic: of N concurrent calls for one active coupon exactly one gets
/// <see cref="CouponRedeemOutcome.Redeemed"/>.
/// </remarks>
public interface ICouponStore
{
    /// <summary>
    /// Adds a coupon unless one with the same <see cref="Coupon.IssueKey"/> exists, in which case that one is returned
    /// and nothing is written: the same key never yields a second coupon.
    /// </summary>
    ValueTask<CouponAddResult> AddAsync(Coupon coupon, CancellationToken cancellationToken = default);

    /// <summary>The coupon with this id, or null.</summary>
    ValueTask<Coupon?> FindByIdAsync(string couponId, CancellationToken cancellationToken = default);

    /// <summary>The coupon whose code has this keyed hash, or null.</summary>
    ValueTask<Coupon?> FindByCodeHashAsync(string codeHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Redeems the coupon with this code hash if it is active and <paramref name="now"/> is before its expiry, in one
    /// atomic step; otherwise says why not (already redeemed, with when and by whom; expired; voided; not found).
    /// </summary>
    ValueTask<CouponRedemption> TryRedeemAsync(string codeHash, string redeemerId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Voids an active (or expired) coupon; a redeemed coupon stays redeemed.</summary>
    ValueTask<CouponVoidResult> VoidAsync(string couponId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Marks every active coupon whose expiry is at or before <paramref name="now"/> as expired; returns how many.</summary>
    ValueTask<int> ExpireDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
