namespace LineGov.Payouts.Coupons;

/// <summary>The life of a coupon.</summary>
public enum CouponState
{
    /// <summary>Issued and redeemable until it expires.</summary>
    Active,

    /// <summary>Redeemed once (利用済み); it can never be redeemed again.</summary>
    Redeemed,

    /// <summary>Past its expiry (有効期限切れ) without being redeemed.</summary>
    Expired,

    /// <summary>Cancelled by staff (無効化), for instance because the resident lost the code.</summary>
    Voided,
}

/// <summary>
/// A digital coupon (電子クーポン) as stored: who it is for, what it is worth, and whether it was used. It holds no
/// redeemable code: only a keyed hash of the code to find it by, and the code encrypted under a key the store does
/// not have (see <see cref="CouponBook"/>).
/// </summary>
public sealed class Coupon
{
    /// <summary>Creates a coupon record (stores call this when they read one back).</summary>
    /// <param name="id">The coupon id (not secret; the reference recorded in the payout ledger).</param>
    /// <param name="issueKey">The key that made issuing idempotent (a payout's idempotency key).</param>
    /// <param name="programId">The program.</param>
    /// <param name="beneficiaryId">The household id (世帯番号) or resident id the coupon is for.</param>
    /// <param name="faceValue">The face value (額面) in yen, positive.</param>
    /// <param name="issuedAt">When it was issued.</param>
    /// <param name="expiresAt">When it stops being redeemable (exclusive), after <paramref name="issuedAt"/>.</param>
    /// <param name="state">The stored state.</param>
    /// <param name="codeHash">The keyed hash of the code (lower-case hex of HMAC-SHA256).</param>
    /// <param name="protectedCode">The code encrypted with AES-GCM under the book's key.</param>
    /// <param name="redeemedAt">When it was redeemed, if it was.</param>
    /// <param name="redeemedBy">The shop or terminal that redeemed it, if it was.</param>
    /// <param name="voidedAt">When it was voided, if it was.</param>
    public Coupon(
        string id,
        string issueKey,
        string programId,
        string beneficiaryId,
        long faceValue,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt,
        CouponState state,
        string codeHash,
        ReadOnlyMemory<byte> protectedCode,
        DateTimeOffset? redeemedAt = null,
        string? redeemedBy = null,
        DateTimeOffset? voidedAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(issueKey);
        ArgumentException.ThrowIfNullOrEmpty(programId);
        ArgumentException.ThrowIfNullOrEmpty(beneficiaryId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(faceValue);
        ArgumentException.ThrowIfNullOrEmpty(codeHash);
        if (expiresAt <= issuedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), "A coupon must expire after it is issued.");
        }

        if (protectedCode.IsEmpty)
        {
            throw new ArgumentException("The protected code is empty.", nameof(protectedCode));
        }

        Id = id;
        IssueKey = issueKey;
        ProgramId = programId;
        BeneficiaryId = beneficiaryId;
        FaceValue = faceValue;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        State = state;
        CodeHash = codeHash;
        ProtectedCode = protectedCode;
        RedeemedAt = redeemedAt;
        RedeemedBy = redeemedBy;
        VoidedAt = voidedAt;
    }

    /// <summary>The coupon id (not secret; the reference recorded in the payout ledger).</summary>
    public string Id { get; }

    /// <summary>The key that made issuing idempotent: the same key never yields a second coupon.</summary>
    public string IssueKey { get; }

    /// <summary>The program.</summary>
    public string ProgramId { get; }

    /// <summary>The household id (世帯番号) or resident id the coupon is for.</summary>
    public string BeneficiaryId { get; }

    /// <summary>The face value (額面) in yen.</summary>
    public long FaceValue { get; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>When it stops being redeemable (exclusive: at this instant it is already expired).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The stored state. An active coupon past <see cref="ExpiresAt"/> is expired all the same: see <see cref="StateAt"/>.</summary>
    public CouponState State { get; }

    /// <summary>The keyed hash of the code (lower-case hex of HMAC-SHA256 over the compact code); redeems nothing by itself.</summary>
    public string CodeHash { get; }

    /// <summary>The code encrypted with AES-256-GCM under the book's key, bound to <see cref="Id"/>; useless without that key.</summary>
    public ReadOnlyMemory<byte> ProtectedCode { get; }

    /// <summary>When it was redeemed; null if it was not.</summary>
    public DateTimeOffset? RedeemedAt { get; }

    /// <summary>The shop or terminal that redeemed it; null if it was not redeemed.</summary>
    public string? RedeemedBy { get; }

    /// <summary>When it was voided; null if it was not.</summary>
    public DateTimeOffset? VoidedAt { get; }

    /// <summary>The state at an instant: <see cref="CouponState.Expired"/> for an active coupon at or past its expiry.</summary>
    public CouponState StateAt(DateTimeOffset now) =>
        State == CouponState.Active && now >= ExpiresAt ? CouponState.Expired : State;

    /// <inheritdoc />
    /// <remarks>The id, program, face value and state only: beneficiary ids are personal data and the code is a secret.</remarks>
    public override string ToString() => $"Coupon({Id}, {ProgramId}, {FaceValue} yen, {State})";

    internal Coupon WithRedemption(DateTimeOffset at, string by) =>
        new(Id, IssueKey, ProgramId, BeneficiaryId, FaceValue, IssuedAt, ExpiresAt, CouponState.Redeemed, CodeHash, ProtectedCode, at, by, VoidedAt);

    internal Coupon WithState(CouponState state, DateTimeOffset? voidedAt) =>
        new(Id, IssueKey, ProgramId, BeneficiaryId, FaceValue, IssuedAt, ExpiresAt, state, CodeHash, ProtectedCode, RedeemedAt, RedeemedBy, voidedAt);
}
