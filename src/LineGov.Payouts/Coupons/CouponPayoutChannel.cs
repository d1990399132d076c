using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineGov.Payouts.Coupons;

/// <summary>
/// Hands each issued coupon's code to the resident (a LINE message with the QR image, a printed slip). Called by
/// <see cref="CouponPayoutChannel"/> for every coupon it issues.
/// </summary>
/// <remarks>
/// Delivery is <b>at-least-once</b>: when a payout run re-offers a batch (after a crash, or because a delivery failed),
/// the same coupon with the same code is delivered again. Make delivery idempotent by <see cref="Coupon.Id"/> (LINE's
/// retry key, for instance) or accept a repeated message; never issue anything from here.
/// </remarks>
public interface ICouponDelivery
{
    /// <summary>Delivers a coupon's code to its beneficiary. Throwing leaves the payout un-issued, to be offered again.</summary>
    ValueTask DeliverAsync(CouponIssueResult issued, CancellationToken cancellationToken = default);
}

/// <summary>
/// The payout channel "coupon": each payout becomes a digital coupon of the payout's amount, issued under the payout's
/// idempotency key, so a batch offered again after a crash returns the same coupons, never new ones.
/// </summary>
/// <remarks>
/// <para>
/// The ledger's reference for a payout is the coupon id, never the code. The code goes to the resident through the
/// optional <see cref="ICouponDelivery"/>, at least once. A payout whose delivery failed gets no result, so the run
/// offers it again and the same coupon is delivered again.
/// </para>
/// <para>Thread-safe: several runs may use one channel at once.</para>
/// </remarks>
public sealed partial class CouponPayoutChannel : IPayoutChannel
{
    private readonly CouponBook _book;
    private readonly ICouponDelivery? _delivery;
    private readonly ILogger _logger;

    /// <summary>Creates the channel.</summary>
    /// <param name="book">The coupon book that issues the coupons.</param>
    /// <param name="delivery">Sends each code to its resident; null when the host fetches codes some other way.</param>
    /// <param name="logger">Logs delivery failures (coupon id only; never the code or the beneficiary).</param>
    public CouponPayoutChannel(CouponBook book, ICouponDelivery? delivery = null, ILogger<CouponPayoutChannel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        _book = book;
        _delivery = delivery;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Name => "coupon";

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PayoutIssueResult>> IssueAsync(PayoutBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = new List<PayoutIssueResult>(batch.Items.Count);
        foreach (var item in batch.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CouponIssueResult issued;
            try
            {
                issued = await _book.IssueAsync(item.ProgramId, item.BeneficiaryId, item.Amount, item.IdempotencyKey, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (CouponIssueConflictException ex)
            {
                // The key is bound to a different coupon: a ledger bug, not something a retry fixes.
                results.Add(PayoutIssueResult.Failed(item.IdempotencyKey, ex.Message));
                continue;
            }

            if (issued.Coupon.State == CouponState.Voided)
            {
                results.Add(PayoutIssueResult.Failed(item.IdempotencyKey, $"Coupon {issued.Coupon.Id} for this payout was voided; re-issue the payout deliberately."));
                continue;
            }

            if (_delivery is not null && !await TryDeliverAsync(issued, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            results.Add(PayoutIssueResult.Issued(item.IdempotencyKey, issued.Coupon.Id));
        }

        return results;
    }

    private async ValueTask<bool> TryDeliverAsync(CouponIssueResult issued, CancellationToken cancellationToken)
    {
        try
        {
            await _delivery!.DeliverAsync(issued, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No result for this payout: the run offers it again and the same coupon is delivered again.
            Log.DeliveryFailed(_logger, issued.Coupon.Id, ex.GetType().Name);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Delivery of coupon {CouponId} failed ({ExceptionType}); the payout will be offered again.")]
        public static partial void DeliveryFailed(ILogger logger, string couponId, string exceptionType);
    }
}
