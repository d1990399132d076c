namespace LineGov.Payouts;

/// <summary>
/// A way money reaches a beneficiary: a Zengin transfer file, regional e-money points, a digital coupon, an ATM /
/// cash-receipt code. A payout run hands a channel one batch at a time and records each result in the ledger.
/// </summary>
/// <remarks>
/// <para>
/// Exactly-once rests on the idempotency key: a run that crashed after the channel acted but before the ledger recorded
/// it issues the same batch again with the same keys. A channel must therefore treat a key it has seen as "already
/// done" and answer with the first outcome (a points provider deduplicates by key, a coupon channel returns the coupon
/// it already made, a file channel rewrites the same file). The key changes only when a failed payout is deliberately
/// re-issued (<see cref="PayoutInstruction.Attempt"/>).
/// </para>
/// <para>Implementations must be safe to call from several runs at once (different batches).</para>
/// </remarks>
public interface IPayoutChannel
{
    /// <summary>The channel's name as recorded in the ledger ("zengin", "points", "coupon", "cash-code").</summary>
    string Name { get; }

    /// <summary>
    /// Issues every instruction of the batch and returns one result per instruction, in any order, matched by
    /// <see cref="PayoutInstruction.IdempotencyKey"/>. An instruction without a result is treated as not issued and is
    /// offered again on the next attempt. Throwing means "nothing known": the whole batch is offered again.
    /// </summary>
    ValueTask<IReadOnlyList<PayoutIssueResult>> IssueAsync(PayoutBatch batch, CancellationToken cancellationToken = default);
}

/// <summary>A batch of payouts handed to a channel by a payout run.</summary>
public sealed class PayoutBatch
{
    /// <summary>Creates a batch.</summary>
    /// <param name="runId">The payout run.</param>
    /// <param name="batchNumber">The batch's number within the run (1, 2, …); a batch re-offered after a crash keeps its number.</param>
    /// <param name="items">The payouts to issue.</param>
    public PayoutBatch(string runId, long batchNumber, IReadOnlyList<PayoutInstruction> items)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchNumber);
        ArgumentNullException.ThrowIfNull(items);
        RunId = runId;
        BatchNumber = batchNumber;
        Items = items;
    }

    /// <summary>The payout run.</summary>
    public string RunId { get; }

    /// <summary>The batch's number within the run.</summary>
    public long BatchNumber { get; }

    /// <summary>The payouts to issue.</summary>
    public IReadOnlyList<PayoutInstruction> Items { get; }

    /// <inheritdoc />
    public override string ToString() => $"PayoutBatch({RunId} #{BatchNumber}, {Items.Count} items)";
}

/// <summary>One payout to issue: who, how much, and the key that makes issuing it twice harmless.</summary>
public sealed class PayoutInstruction
{
    /// <summary>Creates an instruction.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="beneficiaryId">The household id (世帯番号) or, for per-person programs, the resident id.</param>
    /// <param name="amount">The amount in yen (or points, one point per yen), positive.</param>
    /// <param name="attempt">1 for the first issue; incremented only by a deliberate re-issue of a failed payout.</param>
    public PayoutInstruction(string programId, string beneficiaryId, long amount, int attempt)
    {
        ArgumentException.ThrowIfNullOrEmpty(programId);
        ArgumentException.ThrowIfNullOrEmpty(beneficiaryId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        ProgramId = programId;
        BeneficiaryId = beneficiaryId;
        Amount = amount;
        Attempt = attempt;
        IdempotencyKey = CreateIdempotencyKey(programId, beneficiaryId, attempt);
    }

    /// <summary>The program.</summary>
    public string ProgramId { get; }

    /// <summary>The household id (世帯番号) or, for per-person programs, the resident id.</summary>
    public string BeneficiaryId { get; }

    /// <summary>The amount in yen (or points).</summary>
    public long Amount { get; }

    /// <summary>1 for the first issue; higher after deliberate re-issues.</summary>
    public int Attempt { get; }

    /// <summary>
    /// The key the channel deduplicates by: the same for every retry of this attempt (also across crashes and workers),
    /// different for a deliberate re-issue. Stable text of the form <c>{program}:{beneficiary}:{attempt}</c>.
    /// </summary>
    public string IdempotencyKey { get; }

    /// <summary>The idempotency key of (program, beneficiary, attempt).</summary>
    public static string CreateIdempotencyKey(string programId, string beneficiaryId, int attempt) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{programId}:{beneficiaryId}:{attempt}");

    /// <inheritdoc />
    /// <remarks>Shows the program and attempt only: beneficiary ids are personal data.</remarks>
    public override string ToString() => $"PayoutInstruction({ProgramId}, attempt {Attempt}, {Amount})";
}

/// <summary>What a channel did with one instruction.</summary>
public sealed class PayoutIssueResult
{
    private PayoutIssueResult(string idempotencyKey, bool succeeded, string? reference, string? failureReason)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        IdempotencyKey = idempotencyKey;
        Succeeded = succeeded;
        Reference = reference;
        FailureReason = failureReason;
    }

    /// <summary>The instruction's key.</summary>
    public string IdempotencyKey { get; }

    /// <summary>True: issued (the money or its voucher is on its way); false: the channel refused it for good.</summary>
    public bool Succeeded { get; }

    /// <summary>The channel's reference: a provider transaction id, a coupon id, a file name and record number; null if none.</summary>
    public string? Reference { get; }

    /// <summary>Why it failed (no personal data); null when it succeeded.</summary>
    public string? FailureReason { get; }

    /// <summary>An issued payout.</summary>
    public static PayoutIssueResult Issued(string idempotencyKey, string? reference) => new(idempotencyKey, true, reference, null);

    /// <summary>A payout the channel refused for good (unknown account, closed member, …). Transient trouble should throw instead.</summary>
    public static PayoutIssueResult Failed(string idempotencyKey, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(idempotencyKey, false, null, reason);
    }

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Issued({Reference})" : $"Failed({FailureReason})";
}
