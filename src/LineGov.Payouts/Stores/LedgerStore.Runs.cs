using System.Data.Common;
using System.Globalization;

namespace LineGov.Payouts;

/// <summary>Payout runs: batch claiming with leases, result recording, completion.</summary>
public abstract partial class LedgerStore
{
    internal Task<PayoutRunInfo> StartRunAsync(string runId, string programId, string channel, string actor, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (connection, transaction) =>
            {
                await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO payout_runs (run_id, program_id, channel, created_by, created_at, next_batch, completed_at) VALUES (@r, @p, @c, @a, @now, 1, NULL) " +
                    "ON CONFLICT (run_id) DO NOTHING",
                    cancellationToken,
                    ("r", runId),
                    ("p", programId),
                    ("c", channel),
                    ("a", actor),
                    ("now", Ticks(now))).ConfigureAwait(false);
                // Batches another run took and never finished would be left out by this one (it takes only entries no
                // run holds): that run must be resumed, not bypassed.
                var other = (string?)await ScalarAsync(
                    connection,
                    transaction,
                    "SELECT run_id FROM payout_entries WHERE program_id = @p AND state = 'approved' AND run_id IS NOT NULL AND run_id <> @r LIMIT 1",
                    cancellationToken,
                    ("p", programId),
                    ("r", runId)).ConfigureAwait(false);
                if (other is not null)
                {
                    throw new PayoutRunException(
                        $"Payout run '{other}' of program '{programId}' has unfinished batches; resume it (run it again with its id) before starting '{runId}'.");
                }

                var run = await ReadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false)
                    ?? throw new LedgerStoreException("The payout run vanished while it was being started.");
                if (run.ProgramId != programId || run.Channel != channel)
                {
                    throw new PayoutRunException(
                        $"Payout run '{runId}' belongs to program '{run.ProgramId}' through channel '{run.Channel}'; it cannot be resumed for '{programId}' through '{channel}'.");
                }

