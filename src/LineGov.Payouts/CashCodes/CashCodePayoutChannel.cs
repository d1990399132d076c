using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineGov.Payouts.CashCodes;

/// <summary>
/// Hands each issued cash code to the resident (a LINE message, an SMS, a letter). Delivery is <b>at-least-once</b>:
/// a re-offered batch delivers the same code again, so make it idempotent by <see cref="CashVoucher.Id"/> or accept a
/// repeated message.
/// </summary>
public interface ICashCodeDelivery
{
    /// <summary>Delivers a code to its beneficiary. Throwing leaves the payout un-issued, to be offered again.</summary>
    ValueTask DeliverAsync(CashCodeIssueResult issued, CancellationToken cancellationToken = default);
}

/// <summary>
/// The payout channel "cash-code": each payout becomes an ATM / cash-receipt code for the payout's amount, issued under
/// the payout's idempotency key, so a batch offered again after a crash returns the same codes, never new ones. The
/// ledger's reference is the voucher id, never the code.
/// </summary>
/// <remarks>
/// A payout whose delivery failed gets no result, so the run offers it again (same voucher, same code, delivered
/// again); an exception from the issuer fails the whole batch, which is offered again as well. A voided voucher is
/// reported as failed: re-issue the payout deliberately (a new attempt, hence a new key and a new code).
/// </remarks>
public sealed partial class CashCodePayoutChannel : IPayoutChannel
{
    private readonly ICashCodeIssuer _issuer;
    private readonly ICashCodeDelivery? _delivery;
    private readonly ILogger _logger;

    /// <summary>Creates the channel.</summary>
    /// <param name="issuer">Issues the codes.</param>
    /// <param name="delivery">Sends each code to its resident; null when the host hands codes over some other way.</param>
    /// <param name="logger">Logs delivery failures (voucher id only).</param>
    public CashCodePayoutChannel(ICashCodeIssuer issuer, ICashCodeDelivery? delivery = null, ILogger<CashCodePayoutChannel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        _issuer = issuer;
        _delivery = delivery;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Name => "cash-code";

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PayoutIssueResult>> IssueAsync(PayoutBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = new List<PayoutIssueResult>(batch.Items.Count);
        foreach (var item in batch.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CashCodeIssueResult issued;
            try
            {
                issued = await _issuer.IssueAsync(item.ProgramId, item.BeneficiaryId, item.Amount, item.IdempotencyKey, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // The issue key already names a voucher for another program, beneficiary or amount: this payout only
                // fails (deliberate re-issue gives a new key); the rest of the batch goes on.
                results.Add(PayoutIssueResult.Failed(item.IdempotencyKey, "A cash voucher with this payout's key exists for different details; re-issue the payout deliberately."));
                continue;
            }

            if (issued.Voucher.State == CashCodeState.Voided)
            {
                results.Add(PayoutIssueResult.Failed(item.IdempotencyKey, $"Cash voucher {issued.Voucher.Id} for this payout was voided; re-issue the payout deliberately."));
                continue;
            }

            if (_delivery is not null)
            {
                try
                {
                    await _delivery.DeliverAsync(issued, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // No result: the run offers this payout again and the same code is delivered again.
                    Log.DeliveryFailed(_logger, issued.Voucher.Id, ex.GetType().Name);
                    continue;
                }
            }

            results.Add(PayoutIssueResult.Issued(item.IdempotencyKey, issued.Voucher.Id));
        }

        return results;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Delivery of cash voucher {VoucherId} failed ({ExceptionType}); the payout will be offered again.")]
        public static partial void DeliveryFailed(ILogger logger, string voucherId, string exceptionType);
    }
}
