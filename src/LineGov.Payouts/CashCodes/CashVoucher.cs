namespace LineGov.Payouts.CashCodes;

/// <summary>The life of a cash code.</summary>
public enum CashCodeState
{
    /// <summary>Issued; cash can be received until it expires.</summary>
    Active,

    /// <summary>Cash was paid out against it (受取済み); it can never be used again.</summary>
    Redeemed,

    /// <summary>Past its expiry (有効期限切れ) without being used.</summary>
    Expired,

    /// <summary>Cancelled by staff (無効化).</summary>
    Voided,
}

/// <summary>A cash code's record: who it is for, how much cash it releases, and whether it was used. It holds no code.</summary>
public sealed class CashVoucher
{
    /// <summary>Creates a record (issuers call this).</summary>
    /// <param name="id">The voucher id (not secret; the reference recorded in the payout ledger).</param>
    /// <param name="issueKey">The key that made issuing idempotent.</param>
    /// <param name="programId">The program.</param>
    /// <param name="beneficiaryId">The household id (世帯番号) or resident id.</param>
    /// <param name="amount">The cash amount in yen, positive.</param>
    /// <param name="issuedAt">When it was issued.</param>
    /// <param name="expiresAt">When it stops being usable (exclusive), after <paramref name="issuedAt"/>.</param>
    /// <param name="state">The stored state.</param>
    /// <param name="redeemedAt">When cash was paid out, if it was.</param>
    /// <param name="redeemedBy">The ATM or counter that paid out, if one did.</param>
    /// <param name="voidedAt">When it was voided, if it was.</param>
    public CashVoucher(
        string id,
        string issueKey,
        string programId,
        string beneficiaryId,
        long amount,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt,
        CashCodeState state,
        DateTimeOffset? redeemedAt = null,
        string? redeemedBy = null,
        DateTimeOffset? voidedAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(issueKey);
        ArgumentException.ThrowIfNullOrEmpty(programId);
        ArgumentException.ThrowIfNullOrEmpty(beneficiaryId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (expiresAt <= issuedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), "A cash code must expire after it is issued.");
        }

        Id = id;
        IssueKey = issueKey;
        ProgramId = programId;
        BeneficiaryId = beneficiaryId;
        Amount = amount;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        State = state;
        RedeemedAt = redeemedAt;
        RedeemedBy = redeemedBy;
        VoidedAt = voidedAt;
    }

    /// <summary>The voucher id (not secret; the reference recorded in the payout ledger).</summary>
    public string Id { get; }

    /// <summary>The key that made issuing idempotent.</summary>
    public string IssueKey { get; }

    /// <summary>The program.</summary>
    public string ProgramId { get; }

    /// <summary>The household id (世帯番号) or resident id.</summary>
    public string BeneficiaryId { get; }

    /// <summary>The cash amount in yen.</summary>
    public long Amount { get; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>When it stops being usable (exclusive).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The stored state; see <see cref="StateAt"/> for the state at an instant.</summary>
    public CashCodeState State { get; }

    /// <summary>When cash was paid out; null if it was not.</summary>
    public DateTimeOffset? RedeemedAt { get; }

    /// <summary>The ATM or counter that paid out; null if none did.</summary>
    public string? RedeemedBy { get; }

    /// <summary>When it was voided; null if it was not.</summary>
    public DateTimeOffset? VoidedAt { get; }

    /// <summary>The state at an instant: <see cref="CashCodeState.Expired"/> for an active code at or past its expiry.</summary>
    public CashCodeState StateAt(DateTimeOffset now) =>
        State == CashCodeState.Active && now >= ExpiresAt ? CashCodeState.Expired : State;

    /// <inheritdoc />
    /// <remarks>No beneficiary id (personal data) and no code.</remarks>
    public override string ToString() => $"CashVoucher({Id}, {ProgramId}, {Amount} yen, {State})";

    internal CashVoucher With(CashCodeState state, DateTimeOffset? redeemedAt, string? redeemedBy, DateTimeOffset? voidedAt) =>
        new(Id, IssueKey, ProgramId, BeneficiaryId, Amount, IssuedAt, ExpiresAt, state, redeemedAt, redeemedBy, voidedAt);
}