                return run;
            },
            cancellationToken);

    internal Task<PayoutRunInfo?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        InTransactionAsync((connection, transaction) => ReadRunAsync(connection, transaction, runId, cancellationToken), cancellationToken);

    private static async Task<PayoutRunInfo?> ReadRunAsync(DbConnection connection, DbTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            connection,
            transaction,
            "SELECT run_id, program_id, channel, created_by, created_at, completed_at FROM payout_runs WHERE run_id = @r",
            r => new PayoutRunInfo(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), FromTicks(r.GetInt64(4)), r.IsDBNull(5) ? null : FromTicks(r.GetInt64(5))),
            cancellationToken,
            ("r", runId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// The next batch for a worker: first a batch of this run left unfinished by this worker (a crash) or by a worker
    /// whose lease ran out, with its number and items unchanged; otherwise up to <paramref name="batchSize"/> approved
    /// entries nobody has taken, under a new number. Null when nothing is left.
    /// </summary>
    internal Task<PayoutBatch?> ClaimBatchAsync(string runId, string programId, string workerId, int batchSize, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (connection, transaction) =>
            {
                var pending = await ScalarAsync(
                    connection,
                    transaction,
                    "SELECT min(batch_number) FROM payout_entries WHERE run_id = @r AND state = 'approved' AND batch_number IS NOT NULL " +
                    "AND (lease_owner = @w OR lease_until < @now)",
                    cancellationToken,
                    ("r", runId),
                    ("w", workerId),
                    ("now", Ticks(now))).ConfigureAwait(false);
                if (pending is not null)
                {
                    var number = Convert.ToInt64(pending, CultureInfo.InvariantCulture);
                    var items = await QueryAsync(
                        connection,
                        transaction,
                        "UPDATE payout_entries SET lease_owner = @w, lease_until = @until WHERE run_id = @r AND batch_number = @n AND state = 'approved' " +
                        "AND (lease_owner = @w OR lease_until < @now) RETURNING program_id, beneficiary_id, amount, attempt",
                        ReadInstruction,
                        cancellationToken,
                        ("w", workerId),
                        ("until", Ticks(leaseUntil)),
                        ("r", runId),
                        ("n", number),
                        ("now", Ticks(now))).ConfigureAwait(false);
                    if (items.Count > 0)
                    {
                        return new PayoutBatch(runId, number, Sorted(items));
                    }
                }

                var any = await ScalarAsync(
                    connection,
                    transaction,
                    $"SELECT beneficiary_id FROM payout_entries WHERE program_id = @p AND state = 'approved' AND batch_number IS NULL LIMIT 1{ForUpdateSkipLocked}",
                    cancellationToken,
                    ("p", programId)).ConfigureAwait(false);
                if (any is null)
                {
                    return null;
                }

                var batchNumber = Convert.ToInt64(
                    await ScalarAsync(
                        connection,
                        transaction,
                        "UPDATE payout_runs SET next_batch = next_batch + 1 WHERE run_id = @r RETURNING next_batch - 1",
                        cancellationToken,
                        ("r", runId)).ConfigureAwait(false),
                    CultureInfo.InvariantCulture);
                var claimed = await QueryAsync(
                    connection,
                    transaction,
                    // The pick is a materialized CTE: evaluated exactly once. (As a plain IN (subquery … LIMIT … FOR
                    // UPDATE) PostgreSQL may run the subquery more than once and take more rows than the limit.)
                    "WITH picked AS MATERIALIZED (SELECT beneficiary_id FROM payout_entries WHERE program_id = @p AND state = 'approved' " +
                    $"AND batch_number IS NULL ORDER BY beneficiary_id LIMIT @size{ForUpdateSkipLocked}) " +
                    "UPDATE payout_entries SET run_id = @r, batch_number = @n, lease_owner = @w, lease_until = @until " +
                    "WHERE program_id = @p AND beneficiary_id IN (SELECT beneficiary_id FROM picked) " +
                    "RETURNING program_id, beneficiary_id, amount, attempt",
                    ReadInstruction,
                    cancellationToken,
                    ("r", runId),
                    ("n", batchNumber),
                    ("w", workerId),
                    ("until", Ticks(leaseUntil)),
                    ("p", programId),
                    ("size", batchSize)).ConfigureAwait(false);
                return claimed.Count == 0 ? null : new PayoutBatch(runId, batchNumber, Sorted(claimed));
            },
            cancellationToken);

    private static PayoutInstruction ReadInstruction(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.IsDBNull(2) ? throw new LedgerStoreException("An approved entry has no amount.") : r.GetInt64(2),
        Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture));

    private static PayoutInstruction[] Sorted(List<PayoutInstruction> items)
    {
        // RETURNING gives no order guarantee; a re-offered batch must look the same as the first time (same file bytes).
        var array = items.ToArray();
        Array.Sort(array, static (a, b) => string.CompareOrdinal(a.BeneficiaryId, b.BeneficiaryId));
        return array;
    }

    /// <summary>
    /// Records a channel's results for a batch in one transaction: approved → issued or failed, with the audit trail.
    /// Only rows still approved in this run, batch and attempt change, so a result recorded twice (two workers after a
    /// lease ran out) changes nothing the second time.
    /// </summary>
    internal Task<(int Issued, int Failed)> RecordResultsAsync(
        PayoutBatch batch,
        IReadOnlyList<PayoutIssueResult> results,
        string channel,
        string actor,
        DateTimeOffset now,
        CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (connection, transaction) =>
            {
                var byKey = new Dictionary<string, PayoutIssueResult>(StringComparer.Ordinal);
                foreach (var result in results)
                {
                    byKey.TryAdd(result.IdempotencyKey, result);
                }

                int issued = 0, failed = 0;
                var update = Command(
                    connection,
                    transaction,
                    "UPDATE payout_entries SET state = @s, payout_channel = @c, reference = @ref, failure_reason = @reason, lease_owner = NULL, lease_until = NULL, " +
                    "version = version + 1, updated_at = @now WHERE program_id = @p AND beneficiary_id = @b AND state = 'approved' AND run_id = @r " +
                    "AND batch_number = @n AND attempt = @attempt",
                    ("s", null),
                    ("c", channel),
                    ("ref", null),
                    ("reason", null),
                    ("now", Ticks(now)),
                    ("p", null),
                    ("b", null),
                    ("r", batch.RunId),
                    ("n", batch.BatchNumber),
                    ("attempt", null));
                await using (update.ConfigureAwait(false))
                {
                    foreach (var item in batch.Items)
                    {
                        if (!byKey.TryGetValue(item.IdempotencyKey, out var result))
                        {
                            continue;
                        }

                        var to = result.Succeeded ? PayoutState.Issued : PayoutState.Failed;
                        update.Parameters["s"].Value = PayoutStates.ToStorage(to);
                        update.Parameters["ref"].Value = (object?)result.Reference ?? DBNull.Value;
                        update.Parameters["reason"].Value = (object?)result.FailureReason ?? DBNull.Value;
                        update.Parameters["p"].Value = item.ProgramId;
                        update.Parameters["b"].Value = item.BeneficiaryId;
                        update.Parameters["attempt"].Value = item.Attempt;
                        if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                        {
                            await AuditAsync(
                                connection,
                                transaction,
                                item.ProgramId,
                                item.BeneficiaryId,
                                PayoutState.Approved,
                                to,
                                actor,
                                now,
                                result.Succeeded
                                    ? string.Create(CultureInfo.InvariantCulture, $"run {batch.RunId} batch {batch.BatchNumber} via {channel}")
                                    : result.FailureReason,
                                item.IdempotencyKey,
                                cancellationToken).ConfigureAwait(false);
                            if (result.Succeeded)
                            {
                                issued++;
                            }
                            else
                            {
                                failed++;
                            }
                        }
                    }
                }

                return (issued, failed);
            },
            cancellationToken);

    /// <summary>Extends this worker's lease on a batch while the channel works; false when the lease was lost (another worker took the batch).</summary>
    internal Task<bool> RenewLeaseAsync(PayoutBatch batch, string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (connection, transaction) => await ExecuteAsync(
                connection,
                transaction,
                "UPDATE payout_entries SET lease_until = @until WHERE run_id = @r AND batch_number = @n AND state = 'approved' AND lease_owner = @w",
                cancellationToken,
                ("until", Ticks(leaseUntil)),
                ("r", batch.RunId),
                ("n", batch.BatchNumber),
                ("w", workerId)).ConfigureAwait(false) > 0,
            cancellationToken);

    /// <summary>Gives a batch's lease up at once (after a channel error) so that any worker may take it again.</summary>
    internal Task ReleaseBatchAsync(PayoutBatch batch, string workerId, CancellationToken cancellationToken) =>
        InTransactionAsync(
            (connection, transaction) => ExecuteAsync(
                connection,
                transaction,
                "UPDATE payout_entries SET lease_owner = NULL, lease_until = 0 WHERE run_id = @r AND batch_number = @n AND state = 'approved' AND lease_owner = @w",
                cancellationToken,
                ("r", batch.RunId),
                ("n", batch.BatchNumber),
                ("w", workerId)),
            cancellationToken);

    /// <summary>Marks the run complete when none of its entries wait; returns whether it is complete.</summary>
    internal Task<bool> TryCompleteRunAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (connection, transaction) =>
            {
                var waiting = Convert.ToInt64(
                    await ScalarAsync(
                        connection,
                        transaction,
                        "SELECT count(*) FROM payout_entries WHERE run_id = @r AND state = 'approved'",
                        cancellationToken,
                        ("r", runId)).ConfigureAwait(false),
                    CultureInfo.InvariantCulture);
                if (waiting > 0)
                {
                    return false;
                }

                await ExecuteAsync(
                    connection,
                    transaction,
                    "UPDATE payout_runs SET completed_at = @now WHERE run_id = @r AND completed_at IS NULL",
                    cancellationToken,
                    ("now", Ticks(now)),
                    ("r", runId)).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
}

/// <summary>A payout run as recorded in the ledger.</summary>
public sealed class PayoutRunInfo
{
    internal PayoutRunInfo(string runId, string programId, string channel, string createdBy, DateTimeOffset createdAt, DateTimeOffset? completedAt)
    {
        RunId = runId;
        ProgramId = programId;
        Channel = channel;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        CompletedAt = completedAt;
    }

    /// <summary>The run's id.</summary>
    public string RunId { get; }

    /// <summary>The program it pays.</summary>
    public string ProgramId { get; }

    /// <summary>The channel it pays through.</summary>
    public string Channel { get; }

    /// <summary>Who started it.</summary>
    public string CreatedBy { get; }

    /// <summary>When it was started.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When it finished; null while entries wait.</summary>
    public DateTimeOffset? CompletedAt { get; }

    /// <inheritdoc />
    public override string ToString() => $"PayoutRun({RunId}, {ProgramId}, {Channel})";
}
