using System.Data.Common;
using System.Globalization;
using LineGov.Eligibility;

namespace LineGov.Payouts;

/// <summary>The ledger's operations, written once in SQL both dialects accept.</summary>
public abstract partial class LedgerStore
{
    internal Task<HouseholdClaimResult> ClaimAsync(HouseholdClaim candidate, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (connection, transaction) =>
            {
                // ON CONFLICT DO NOTHING makes the first writer win atomically in both databases; in PostgreSQL a
                // concurrent second insert waits for the first to commit and then does nothing.
                var inserted = await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO payout_entries (program_id, beneficiary_id, application_id, applicant_id, application_channel, received_at, " +
                    "state, amount, attempt, version, updated_at) VALUES (@p, @b, @app, @applicant, @channel, @received, 'received', NULL, 1, 1, @now) " +
                    "ON CONFLICT (program_id, beneficiary_id) DO NOTHING",
                    cancellationToken,
                    ("p", candidate.ProgramId),
                    ("b", candidate.BeneficiaryId),
                    ("app", candidate.ApplicationId),
                    ("applicant", candidate.ApplicantId),
                    ("channel", candidate.Channel.Value),
                    ("received", Ticks(candidate.ClaimedAt)),
                    ("now", Ticks(now))).ConfigureAwait(false);
                if (inserted == 1)
                {
                    await AuditAsync(
                        connection,
                        transaction,
                        candidate.ProgramId,
                        candidate.BeneficiaryId,
                        null,
                        PayoutState.Received,
                        "resident",
                        now,
                        "application via " + candidate.Channel.Value,
                        candidate.ApplicationId,
                        cancellationToken).ConfigureAwait(false);
                    return new HouseholdClaimResult(true, candidate);
                }

                var held = (await QueryAsync(
                    connection,
                    transaction,
                    $"SELECT {EntryColumns} FROM payout_entries WHERE program_id = @p AND beneficiary_id = @b",
                    ReadEntry,
                    cancellationToken,
                    ("p", candidate.ProgramId),
                    ("b", candidate.BeneficiaryId)).ConfigureAwait(false))[0].ToHouseholdClaim();
                var same = held.ApplicationId == candidate.ApplicationId
                    && (held.ApplicantId is null || candidate.ApplicantId is null || held.ApplicantId == candidate.ApplicantId);
                return new HouseholdClaimResult(same, held);
            },
            cancellationToken);

    internal Task<LedgerEntry?> GetEntryAsync(string programId, string beneficiaryId, CancellationToken cancellationToken) =>
        InTransactionAsync(
            (connection, transaction) => FindEntryAsync(connection, transaction, programId, beneficiaryId, string.Empty, cancellationToken),
            cancellationToken);

    internal Task<List<LedgerEntry>> ListEntriesAsync(string programId, PayoutState? state, string? after, int limit, CancellationToken cancellationToken) =>
        InTransactionAsync(
            (connection, transaction) => QueryAsync(
                connection,
                transaction,
                $"SELECT {EntryColumns} FROM payout_entries WHERE program_id = @p" +
                (state is null ? string.Empty : " AND state = @s") +
                (after is null ? string.Empty : " AND beneficiary_id > @after") +
                " ORDER BY beneficiary_id LIMIT @limit",
                ReadEntry,
                cancellationToken,
                ("p", programId),
                ("s", state is null ? null : PayoutStates.ToStorage(state.Value)),
                ("after", after),
                ("limit", limit)),
            cancellationToken);

