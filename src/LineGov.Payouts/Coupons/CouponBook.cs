using System.Security.Cryptography;

namespace LineGov.Payouts.Coupons;

/// <summary>
/// Issues and redeems digital coupons (電子クーポン): unguessable single-use codes, each redeemed exactly once even when
/// several shops or terminals try at the same instant, and refused after expiry.
/// </summary>
/// <remarks>
/// <para>
/// <b>No redeemable code in the database.</b> A code is stored only as (1) a keyed hash, HMAC-SHA256 under a key derived
/// from <see cref="CouponBookOptions.SecretKey"/>, which is what redemption looks up, and (2) the code encrypted with
/// AES-256-GCM under another derived key, bound to the coupon id. A leaked database therefore redeems nothing: the
/// hash cannot be reversed or tested offline without the key, and the ciphertext cannot be read.
/// </para>
/// <para>
/// <b>The code is handed out at issue time only</b> (<see cref="CouponIssueResult.Code"/>). Issuing is idempotent by the
/// issue key: calling <see cref="IssueAsync"/> again with the same key, after a crash for instance, returns the same
/// coupon and decrypts the same code, never a second coupon. The encrypted copy exists for that, not for looking codes
/// up later: a resident who lost the code gets a new coupon (void the old one with <see cref="VoidAsync"/>, then issue
/// with a new key).
/// </para>
/// <para>
/// Why encrypt rather than derive the code from the issue key with an HMAC (which would also make re-issue idempotent
/// without storing anything)? Issue keys are guessable (<c>{program}:{household}:{attempt}</c>), so a leaked derivation
/// key alone would yield every code; with encryption an attacker needs the key <i>and</i> the database. Codes also stay
/// drawn from <see cref="System.Security.Cryptography.RandomNumberGenerator"/>. Changing the secret key makes existing
/// coupons unfindable: there is no key rotation in this version.
/// </para>
/// <para>The book is thread-safe; several processes may share one store.</para>
/// </remarks>
public class CouponBook
{
    private readonly ICouponStore _store;
    private readonly TimeProvider _time;
    private readonly CouponCodeProtector _protector;
    private readonly TimeSpan _validity;
    private readonly int _codeLength;

