using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineGov.Payouts;

/// <summary>
/// Pays a program's approved entries through one channel, in batches, exactly once: each batch is claimed in the
/// ledger (with a lease), handed to the channel, and its results recorded in one transaction. A run killed at any
/// point is resumed by running it again with the same run id: an unfinished batch is offered again with the same
/// items and idempotency keys, so the channel recognises what it already did. Several workers (processes) may run the
/// same run id at once on PostgreSQL; they take different batches.
/// </summary>
public sealed partial class PayoutRunner
{
    private readonly PayoutLedger _ledger;
    private readonly IPayoutChannel _channel;
    private readonly PayoutRunOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a runner.</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="channel">The channel to pay through.</param>
    /// <param name="options">Batch size, worker id, lease; defaults when null.</param>
    /// <param name="logger">Logs batches and channel errors (never beneficiary ids or amounts per person).</param>
    public PayoutRunner(PayoutLedger ledger, IPayoutChannel channel, PayoutRunOptions? options = null, ILogger<PayoutRunner>? logger = null)
    {
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _channel = channel ?? throw new ArgumentNullException(nameof(channel));
        _options = options ?? new PayoutRunOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Runs (or resumes) <paramref name="runId"/> for <paramref name="programId"/> until no approved entry is left or the
    /// token is cancelled. Cancelling stops after the batch in hand is recorded or released; running again resumes.
    /// </summary>
    /// <exception cref="PayoutRunException">The run id belongs to another program or channel, or a batch kept failing.</exception>
    public async Task<PayoutRunSummary> RunAsync(
        string runId,
        string programId,
        IProgress<PayoutRunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(programId);
        var store = _ledger.Store;
        var clock = _ledger.TimeProvider;
        var workerId = _options.WorkerId ?? DefaultWorkerId();
        var actor = _options.Actor ?? "payout-run:" + workerId;
        await store.StartRunAsync(runId, programId, _channel.Name, actor, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);

        int batches = 0, issued = 0, failed = 0;
        var offers = new Dictionary<long, int>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var batch = await store.ClaimBatchAsync(runId, programId, workerId, _options.BatchSize, now, now + _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (batch is null)
            {
                break;
            }

            var offered = offers[batch.BatchNumber] = offers.GetValueOrDefault(batch.BatchNumber) + 1;
            if (offered > _options.MaxAttemptsPerBatch)
            {
                await store.ReleaseBatchAsync(batch, workerId, CancellationToken.None).ConfigureAwait(false);
                throw new PayoutRunException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Batch {batch.BatchNumber} of run '{runId}' was offered {_options.MaxAttemptsPerBatch} times without a result for every payout; the run stops. Running it again resumes."));
            }

            IReadOnlyList<PayoutIssueResult> results;
            using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewing = RenewWhileIssuingAsync(store, batch, workerId, clock, renewal.Token);
            try
            {
                results = await _channel.IssueAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The channel does not know what it did: give the batch back and offer it again (same keys) after a pause.
                LogChannelError(_logger, exception, batch.BatchNumber, runId, offered);
                await store.ReleaseBatchAsync(batch, workerId, CancellationToken.None).ConfigureAwait(false);
                if (offered >= _options.MaxAttemptsPerBatch)
                {
                    throw new PayoutRunException(
                        string.Create(CultureInfo.InvariantCulture, $"The channel '{_channel.Name}' failed {offered} times on batch {batch.BatchNumber} of run '{runId}'; the run stops. Running it again resumes."),
                        exception);
                }

                await Task.Delay(_options.RetryDelay * offered, clock, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException)
            {
                await store.ReleaseBatchAsync(batch, workerId, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            finally
            {
                await renewal.CancelAsync().ConfigureAwait(false);
                await renewing.ConfigureAwait(false);
            }

            // Recorded even if cancellation was requested meanwhile: the channel acted, the ledger must know.
            var (batchIssued, batchFailed) = await store.RecordResultsAsync(batch, results, _channel.Name, actor, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            batches++;
            issued += batchIssued;
            failed += batchFailed;
            LogBatch(_logger, batch.BatchNumber, runId, batchIssued, batchFailed);
            progress?.Report(new PayoutRunProgress(runId, batch.BatchNumber, batchIssued, batchFailed, issued, failed));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var complete = await store.TryCompleteRunAsync(runId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new PayoutRunSummary(runId, batches, issued, failed, complete);
    }

    /// <summary>
    /// Keeps the batch's lease alive while a slow channel works (every third of the lease), so that no other worker takes
    /// it meanwhile. Leases compare the workers' clocks: keep them synchronized (NTP); the lease is minutes long.
    /// </summary>
    private async Task RenewWhileIssuingAsync(LedgerStore store, PayoutBatch batch, string workerId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var every = _options.LeaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, cancellationToken).ConfigureAwait(false);
                if (!await store.RenewLeaseAsync(batch, workerId, clock.GetUtcNow() + _options.LeaseDuration, cancellationToken).ConfigureAwait(false))
                {
                    LogLeaseLost(_logger, batch.BatchNumber, batch.RunId);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The channel finished (or the run was cancelled): nothing more to renew.
        }
        catch (LedgerStoreException exception)
        {
            // A failed renewal is not fatal: the lease still runs for the rest of its time.
            LogRenewalFailed(_logger, exception, batch.BatchNumber, batch.RunId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on batch {BatchNumber} of run {RunId} was lost to another worker while the channel worked; its results are recorded only if the entries are still approved")]
    private static partial void LogLeaseLost(ILogger logger, long batchNumber, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease on batch {BatchNumber} of run {RunId} failed")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, long batchNumber, string runId);

    private static string DefaultWorkerId() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payout channel failed on batch {BatchNumber} of run {RunId} (offer {Offer}); the batch will be offered again")]
    private static partial void LogChannelError(ILogger logger, Exception exception, long batchNumber, string runId, int offer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout batch {BatchNumber} of run {RunId}: {Issued} issued, {Failed} failed")]
    private static partial void LogBatch(ILogger logger, long batchNumber, string runId, int issued, int failed);
}

/// <summary>Settings of a <see cref="PayoutRunner"/>.</summary>
public sealed class PayoutRunOptions
{
    /// <summary>Payouts per batch (and, for the Zengin channel, per file). Default 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// This worker's id. A worker resuming with the same id takes its unfinished batch back at once; another worker
    /// waits for the lease to run out. Default: machine name and process id (so a restarted process waits for the
    /// lease); set a stable id per worker to resume at once after a crash.
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>How long a claimed batch belongs to this worker before another may take it. Default 5 minutes; longer than a channel call.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times a batch is offered to the channel in one run before the run stops. Default 5.</summary>
    public int MaxAttemptsPerBatch { get; set; } = 5;

    /// <summary>The pause after a channel error, multiplied by the offer number. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The actor recorded in the audit trail. Default "payout-run:{worker id}".</summary>
    public string? Actor { get; set; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 100_000, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LeaseDuration, TimeSpan.Zero, nameof(LeaseDuration));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxAttemptsPerBatch, nameof(MaxAttemptsPerBatch));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
    }
}

/// <summary>Progress of a payout run after each batch.</summary>
public sealed class PayoutRunProgress
{
    internal PayoutRunProgress(string runId, long batchNumber, int batchIssued, int batchFailed, int totalIssued, int totalFailed)
    {
        RunId = runId;
        BatchNumber = batchNumber;
        BatchIssued = batchIssued;
        BatchFailed = batchFailed;
        TotalIssued = totalIssued;
        TotalFailed = totalFailed;
    }

    /// <summary>The run.</summary>
    public string RunId { get; }

    /// <summary>The batch just recorded.</summary>
    public long BatchNumber { get; }

    /// <summary>Payouts issued in that batch.</summary>
    public int BatchIssued { get; }

    /// <summary>Payouts the channel refused in that batch.</summary>
    public int BatchFailed { get; }

    /// <summary>Issued so far by this call.</summary>
    public int TotalIssued { get; }

    /// <summary>Failed so far by this call.</summary>
    public int TotalFailed { get; }

    /// <inheritdoc />
    public override string ToString() => $"{RunId} #{BatchNumber}: {TotalIssued} issued, {TotalFailed} failed";
}

/// <summary>What one call of <see cref="PayoutRunner.RunAsync"/> did.</summary>
public sealed class PayoutRunSummary
{
    internal PayoutRunSummary(string runId, int batches, int issued, int failed, bool isComplete)
    {
        RunId = runId;
        Batches = batches;
        Issued = issued;
        Failed = failed;
        IsComplete = isComplete;
    }

    /// <summary>The run.</summary>
    public string RunId { get; }

    /// <summary>Batches recorded by this call.</summary>
    public int Batches { get; }

    /// <summary>Payouts issued by this call.</summary>
    public int Issued { get; }

    /// <summary>Payouts the channel refused in this call.</summary>
    public int Failed { get; }

    /// <summary>True when none of the run's payouts wait any more (other workers may have issued some).</summary>
    public bool IsComplete { get; }

    /// <inheritdoc />
    public override string ToString() => $"{RunId}: {Batches} batches, {Issued} issued, {Failed} failed{(IsComplete ? ", complete" : string.Empty)}";
}
