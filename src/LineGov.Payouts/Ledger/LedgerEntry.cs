using LineGov.Eligibility;

namespace LineGov.Payouts;

/// <summary>One row of the ledger: the claim of a beneficiary in a program and its payout.</summary>
public sealed class LedgerEntry
{
    internal LedgerEntry(
        string programId,
        string beneficiaryId,
        string applicationId,
        string? applicantId,
        ApplicationChannel applicationChannel,
        DateTimeOffset receivedAt,
        PayoutState state,
        long? amount,
        int attempt,
        string? payoutChannel,
        string? reference,
        string? failureReason,
        string? runId,
        long version,
        DateTimeOffset updatedAt)
    {
        ProgramId = programId;
        BeneficiaryId = beneficiaryId;
        ApplicationId = applicationId;
        ApplicantId = applicantId;
        ApplicationChannel = applicationChannel;
        ReceivedAt = receivedAt;
        State = state;
        Amount = amount;
        Attempt = attempt;
        PayoutChannel = payoutChannel;
        Reference = reference;
        FailureReason = failureReason;
        RunId = runId;
        Version = version;
        UpdatedAt = updatedAt;
    }

    /// <summary>The program.</summary>
    public string ProgramId { get; }

    /// <summary>The household id (世帯番号) or, for per-person programs, the resident id.</summary>
    public string BeneficiaryId { get; }

    /// <summary>The application that holds the claim.</summary>
    public string ApplicationId { get; }

    /// <summary>The applicant's resident id, when known.</summary>
    public string? ApplicantId { get; }

    /// <summary>How the application came in (LINE, counter, mail).</summary>
    public ApplicationChannel ApplicationChannel { get; }

    /// <summary>When the application arrived.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The current state.</summary>
    public PayoutState State { get; }

    /// <summary>The approved amount in yen; null before approval.</summary>
    public long? Amount { get; }

    /// <summary>1, or higher after deliberate re-issues of a failed payout.</summary>
    public int Attempt { get; }

    /// <summary>The payout channel that issued it ("zengin", "points", …); null before issue.</summary>
    public string? PayoutChannel { get; }

    /// <summary>The channel's reference (transaction id, file and record, coupon id); null before issue.</summary>
    public string? Reference { get; }

    /// <summary>Why it failed, when <see cref="State"/> is <see cref="PayoutState.Failed"/>.</summary>
    public string? FailureReason { get; }

    /// <summary>The payout run that took it, if any.</summary>
    public string? RunId { get; }

    /// <summary>Incremented by every change; lets callers detect a concurrent change.</summary>
    public long Version { get; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>The idempotency key a channel sees for the current attempt.</summary>
    public string IdempotencyKey => PayoutInstruction.CreateIdempotencyKey(ProgramId, BeneficiaryId, Attempt);

    /// <summary>The entry as the household claim LineGov.Eligibility knows.</summary>
    public HouseholdClaim ToHouseholdClaim() => new(ProgramId, BeneficiaryId, ApplicationId, ApplicationChannel, ReceivedAt, ApplicantId);

    /// <inheritdoc />
    /// <remarks>No beneficiary or applicant id: they are personal data.</remarks>
    public override string ToString() => $"LedgerEntry({ProgramId}, {State}, attempt {Attempt}, v{Version})";
}

/// <summary>One line of the append-only audit trail: who moved an entry from which state to which, when and why.</summary>
public sealed class LedgerAuditRecord
{
    internal LedgerAuditRecord(
        long sequence,
        string programId,
        string beneficiaryId,
        PayoutState? fromState,
        PayoutState toState,
        string actor,
        DateTimeOffset at,
        string? reason,
        string? idempotencyKey)
    {
        Sequence = sequence;
        ProgramId = programId;
        BeneficiaryId = beneficiaryId;
        FromState = fromState;
        ToState = toState;
        Actor = actor;
        At = at;
        Reason = reason;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>The record's position in the trail (increasing).</summary>
    public long Sequence { get; }

    /// <summary>The program.</summary>
    public string ProgramId { get; }

    /// <summary>The beneficiary.</summary>
    public string BeneficiaryId { get; }

    /// <summary>The state before; null for the claim itself.</summary>
    public PayoutState? FromState { get; }

    /// <summary>The state after.</summary>
    public PayoutState ToState { get; }

    /// <summary>Who did it: a staff id, "resident", or the payout run's worker.</summary>
    public string Actor { get; }

    /// <summary>When, by the ledger's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset At { get; }

    /// <summary>Why, in the actor's words; null when none was given.</summary>
    public string? Reason { get; }

    /// <summary>The request's idempotency key.</summary>
    public string? IdempotencyKey { get; }

    /// <inheritdoc />
    public override string ToString() => $"#{Sequence} {FromState?.ToString() ?? "-"} → {ToState} by {Actor} at {At:O}";
}
