namespace LineGov.Payouts.CashCodes;

/// <summary>
/// Issues ATM / cash-receipt codes (ATM 受取番号, 窓口受取番号): a resident types the code at an ATM or shows it at a
/// counter and receives the cash once. Implement it over an ATM network's API (Seven Bank's, for instance); the
/// library ships <see cref="InMemoryCashCodeIssuer"/> as the reference for tests and samples.
/// </summary>
/// <remarks>
/// An implementation must be thread-safe, idempotent by issue key (the same key returns the same voucher and code,
/// never a second one) and must let each code pay out exactly once, also under concurrent attempts.
/// </remarks>
public interface ICashCodeIssuer
{
    /// <summary>Issues a code, or returns the one already issued under <paramref name="issueKey"/>.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="beneficiaryId">The household id (世帯番号) or resident id.</param>
    /// <param name="amount">The cash amount in yen, positive.</param>
    /// <param name="issueKey">The idempotency key (a payout's <see cref="PayoutInstruction.IdempotencyKey"/>).</param>
    /// <param name="expiresAt">When the code stops working; the issuer's default validity when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">The issue key already belongs to a code for another program, beneficiary or amount.</exception>
    ValueTask<CashCodeIssueResult> IssueAsync(
        string programId,
        string beneficiaryId,
        long amount,
        string issueKey,
        DateTimeOffset? expiresAt = null,
        CancellationToken cancellationToken = default);

    /// <summary>The voucher of a code, or null.</summary>
    ValueTask<CashVoucher?> FindAsync(CashCode code, CancellationToken cancellationToken = default);

    /// <summary>The voucher with this id, or null.</summary>
    ValueTask<CashVoucher?> FindByIdAsync(string voucherId, CancellationToken cancellationToken = default);

    /// <summary>Uses a code exactly once: of concurrent calls for one code exactly one gets <see cref="CashCodeRedeemOutcome.Redeemed"/>.</summary>
    /// <param name="code">The code.</param>
    /// <param name="redeemerId">The ATM or counter paying out.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<CashCodeRedemption> RedeemAsync(CashCode code, string redeemerId, CancellationToken cancellationToken = default);

    /// <summary>Voids a code that was not used.</summary>
    ValueTask<CashCodeVoidResult> VoidAsync(string voucherId, CancellationToken cancellationToken = default);

    /// <summary>Marks every active code past its expiry as expired; returns how many.</summary>
    ValueTask<int> ExpireDueAsync(CancellationToken cancellationToken = default);
}
