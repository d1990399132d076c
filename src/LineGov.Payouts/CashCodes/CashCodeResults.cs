namespace LineGov.Payouts.CashCodes;

/// <summary>A cash code just issued, or the one already issued under the same key: the voucher and its code.</summary>
public sealed class CashCodeIssueResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="voucher">The voucher.</param>
    /// <param name="code">Its code.</param>
    /// <param name="created">True when this call created it; false when the issue key had one already.</param>
    public CashCodeIssueResult(CashVoucher voucher, CashCode code, bool created)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        if (code.IsDefault)
        {
            throw new ArgumentException("The code is default(CashCode).", nameof(code));
        }

        Voucher = voucher;
        Code = code;
        Created = created;
    }

    /// <summary>The voucher.</summary>
    public CashVoucher Voucher { get; }

    /// <summary>The code, a bearer secret: deliver it to the resident, never log it.</summary>
    public CashCode Code { get; }

    /// <summary>The instant the code stops working.</summary>
    public DateTimeOffset ExpiresAt => Voucher.ExpiresAt;

    /// <summary>True when this call created the voucher; false when the issue key had one already.</summary>
    public bool Created { get; }

    /// <inheritdoc />
    public override string ToString() => $"CashCodeIssueResult({Voucher.Id}, {(Created ? "created" : "existing")})";
}

/// <summary>How a cash-code redemption ended.</summary>
public enum CashCodeRedeemOutcome
{
    /// <summary>This call used the code: pay the cash out.</summary>
    Redeemed,

    /// <summary>The code was used before (see <see cref="CashCodeRedemption.RedeemedAt"/> and <see cref="CashCodeRedemption.RedeemedBy"/>).</summary>
    AlreadyRedeemed,

    /// <summary>The code is past its expiry.</summary>
    Expired,

    /// <summary>The code was voided.</summary>
    Voided,

    /// <summary>No voucher has this code.</summary>
    NotFound,
}

/// <summary>The result of using a cash code (払出し).</summary>
public sealed class CashCodeRedemption
{
    /// <summary>Creates the result.</summary>
    /// <param name="outcome">How it ended.</param>
    /// <param name="voucher">The voucher after the attempt; null for <see cref="CashCodeRedeemOutcome.NotFound"/>.</param>
    public CashCodeRedemption(CashCodeRedeemOutcome outcome, CashVoucher? voucher)
    {
        if (voucher is null && outcome != CashCodeRedeemOutcome.NotFound)
        {
            throw new ArgumentNullException(nameof(voucher), $"A redemption with outcome {outcome} names its voucher.");
        }

        Outcome = outcome;
        Voucher = voucher;
    }

    /// <summary>How it ended.</summary>
    public CashCodeRedeemOutcome Outcome { get; }

    /// <summary>True when this call used the code.</summary>
    public bool Succeeded => Outcome == CashCodeRedeemOutcome.Redeemed;

    /// <summary>The voucher after the attempt; null when none has the code.</summary>
    public CashVoucher? Voucher { get; }

    /// <summary>The cash to pay out when this call used the code; otherwise null.</summary>
    public long? Amount => Succeeded ? Voucher!.Amount : null;

    /// <summary>When the code was used (by this call or an earlier one); otherwise null.</summary>
    public DateTimeOffset? RedeemedAt => Voucher?.RedeemedAt;

    /// <summary>The ATM or counter that used the code; otherwise null.</summary>
    public string? RedeemedBy => Voucher?.RedeemedBy;

    /// <inheritdoc />
    public override string ToString() => Voucher is null ? $"CashCodeRedemption({Outcome})" : $"CashCodeRedemption({Outcome}, {Voucher.Id})";
}

/// <summary>How voiding a cash code ended.</summary>
public enum CashCodeVoidOutcome
{
    /// <summary>This call voided it.</summary>
    Voided,

    /// <summary>It was voided before; nothing changed.</summary>
    AlreadyVoided,

    /// <summary>Cash was already paid out against it; it cannot be voided.</summary>
    AlreadyRedeemed,

    /// <summary>No voucher has this id.</summary>
    NotFound,
}

/// <summary>The result of voiding a cash code (無効化).</summary>
public sealed class CashCodeVoidResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="outcome">How it ended.</param>
    /// <param name="voucher">The voucher after the attempt; null for <see cref="CashCodeVoidOutcome.NotFound"/>.</param>
    public CashCodeVoidResult(CashCodeVoidOutcome outcome, CashVoucher? voucher)
    {
        if (voucher is null && outcome != CashCodeVoidOutcome.NotFound)
        {
            throw new ArgumentNullException(nameof(voucher), $"A void result with outcome {outcome} names its voucher.");
        }

        Outcome = outcome;
        Voucher = voucher;
    }

    /// <summary>How it ended.</summary>
    public CashCodeVoidOutcome Outcome { get; }

    /// <summary>The voucher after the attempt; null when none has the id.</summary>
    public CashVoucher? Voucher { get; }

    /// <inheritdoc />
    public override string ToString() => Voucher is null ? $"CashCodeVoidResult({Outcome})" : $"CashCodeVoidResult({Outcome}, {Voucher.Id})";
}
