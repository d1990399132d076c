using LineGov.Eligibility;

namespace LineGov.Payouts;

/// <summary>
/// The exactly-once ledger: one entry per (program, beneficiary), moved through
/// received → approved → issued → settled | failed | reversed (and received / approved → rejected), every move in the
/// append-only audit trail with actor, time and reason. It is LineGov.Eligibility's <see cref="HouseholdClaimBook"/>
/// made durable: the "already applied" answer holds across processes, channels and restarts.
/// </summary>
/// <remarks>
/// Every change takes a <see cref="LedgerRequest"/> whose idempotency key is remembered: sending the same request again
/// (a double click, a retried HTTP call, a re-imported file) changes nothing and answers with the first outcome
/// (<see cref="LedgerResult.IsRepeat"/>). A key reused for a different change throws
/// <see cref="LedgerIdempotencyConflictException"/>. Claims are idempotent by application id.
/// </remarks>
public sealed partial class PayoutLedger : HouseholdClaimBook
{
    private static readonly PayoutState[] FromReceived = [PayoutState.Received];
    private static readonly PayoutState[] FromReceivedOrApproved = [PayoutState.Received, PayoutState.Approved];
    private static readonly PayoutState[] FromIssued = [PayoutState.Issued];
    private static readonly PayoutState[] FromIssuedOrSettled = [PayoutState.Issued, PayoutState.Settled];
    private static readonly PayoutState[] FromFailed = [PayoutState.Failed];
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a ledger over a store.</summary>
    /// <param name="store">Where it lives (<see cref="SqliteLedgerStore"/> or <see cref="PostgresLedgerStore"/>); the caller disposes it.</param>
    /// <param name="timeProvider">The clock of the audit trail and of claims made without an arrival time. Default: the system clock.</param>
    public PayoutLedger(LedgerStore store, TimeProvider? timeProvider = null)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The store.</summary>
    public LedgerStore Store { get; }

    internal TimeProvider TimeProvider => _timeProvider;

