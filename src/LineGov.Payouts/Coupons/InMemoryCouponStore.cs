namespace LineGov.Payouts.Coupons;

/// <summary>
/// A thread-safe <see cref="ICouponStore"/> in process memory, for tests, samples and single-process hosts that may
/// forget every coupon when they stop.
/// </summary>
public sealed class InMemoryCouponStore : ICouponStore
{
    // One lock keeps the three indexes consistent and makes redemption a single atomic step.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Coupon> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByIssueKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByCodeHash = new(StringComparer.Ordinal);

    /// <summary>The number of coupons held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<CouponAddResult> AddAsync(Coupon coupon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_idByIssueKey.TryGetValue(coupon.IssueKey, out var existingId))
            {
                return ValueTask.FromResult(new CouponAddResult(_byId[existingId], created: false));
            }

            if (_byId.ContainsKey(coupon.Id) || _idByCodeHash.ContainsKey(coupon.CodeHash))
            {
                throw new InvalidOperationException("Another coupon already has this id or code hash.");
            }

            _byId.Add(coupon.Id, coupon);
            _idByIssueKey.Add(coupon.IssueKey, coupon.Id);
            _idByCodeHash.Add(coupon.CodeHash, coupon.Id);
            return ValueTask.FromResult(new CouponAddResult(coupon, created: true));
        }
    }

    /// <inheritdoc />
    public ValueTask<Coupon?> FindByIdAsync(string couponId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(couponId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_byId.GetValueOrDefault(couponId));
        }
    }

    /// <inheritdoc />
    public ValueTask<Coupon?> FindByCodeHashAsync(string codeHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(codeHash);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_idByCodeHash.TryGetValue(codeHash, out var id) ? _byId[id] : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<CouponRedemption> TryRedeemAsync(string codeHash, string redeemerId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(codeHash);
        ArgumentException.ThrowIfNullOrEmpty(redeemerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_idByCodeHash.TryGetValue(codeHash, out var id))
            {
                return ValueTask.FromResult(new CouponRedemption(CouponRedeemOutcome.NotFound, null));
            }

            var coupon = _byId[id];
            if (coupon.StateAt(now) != CouponState.Active)
            {
                return ValueTask.FromResult(CouponStoreOutcomes.NotRedeemed(coupon, now));
            }

            var redeemed = coupon.WithRedemption(now, redeemerId);
            _byId[id] = redeemed;
            return ValueTask.FromResult(new CouponRedemption(CouponRedeemOutcome.Redeemed, redeemed));
        }
    }

    /// <inheritdoc />
    public ValueTask<CouponVoidResult> VoidAsync(string couponId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(couponId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryGetValue(couponId, out var coupon))
            {
                return ValueTask.FromResult(new CouponVoidResult(CouponVoidOutcome.NotFound, null));
            }

            switch (coupon.State)
            {
                case CouponState.Redeemed:
                    return ValueTask.FromResult(new CouponVoidResult(CouponVoidOutcome.AlreadyRedeemed, coupon));
                case CouponState.Voided:
                    return ValueTask.FromResult(new CouponVoidResult(CouponVoidOutcome.AlreadyVoided, coupon));
                default:
                    var voided = coupon.WithState(CouponState.Voided, now);
                    _byId[couponId] = voided;
                    return ValueTask.FromResult(new CouponVoidResult(CouponVoidOutcome.Voided, voided));
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<int> ExpireDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var due = _byId.Values.Where(c => c.State == CouponState.Active && c.ExpiresAt <= now).ToList();
            foreach (var coupon in due)
            {
                _byId[coupon.Id] = coupon.WithState(CouponState.Expired, coupon.VoidedAt);
            }

            return ValueTask.FromResult(due.Count);
        }
    }
}

/// <summary>The outcome a store reports for a coupon it did not redeem.</summary>
internal static class CouponStoreOutcomes
{
    internal static CouponRedemption NotRedeemed(Coupon coupon, DateTimeOffset now) => new(
        coupon.StateAt(now) switch
        {
            CouponState.Redeemed => CouponRedeemOutcome.AlreadyRedeemed,
            CouponState.Voided => CouponRedeemOutcome.Voided,
            CouponState.Expired => CouponRedeemOutcome.Expired,
            _ => throw new InvalidOperationException("An active coupon was not redeemed."),
        },
        coupon);
}