    /// <summary>Creates the book.</summary>
    /// <param name="store">Where coupons are kept.</param>
    /// <param name="options">The secret key, the default validity and the code length.</param>
    /// <param name="timeProvider">The clock for issue, expiry and redemption times; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public CouponBook(ICouponStore store, CouponBookOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var secret = options.Validate();
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _protector = new CouponCodeProtector(secret);
        CryptographicOperations.ZeroMemory(secret);
        _validity = options.ValidityPeriod;
        _codeLength = options.CodeLength;
    }

    /// <summary>
    /// Issues a coupon, or returns the one already issued under <paramref name="issueKey"/> (with its code) if there is one.
    /// </summary>
    /// <param name="programId">The program.</param>
    /// <param name="beneficiaryId">The household id (世帯番号) or resident id the coupon is for.</param>
    /// <param name="faceValue">The face value (額面) in yen, positive.</param>
    /// <param name="issueKey">The idempotency key: the same key never yields a second coupon (a payout's <see cref="PayoutInstruction.IdempotencyKey"/>).</param>
    /// <param name="expiresAt">When the coupon stops being redeemable; now + <see cref="CouponBookOptions.ValidityPeriod"/> when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The coupon and its code: deliver the code to the resident, never log or store it.</returns>
    /// <exception cref="CouponIssueConflictException">The issue key already belongs to a coupon for another program, beneficiary or face value.</exception>
    /// <exception cref="InvalidOperationException">The stored coupon was protected under another secret key.</exception>
    public virtual async ValueTask<CouponIssueResult> IssueAsync(
        string programId,
        string beneficiaryId,
        long faceValue,
        string issueKey,
        DateTimeOffset? expiresAt = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(programId);
        ArgumentException.ThrowIfNullOrEmpty(beneficiaryId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(faceValue);
        ArgumentException.ThrowIfNullOrEmpty(issueKey);
        var now = _time.GetUtcNow();
        var expiry = expiresAt ?? now + _validity;
        if (expiry <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), "A coupon must expire after it is issued.");
        }

        var code = CouponCode.Generate(_codeLength);
        var id = "cpn_" + Guid.CreateVersion7(now).ToString("N");
        var candidate = new Coupon(
            id, issueKey, programId, beneficiaryId, faceValue, now, expiry, CouponState.Active, _protector.Hash(code), _protector.Protect(code, id));

        var added = await _store.AddAsync(candidate, cancellationToken).ConfigureAwait(false);
        if (added.Created)
        {
            return new CouponIssueResult(added.Coupon, code, created: true);
        }

        var existing = added.Coupon;
        if (existing.ProgramId != programId || existing.BeneficiaryId != beneficiaryId || existing.FaceValue != faceValue)
        {
            throw new CouponIssueConflictException(
                $"The issue key already belongs to coupon {existing.Id}, issued for another program, beneficiary or face value.");
        }

        if (!_protector.TryUnprotect(existing.ProtectedCode.Span, existing.Id, out var existingCode) || _protector.Hash(existingCode) != existing.CodeHash)
        {
            throw new InvalidOperationException(
                $"Coupon {existing.Id} was protected under another secret key; check CouponBookOptions.SecretKey.");
        }

        return new CouponIssueResult(existing, existingCode, created: false);
    }

    /// <summary>
    /// Redeems a coupon by the code as a person typed or a scanner read it (lower case, spaces, hyphens and look-alikes
    /// forgiven). A text that is not a code (the check character caught a typo) is <see cref="CouponRedeemOutcome.InvalidCode"/>.
    /// </summary>
    /// <param name="code">The code text.</param>
    /// <param name="redeemerId">The shop or terminal redeeming it (recorded, and shown to later attempts).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual ValueTask<CouponRedemption> RedeemAsync(string code, string redeemerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrEmpty(redeemerId);
        return CouponCode.TryParse(code, out var parsed, out var error)
            ? RedeemAsync(parsed, redeemerId, cancellationToken)
            : ValueTask.FromResult(new CouponRedemption(CouponRedeemOutcome.InvalidCode, null, error));
    }

    /// <summary>
    /// Redeems a coupon exactly once: of several concurrent calls for one code exactly one gets
    /// <see cref="CouponRedeemOutcome.Redeemed"/> (with the face value to hand over); the others get
    /// <see cref="CouponRedeemOutcome.AlreadyRedeemed"/> with when and by whom.
    /// </summary>
    /// <param name="code">The code.</param>
    /// <param name="redeemerId">The shop or terminal redeeming it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual ValueTask<CouponRedemption> RedeemAsync(CouponCode code, string redeemerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(redeemerId);
        if (code.IsDefault)
        {
            throw new ArgumentException("The code is default(CouponCode).", nameof(code));
        }

        return _store.TryRedeemAsync(_protector.Hash(code), redeemerId, _time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The coupon with this code, or null (for a counter checking a code without redeeming it).</summary>
    public virtual ValueTask<Coupon?> FindAsync(CouponCode code, CancellationToken cancellationToken = default)
    {
        if (code.IsDefault)
        {
            throw new ArgumentException("The code is default(CouponCode).", nameof(code));
        }

        return _store.FindByCodeHashAsync(_protector.Hash(code), cancellationToken);
    }

    /// <summary>The coupon with this id, or null.</summary>
    public virtual ValueTask<Coupon?> FindByIdAsync(string couponId, CancellationToken cancellationToken = default) =>
        _store.FindByIdAsync(couponId, cancellationToken);

    /// <summary>
    /// Voids a coupon (無効化), for instance when the resident lost the code: it can no longer be redeemed. Issue a new
    /// coupon with a new issue key to replace it.
    /// </summary>
    public virtual ValueTask<CouponVoidResult> VoidAsync(string couponId, CancellationToken cancellationToken = default) =>
        _store.VoidAsync(couponId, _time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Marks every active coupon past its expiry as expired and returns how many. Optional: an active coupon past its
    /// expiry is refused anyway; this only makes the stored state say so (for reports).
    /// </summary>
    public virtual ValueTask<int> ExpireDueAsync(CancellationToken cancellationToken = default) =>
        _store.ExpireDueAsync(_time.GetUtcNow(), cancellationToken);
}
