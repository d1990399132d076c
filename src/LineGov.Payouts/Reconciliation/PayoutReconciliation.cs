using System.Globalization;

namespace LineGov.Payouts;

/// <summary>What the bank or provider says happened to one payout.</summary>
public enum ReconciliationOutcome
{
    /// <summary>Paid: the payout moves issued → settled.</summary>
    Paid = 0,

    /// <summary>Not paid: the payout moves issued → failed, with the reason.</summary>
    Failed = 1,
}

/// <summary>One line of a result list (振込結果, a provider's settlement report).</summary>
public sealed class ReconciliationLine
{
    /// <summary>Creates a line that names its payout by beneficiary or by the channel's reference (at least one).</summary>
    /// <param name="lineNumber">Where it came from in the imported file (for the report).</param>
    /// <param name="beneficiaryId">The beneficiary, when the list names it.</param>
    /// <param name="reference">The channel's reference (transaction id, file#record), when the list gives it instead.</param>
    /// <param name="outcome">Paid or failed.</param>
    /// <param name="reason">For a failure, why (a bank result code or words; no personal data).</param>
    /// <param name="attempt">Which attempt of the payout the line is about, when the list says (1 = the first issue); null when unknown.</param>
    public ReconciliationLine(long lineNumber, string? beneficiaryId, string? reference, ReconciliationOutcome outcome, string? reason = null, int? attempt = null)
    {
        if (attempt is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(attempt), "An attempt is 1 or more.");
        }

        Attempt = attempt;
        if (string.IsNullOrWhiteSpace(beneficiaryId) && string.IsNullOrWhiteSpace(reference))
        {
            throw new ArgumentException("A reconciliation line names a beneficiary or a reference.", nameof(beneficiaryId));
        }

        LineNumber = lineNumber;
        BeneficiaryId = string.IsNullOrWhiteSpace(beneficiaryId) ? null : beneficiaryId.Trim();
        Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        Outcome = outcome;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    /// <summary>Where it came from in the imported file.</summary>
    public long LineNumber { get; }

    /// <summary>The beneficiary, when given.</summary>
    public string? BeneficiaryId { get; }

    /// <summary>The channel's reference, when given.</summary>
    public string? Reference { get; }

    /// <summary>Paid or failed.</summary>
    public ReconciliationOutcome Outcome { get; }

    /// <summary>The payout attempt the line is about, when given.</summary>
    public int? Attempt { get; }

    /// <summary>Why it failed; null when none was given.</summary>
    public string? Reason { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ReconciliationLine({LineNumber}, {Outcome})");
}

/// <summary>A line that could not be applied, and why.</summary>
public sealed class ReconciliationIssue
{
    internal ReconciliationIssue(long lineNumber, string reason)
    {
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>The line in the imported file.</summary>
    public long LineNumber { get; }

    /// <summary>Why it was not applied.</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"line {LineNumber}: {Reason}");
}

/// <summary>What an import did.</summary>
public sealed class ReconciliationReport
{
    internal ReconciliationReport(int settled, int failed, int repeated, IReadOnlyList<ReconciliationIssue> issues)
    {
        Settled = settled;
        Failed = failed;
        Repeated = repeated;
        Issues = issues;
    }

    /// <summary>Payouts moved to settled now.</summary>
    public int Settled { get; }

    /// <summary>Payouts moved to failed now.</summary>
    public int Failed { get; }

    /// <summary>Lines already applied by an earlier import of the same result (nothing changed).</summary>
    public int Repeated { get; }

    /// <summary>Lines not applied: unknown payout, wrong state, or contradicting an earlier import.</summary>
    public IReadOnlyList<ReconciliationIssue> Issues { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Settled} settled, {Failed} failed, {Repeated} repeated, {Issues.Count} issues";
}

public sealed partial class PayoutLedger
{
    /// <summary>
    /// Applies a result list: each paid line moves its issued payout to settled, each failed line to failed (re-issue is
    /// then deliberate, <see cref="ReissueAsync"/>). Importing the same list again changes nothing (the lines count as
    /// repeated); a line that contradicts an earlier import of the same attempt (paid, then failed) is refused and reported.
    /// Every line is tried; problems are collected in <see cref="ReconciliationReport.Issues"/>, never thrown.
    /// </summary>
    public async Task<ReconciliationReport> ReconcileAsync(
        string programId,
        IEnumerable<ReconciliationLine> lines,
        string actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(programId);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        int settled = 0, failed = 0, repeated = 0;
        var issues = new List<ReconciliationIssue>();
        foreach (var line in lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var beneficiaryId = line.BeneficiaryId
                ?? await Store.FindBeneficiaryByReferenceAsync(programId, line.Reference!, cancellationToken).ConfigureAwait(false);
            var entry = beneficiaryId is null ? null : await GetEntryAsync(programId, beneficiaryId, cancellationToken).ConfigureAwait(false);
            if (entry is null)
            {
                issues.Add(new ReconciliationIssue(line.LineNumber, "no payout of this program matches the line"));
                continue;
            }

            // A line must be about the payout as it stands: a result of an earlier attempt (re-issued since) must never
            // settle or fail the new one. The reference (it changes with every issue) or the attempt number tells.
            if (line.Reference is not null && line.Reference != entry.Reference)
            {
                issues.Add(new ReconciliationIssue(line.LineNumber, "the reference is not the current payout's (an earlier attempt?)"));
                continue;
            }

            if (line.Attempt is { } attempt ? attempt != entry.Attempt : line.Reference is null && entry.Attempt > 1)
            {
                issues.Add(new ReconciliationIssue(line.LineNumber, line.Attempt is null
                    ? "the payout was re-issued: give the reference or the attempt to say which one the line is about"
                    : "the attempt is not the current one"));
                continue;
            }

            // One key per payout attempt: the same result imported twice is a repeat; the opposite result is a conflict.
            var request = new LedgerRequest(
                string.Create(CultureInfo.InvariantCulture, $"reconcile:{programId}:{entry.BeneficiaryId}:{entry.Attempt}"),
                actor,
                line.Outcome == ReconciliationOutcome.Paid ? "振込結果: 入金済" : line.Reason);
            try
            {
                // Refusals are not remembered here: a line that arrives before the run recorded its payout applies
                // when the list is imported again.
                var transition = line.Outcome == ReconciliationOutcome.Paid
                    ? new LedgerTransition("settle", [PayoutState.Issued], PayoutState.Settled, RememberRefusal: false)
                    : new LedgerTransition("fail", [PayoutState.Issued], PayoutState.Failed, FailureReason: line.Reason ?? "支払不能", RememberRefusal: false);
                var result = await ChangeAsync(programId, entry.BeneficiaryId, transition, request, cancellationToken).ConfigureAwait(false);
                if (result.IsRepeat)
                {
                    repeated++;
                }
                else if (result.Outcome == LedgerOutcome.Applied)
                {
                    if (line.Outcome == ReconciliationOutcome.Paid)
                    {
                        settled++;
                    }
                    else
                    {
                        failed++;
                    }
                }
                else
                {
                    issues.Add(new ReconciliationIssue(line.LineNumber, $"the payout is {result.Entry?.State.ToString() ?? "missing"}, not issued"));
                }
            }
            catch (LedgerIdempotencyConflictException)
            {
                issues.Add(new ReconciliationIssue(line.LineNumber, "contradicts an earlier import for the same payout"));
            }
        }

        return new ReconciliationReport(settled, failed, repeated, issues);
    }
}
