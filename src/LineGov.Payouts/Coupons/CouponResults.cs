namespace LineGov.Payouts.Coupons;

/// <summary>What a store did with a coupon to add.</summary>
public sealed class CouponAddResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="coupon">The stored coupon: the one added, or the one that already had the issue key.</param>
    /// <param name="created">True when the coupon was added; false when one with the same issue key was there already.</param>
    public CouponAddResult(Coupon coupon, bool created)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        Coupon = coupon;
        Created = created;
    }

    /// <summary>The stored coupon: the one added, or the one that already had the issue key.</summary>
    public Coupon Coupon { get; }

    /// <summary>True when the coupon was added; false when one with the same issue key was there already.</summary>
    public bool Created { get; }

    /// <inheritdoc />
    public override string ToString() => $"CouponAddResult({Coupon.Id}, {(Created ? "created" : "existing")})";
}

/// <summary>How a redemption ended.</summary>
public enum CouponRedeemOutcome
{
    /// <summary>This call redeemed the coupon: hand over the goods or the money.</summary>
    Redeemed,

    /// <summary>The coupon was redeemed before (see <see cref="CouponRedemption.RedeemedAt"/> and <see cref="CouponRedemption.RedeemedBy"/>).</summary>
    AlreadyRedeemed,

    /// <summary>The coupon is past its expiry.</summary>
    Expired,

    /// <summary>The coupon was voided by staff.</summary>
    Voided,

    /// <summary>No coupon has this code.</summary>
    NotFound,

    /// <summary>The text is not a coupon code (a typo the check character caught, a wrong length, a stray character).</summary>
    InvalidCode,
}

/// <summary>The result of redeeming a coupon (利用): whether this call used it, and if not, why.</summary>
public sealed class CouponRedemption
{
    /// <summary>Creates the result.</summary>
    /// <param name="outcome">How the redemption ended.</param>
    /// <param name="coupon">The coupon after the attempt; null for <see cref="CouponRedeemOutcome.NotFound"/> and <see cref="CouponRedeemOutcome.InvalidCode"/>.</param>
    /// <param name="formatError">Why the text is not a code, for <see cref="CouponRedeemOutcome.InvalidCode"/>.</param>
    public CouponRedemption(CouponRedeemOutcome outcome, Coupon? coupon, CouponFormatError? formatError = null)
    {
        if (coupon is null && outcome is not (CouponRedeemOutcome.NotFound or CouponRedeemOutcome.InvalidCode))
        {
            throw new ArgumentNullException(nameof(coupon), $"A redemption with outcome {outcome} names its coupon.");
        }

        Outcome = outcome;
        Coupon = coupon;
        FormatError = formatError;
    }

    /// <summary>How the redemption ended.</summary>
    public CouponRedeemOutcome Outcome { get; }

    /// <summary>True when this call redeemed the coupon.</summary>
    public bool Succeeded => Outcome == CouponRedeemOutcome.Redeemed;

    /// <summary>The coupon after the attempt; null when none was found or the text was not a code.</summary>
    public Coupon? Coupon { get; }

    /// <summary>The face value to hand over when this call redeemed the coupon; otherwise null.</summary>
    public long? FaceValue => Succeeded ? Coupon!.FaceValue : null;

    /// <summary>When the coupon was redeemed (by this call or an earlier one); otherwise null.</summary>
    public DateTimeOffset? RedeemedAt => Coupon?.RedeemedAt;

    /// <summary>The shop or terminal that redeemed the coupon (in this call or an earlier one); otherwise null.</summary>
    public string? RedeemedBy => Coupon?.RedeemedBy;

    /// <summary>Why the text is not a code, for <see cref="CouponRedeemOutcome.InvalidCode"/>; otherwise null.</summary>
    public CouponFormatError? FormatError { get; }

    /// <inheritdoc />
    public override string ToString() => Coupon is null ? $"CouponRedemption({Outcome})" : $"CouponRedemption({Outcome}, {Coupon.Id})";
}

/// <summary>How voiding a coupon ended.</summary>
public enum CouponVoidOutcome
{
    /// <summary>This call voided the coupon.</summary>
    Voided,

    /// <summary>The coupon was voided before; nothing changed.</summary>
    AlreadyVoided,

    /// <summary>The coupon was redeemed; a used coupon cannot be voided.</summary>
    AlreadyRedeemed,

    /// <summary>No coupon has this id.</summary>
    NotFound,
}

/// <summary>The result of voiding a coupon (無効化).</summary>
public sealed class CouponVoidResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="outcome">How voiding ended.</param>
    /// <param name="coupon">The coupon after the attempt; null for <see cref="CouponVoidOutcome.NotFound"/>.</param>
    public CouponVoidResult(CouponVoidOutcome outcome, Coupon? coupon)
    {
        if (coupon is null && outcome != CouponVoidOutcome.NotFound)
        {
            throw new ArgumentNullException(nameof(coupon), $"A void result with outcome {outcome} names its coupon.");
        }

        Outcome = outcome;
        Coupon = coupon;
    }

    /// <summary>How voiding ended.</summary>
    public CouponVoidOutcome Outcome { get; }

    /// <summary>The coupon after the attempt; null when none has the id.</summary>
    public Coupon? Coupon { get; }

    /// <inheritdoc />
    public override string ToString() => Coupon is null ? $"CouponVoidResult({Outcome})" : $"CouponVoidResult({Outcome}, {Coupon.Id})";
}

/// <summary>
/// A coupon just issued with its code: the only moment the full code is handed out (hand it to the resident and drop
/// it). An idempotent re-issue with the same issue key hands out the same coupon and the same code again.
/// </summary>
public sealed class CouponIssueResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="coupon">The coupon.</param>
    /// <param name="code">Its code.</param>
    /// <param name="created">True when this call created the coupon; false when the issue key had one already.</param>
    public CouponIssueResult(Coupon coupon, CouponCode code, bool created)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        if (code.IsDefault)
        {
            throw new ArgumentException("The code is default(CouponCode).", nameof(code));
        }

        Coupon = coupon;
        Code = code;
        Created = created;
    }

    /// <summary>The coupon.</summary>
    public Coupon Coupon { get; }

    /// <summary>The coupon's code, a bearer secret: deliver it to the resident, never log it.</summary>
    public CouponCode Code { get; }

    /// <summary>True when this call created the coupon; false when the issue key had one already.</summary>
    public bool Created { get; }

    /// <inheritdoc />
    /// <remarks>The coupon id only; never the code.</remarks>
    public override string ToString() => $"CouponIssueResult({Coupon.Id}, {(Created ? "created" : "existing")})";
}