    internal Task<List<(PayoutState State, long Count, long Amount)>> CountAsync(string programId, CancellationToken cancellationToken) =>
        InTransactionAsync(
            (connection, transaction) => QueryAsync(
                connection,
                transaction,
                "SELECT state, count(*), coalesce(sum(amount), 0) FROM payout_entries WHERE program_id = @p GROUP BY state",
                r => (PayoutStates.FromStorage(r.GetString(0)), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)),
                cancellationToken,
                ("p", programId)),
            cancellationToken);

    internal Task<List<LedgerAuditRecord>> AuditTrailAsync(string programId, string beneficiaryId, CancellationToken cancellationToken) =>
        InTransactionAsync(
            (connection, transaction) => QueryAsync(
                connection,
                transaction,
                "SELECT sequence, program_id, beneficiary_id, from_state, to_state, actor, at, reason, idempotency_key FROM payout_audit " +
                "WHERE program_id = @p AND beneficiary_id = @b ORDER BY sequence",
                r => new LedgerAuditRecord(
                    r.GetInt64(0),
                    r.GetString(1),
                    r.GetString(2),
                    r.IsDBNull(3) ? null : PayoutStates.FromStorage(r.GetString(3)),
                    PayoutStates.FromStorage(r.GetString(4)),
                    r.GetString(5),
                    FromTicks(r.GetInt64(6)),
                    r.IsDBNull(7) ? null : r.GetString(7),
                    r.IsDBNull(8) ? null : r.GetString(8)),
                cancellationToken,
                ("p", programId),
                ("b", beneficiaryId)),
            cancellationToken);

    internal Task<string?> FindBeneficiaryByReferenceAsync(string programId, string reference, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (connection, transaction) => (string?)await ScalarAsync(
                connection,
                transaction,
                "SELECT beneficiary_id FROM payout_entries WHERE program_id = @p AND reference = @r LIMIT 1",
                cancellationToken,
                ("p", programId),
                ("r", reference)).ConfigureAwait(false),
            cancellationToken);

    /// <summary>One state change under the entry's lock, recorded with its request key so that a repeat changes nothing.</summary>
    internal Task<LedgerResult> TransitionAsync(string programId, string beneficiaryId, LedgerTransition transition, LedgerRequest request, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (connection, transaction) =>
            {
                // Lock the entry first, then look the key up: a concurrent request with the same key has then either
                // committed (and is seen as a repeat) or not started.
                var entry = await FindEntryAsync(connection, transaction, programId, beneficiaryId, ForUpdate, cancellationToken).ConfigureAwait(false);
                var fingerprint = string.Create(CultureInfo.InvariantCulture, $"{transition.Operation}|{programId}|{beneficiaryId}|{transition.Amount}");
                var earlier = await QueryAsync(
                    connection,
                    transaction,
                    "SELECT fingerprint, outcome FROM payout_requests WHERE idempotency_key = @k",
                    r => (Fingerprint: r.GetString(0), Outcome: r.IsDBNull(1) ? null : r.GetString(1)),
                    cancellationToken,
                    ("k", request.IdempotencyKey)).ConfigureAwait(false);
                if (earlier.Count > 0)
                {
                    return earlier[0].Fingerprint == fingerprint
                        ? new LedgerResult(OutcomeFromStorage(earlier[0].Outcome), true, entry)
                        : throw new LedgerIdempotencyConflictException();
                }

                // In a payout run's batch, an approved entry may be with the channel right now: it can no longer be
                // rejected (the payment might leave anyway); fail or reverse it after the run.
                var refused = entry is null ? LedgerOutcome.NotFound
                    : !transition.From.Contains(entry.State) ? LedgerOutcome.InvalidState
                    : transition.NotInRun && entry.State == PayoutState.Approved && entry.RunId is not null ? LedgerOutcome.InvalidState
                    : (LedgerOutcome?)null;
                if (refused is { } outcome)
                {
                    if (transition.RememberRefusal)
                    {
                        // The first outcome is the answer to every repeat of the key, refusals included.
                        await ExecuteAsync(
                            connection,
                            transaction,
                            "INSERT INTO payout_requests (idempotency_key, fingerprint, at, outcome) VALUES (@k, @f, @now, @o) ON CONFLICT (idempotency_key) DO NOTHING",
                            cancellationToken,
                            ("k", request.IdempotencyKey),
                            ("f", fingerprint),
                            ("now", Ticks(now)),
                            ("o", outcome == LedgerOutcome.NotFound ? "not-found" : "invalid-state")).ConfigureAwait(false);
                    }

                    return new LedgerResult(outcome, false, entry);
                }

                var set = transition.Reissue
                    ? ", attempt = attempt + 1, run_id = NULL, batch_number = NULL, lease_owner = NULL, lease_until = NULL, reference = NULL, payout_channel = NULL, failure_reason = NULL"
                    : (transition.Amount is null ? string.Empty : ", amount = @amount")
                        + (transition.FailureReason is null ? string.Empty : ", failure_reason = @reason");
                await ExecuteAsync(
                    connection,
                    transaction,
                    $"UPDATE payout_entries SET state = @to, version = version + 1, updated_at = @now{set} WHERE program_id = @p AND beneficiary_id = @b",
                    cancellationToken,
                    ("to", PayoutStates.ToStorage(transition.To)),
                    ("now", Ticks(now)),
                    ("amount", transition.Amount),
                    ("reason", transition.FailureReason),
                    ("p", programId),
                    ("b", beneficiaryId)).ConfigureAwait(false);
                await AuditAsync(connection, transaction, programId, beneficiaryId, entry!.State, transition.To, request.Actor, now, request.Reason ?? transition.FailureReason, request.IdempotencyKey, cancellationToken).ConfigureAwait(false);
                var recorded = await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO payout_requests (idempotency_key, fingerprint, at) VALUES (@k, @f, @now) ON CONFLICT (idempotency_key) DO NOTHING",
                    cancellationToken,
                    ("k", request.IdempotencyKey),
                    ("f", fingerprint),
                    ("now", Ticks(now))).ConfigureAwait(false);
                if (recorded == 0)
                {
                    // The same key was just used for another entry by a concurrent request: refuse this one (rolled back).
                    throw new LedgerIdempotencyConflictException();
                }

                return new LedgerResult(
                    LedgerOutcome.Applied,
                    false,
                    await FindEntryAsync(connection, transaction, programId, beneficiaryId, string.Empty, cancellationToken).ConfigureAwait(false));
            },
            cancellationToken);

    private static LedgerOutcome OutcomeFromStorage(string? outcome) => outcome switch
    {
        null => LedgerOutcome.Applied,
        "not-found" => LedgerOutcome.NotFound,
        _ => LedgerOutcome.InvalidState,
    };

    private static async Task<LedgerEntry?> FindEntryAsync(DbConnection connection, DbTransaction transaction, string programId, string beneficiaryId, string lockClause, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            connection,
            transaction,
            $"SELECT {EntryColumns} FROM payout_entries WHERE program_id = @p AND beneficiary_id = @b{lockClause}",
            ReadEntry,
            cancellationToken,
            ("p", programId),
            ("b", beneficiaryId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    internal static Task<int> AuditAsync(
        DbConnection connection,
        DbTransaction transaction,
        string programId,
        string beneficiaryId,
        PayoutState? from,
        PayoutState to,
        string actor,
        DateTimeOffset at,
        string? reason,
        string? idempotencyKey,
        CancellationToken cancellationToken) =>
        ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO payout_audit (program_id, beneficiary_id, from_state, to_state, actor, at, reason, idempotency_key) VALUES (@p, @b, @from, @to, @actor, @at, @reason, @key)",
            cancellationToken,
            ("p", programId),
            ("b", beneficiaryId),
            ("from", from is null ? null : PayoutStates.ToStorage(from.Value)),
            ("to", PayoutStates.ToStorage(to)),
            ("actor", actor),
            ("at", Ticks(at)),
            ("reason", reason),
            ("key", idempotencyKey));
}

/// <summary>
/// A state change: the operation's name (part of the idempotency fingerprint), the states it applies to, and what it
/// sets. <paramref name="NotInRun"/>: refused for an approved entry a payout run has taken. <paramref name="RememberRefusal"/>:
/// a refusal is the key's first outcome too (reconciliation turns it off: a result line that arrives before the run has
/// recorded the payout must apply when imported again).
/// </summary>
internal sealed record LedgerTransition(
    string Operation,
    PayoutState[] From,
    PayoutState To,
    long? Amount = null,
    string? FailureReason = null,
    bool Reissue = false,
    bool NotInRun = false,
    bool RememberRefusal = true);