    /// <inheritdoc />
    /// <remarks>The claim is dated by the ledger's clock and records no applicant; prefer the overload taking a <see cref="HouseholdClaim"/>.</remarks>
    public override ValueTask<HouseholdClaimResult> TryClaimAsync(
        string programId,
        string beneficiaryId,
        string applicationId,
        ApplicationChannel channel,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(programId);
        ArgumentException.ThrowIfNullOrEmpty(beneficiaryId);
        ArgumentException.ThrowIfNullOrEmpty(applicationId);
        return TryClaimAsync(new HouseholdClaim(programId, beneficiaryId, applicationId, channel, _timeProvider.GetUtcNow()), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Records the candidate's arrival time and applicant. Exactly one of any number of concurrent claims for the same
    /// (program, beneficiary) — from this process or another — wins; the others get the winner's claim.
    /// </remarks>
    public override async ValueTask<HouseholdClaimResult> TryClaimAsync(HouseholdClaim candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentException.ThrowIfNullOrEmpty(candidate.ProgramId, nameof(candidate));
        ArgumentException.ThrowIfNullOrEmpty(candidate.BeneficiaryId, nameof(candidate));
        ArgumentException.ThrowIfNullOrEmpty(candidate.ApplicationId, nameof(candidate));
        return await Store.ClaimAsync(candidate, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask<HouseholdClaim?> FindAsync(string programId, string beneficiaryId, CancellationToken cancellationToken = default) =>
        (await GetEntryAsync(programId, beneficiaryId, cancellationToken).ConfigureAwait(false))?.ToHouseholdClaim();

    /// <summary>The entry of (program, beneficiary), or null.</summary>
    public async Task<LedgerEntry?> GetEntryAsync(string programId, string beneficiaryId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(programId);
        ArgumentException.ThrowIfNullOrEmpty(beneficiaryId);
        return await Store.GetEntryAsync(programId, beneficiaryId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A page of a program's entries in beneficiary order, optionally in one state. Pass the last beneficiary id of a
    /// page as <paramref name="afterBeneficiaryId"/> to get the next.
    /// </summary>
    public async Task<IReadOnlyList<LedgerEntry>> ListAsync(
        string programId,
        PayoutState? state = null,
        string? afterBeneficiaryId = null,
        int limit = 500,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(programId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 100_000);
        return await Store.ListEntriesAsync(programId, state, afterBeneficiaryId, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many entries of a program are in each state, and their amounts.</summary>
    public async Task<LedgerSummary> GetSummaryAsync(string programId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(programId);
        var rows = await Store.CountAsync(programId, cancellationToken).ConfigureAwait(false);
        return new LedgerSummary(programId, rows.ToDictionary(r => r.State, r => r.Count), rows.ToDictionary(r => r.State, r => r.Amount));
    }

    /// <summary>The audit trail of an entry, oldest first.</summary>
    public async Task<IReadOnlyList<LedgerAuditRecord>> GetAuditTrailAsync(string programId, string beneficiaryId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(programId);
        ArgumentException.ThrowIfNullOrEmpty(beneficiaryId);
        return await Store.AuditTrailAsync(programId, beneficiaryId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Received → approved, with the amount to pay (決定).</summary>
    public Task<LedgerResult> ApproveAsync(string programId, string beneficiaryId, long amount, LedgerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return ChangeAsync(programId, beneficiaryId, new LedgerTransition("approve", FromReceived, PayoutState.Approved, Amount: amount), request, cancellationToken);
    }

    /// <summary>
    /// Received, or approved and not yet taken by a payout run, → rejected (却下). The household's claim stays recorded.
    /// An approved entry in a run's batch answers <see cref="LedgerOutcome.InvalidState"/>: the channel may be paying it.
    /// </summary>
    public Task<LedgerResult> RejectAsync(string programId, string beneficiaryId, LedgerRequest request, CancellationToken cancellationToken = default) =>
        ChangeAsync(programId, beneficiaryId, new LedgerTransition("reject", FromReceivedOrApproved, PayoutState.Rejected, NotInRun: true), request, cancellationToken);

    /// <summary>Issued → settled: the bank or provider confirmed the payment.</summary>
    public Task<LedgerResult> SettleAsync(string programId, string beneficiaryId, LedgerRequest request, CancellationToken cancellationToken = default) =>
        ChangeAsync(programId, beneficiaryId, new LedgerTransition("settle", FromIssued, PayoutState.Settled), request, cancellationToken);

    /// <summary>Issued → failed: the payment did not reach the beneficiary (closed account, wrong name, …).</summary>
    /// <param name="programId">The program.</param>
    /// <param name="beneficiaryId">The beneficiary.</param>
    /// <param name="failureReason">Why, without personal data (e.g. "口座なし" or a bank's result code).</param>
    /// <param name="request">Who, and the idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<LedgerResult> FailAsync(string programId, string beneficiaryId, string failureReason, LedgerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(failureReason);
        return ChangeAsync(programId, beneficiaryId, new LedgerTransition("fail", FromIssued, PayoutState.Failed, FailureReason: failureReason), request, cancellationToken);
    }

    /// <summary>Issued or settled → reversed: the payment was taken back (組戻し, a voided coupon).</summary>
    public Task<LedgerResult> ReverseAsync(string programId, string beneficiaryId, LedgerRequest request, CancellationToken cancellationToken = default) =>
        ChangeAsync(programId, beneficiaryId, new LedgerTransition("reverse", FromIssuedOrSettled, PayoutState.Reversed), request, cancellationToken);

    /// <summary>
    /// Failed → approved, deliberately, as a new attempt: the next payout run issues it again under a new idempotency key
    /// (<see cref="PayoutInstruction.Attempt"/> + 1). Payout runs never retry a failed payout by themselves.
    /// </summary>
    public Task<LedgerResult> ReissueAsync(string programId, string beneficiaryId, LedgerRequest request, CancellationToken cancellationToken = default) =>
        ChangeAsync(programId, beneficiaryId, new LedgerTransition("reissue", FromFailed, PayoutState.Approved, Reissue: true), request, cancellationToken);

    /// <summary>A recorded payout run, or null.</summary>
    public async Task<PayoutRunInfo?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return await Store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<LedgerResult> ChangeAsync(string programId, string beneficiaryId, LedgerTransition transition, LedgerRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(programId);
        ArgumentException.ThrowIfNullOrEmpty(beneficiaryId);
        ArgumentNullException.ThrowIfNull(request);
        return await Store.TransitionAsync(programId, beneficiaryId, transition, request, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Counts and amounts of a program's entries per state.</summary>
public sealed class LedgerSummary
{
    internal LedgerSummary(string programId, IReadOnlyDictionary<PayoutState, long> counts, IReadOnlyDictionary<PayoutState, long> amounts)
    {
        ProgramId = programId;
        Counts = counts;
        Amounts = amounts;
    }

    /// <summary>The program.</summary>
    public string ProgramId { get; }

    /// <summary>Entries per state (states without entries are absent).</summary>
    public IReadOnlyDictionary<PayoutState, long> Counts { get; }

    /// <summary>Approved amounts per state, in yen.</summary>
    public IReadOnlyDictionary<PayoutState, long> Amounts { get; }

    /// <summary>The count of one state (0 when none).</summary>
    public long CountOf(PayoutState state) => Counts.GetValueOrDefault(state);

    /// <summary>All entries.</summary>
    public long Total => Counts.Values.Sum();

    /// <inheritdoc />
    public override string ToString() => $"LedgerSummary({ProgramId}, {Total} entries)";
}
