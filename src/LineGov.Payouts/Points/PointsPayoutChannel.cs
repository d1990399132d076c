using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace LineGov.Payouts.Points;

/// <summary>Finds the points member account (会員番号) a payout goes to.</summary>
public interface IPointsMemberResolver
{
    /// <summary>The member id for <paramref name="instruction"/>, or <see langword="null"/> when the beneficiary has no points account.</summary>
    /// <param name="instruction">The payout.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    ValueTask<string?> ResolveMemberIdAsync(PayoutInstruction instruction, CancellationToken cancellationToken = default);
}

/// <summary>Ready-made <see cref="IPointsMemberResolver"/>s.</summary>
public static class PointsMemberResolvers
{
    /// <summary>The beneficiary id is the member id (a provider keyed by 世帯番号 or resident id): the default.</summary>
    public static IPointsMemberResolver BeneficiaryId { get; } = new Delegating((i, _) => ValueTask.FromResult<string?>(i.BeneficiaryId));

    /// <summary>A resolver from a function (a dictionary lookup, a column of the application).</summary>
    public static IPointsMemberResolver From(Func<PayoutInstruction, string?> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        return new Delegating((i, _) => ValueTask.FromResult(resolve(i)));
    }

    /// <summary>A resolver from an asynchronous function (a database or registry lookup).</summary>
    public static IPointsMemberResolver From(Func<PayoutInstruction, CancellationToken, ValueTask<string?>> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        return new Delegating(resolve);
    }

    private sealed class Delegating(Func<PayoutInstruction, CancellationToken, ValueTask<string?>> resolve) : IPointsMemberResolver
    {
        public ValueTask<string?> ResolveMemberIdAsync(PayoutInstruction instruction, CancellationToken cancellationToken = default) =>
            resolve(instruction, cancellationToken);
    }
}

/// <summary>How <see cref="PointsPayoutChannel"/> issues a batch.</summary>
public sealed class PointsPayoutChannelOptions
{
    /// <summary>Grants in flight at once within a batch. Default: 4.</summary>
    public int MaxParallelism { get; set; } = 4;

    /// <summary>Finds each payout's member id; <see langword="null"/> (the default) uses the beneficiary id.</summary>
    public IPointsMemberResolver? MemberResolver { get; set; }

    /// <summary>The grant's description (shown to residents by some providers); <see langword="null"/> (the default) uses the program id.</summary>
    public Func<PayoutInstruction, string?>? Describe { get; set; }
}

/// <summary>
/// The "points" payout channel: each payout becomes a grant of <see cref="PayoutInstruction.Amount"/> points (one point
/// per yen) to the beneficiary's member account, under the payout's <see cref="PayoutInstruction.IdempotencyKey"/> — so a
/// batch offered again after a crash, or a grant retried after a lost answer, never grants twice.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Granted (new or earlier under the same key) → <see cref="PayoutIssueResult.Issued"/> with the provider's
/// transaction id as the reference.</item>
/// <item>No member account (the resolver answered null) → <see cref="PayoutIssueResult.Failed"/> "no points account".</item>
/// <item>Rejected by the provider (unknown member, account closed, limit exceeded) → Failed with the provider's error code.</item>
/// <item>Anything else — transient trouble after the provider's retries, a refused API key, a key reused for a different
/// grant, a protocol error — throws once the grants in flight have finished: the run offers the batch again, and the
/// grants that did go through come back as "already granted".</item>
/// </list>
/// </remarks>
public sealed class PointsPayoutChannel : IPayoutChannel
{
    /// <summary>The channel's name in the ledger.</summary>
    public const string ChannelName = "points";

    private readonly IPointsProvider _provider;
    private readonly int _parallelism;
    private readonly IPointsMemberResolver _resolver;
    private readonly Func<PayoutInstruction, string?> _describe;

    /// <summary>Creates the channel.</summary>
    /// <param name="provider">The points provider.</param>
    /// <param name="options">Parallelism, member resolution, descriptions; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="PointsPayoutChannelOptions.MaxParallelism"/> is not 1-256.</exception>
    public PointsPayoutChannel(IPointsProvider provider, PointsPayoutChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        options ??= new PointsPayoutChannelOptions();
        if (options.MaxParallelism is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxParallelism must be 1-256.");
        }

        _provider = provider;
        _parallelism = options.MaxParallelism;
        _resolver = options.MemberResolver ?? PointsMemberResolvers.BeneficiaryId;
        _describe = options.Describe ?? (static i => i.ProgramId);
    }

    /// <inheritdoc />
    public string Name => ChannelName;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PayoutIssueResult>> IssueAsync(PayoutBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var items = batch.Items;
        var results = new PayoutIssueResult?[items.Count];
        var fatal = new ConcurrentQueue<ExceptionDispatchInfo>();

        // Each payout on its own: a transient or unexpected error leaves that payout without a result (the run offers it
        // again with the same key) while the others are recorded. Only a refused API key — nothing can succeed —
        // stops the batch. Failures are collected rather than thrown from the loop body: Parallel.ForEachAsync would
        // cancel the grants in flight, leaving their outcome unknown for no gain.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                if (!fatal.IsEmpty)
                {
                    return;
                }

                try
                {
                    results[index] = await IssueOneAsync(items[index], token).ConfigureAwait(false);
                }
                catch (PointsProviderException e) when (e.Kind == PointsProviderErrorKind.Unauthorized)
                {
                    fatal.Enqueue(ExceptionDispatchInfo.Capture(e));
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // No result for this payout: offered again. If every payout of the batch fails the same way, the
                    // run's offer limit stops the run with the batch intact.
                }
            }).ConfigureAwait(false);

        if (fatal.TryDequeue(out var first))
        {
            first.Throw();
        }

        if (results.All(r => r is null) && items.Count > 0)
        {
            // Nothing known about any payout: let the run see the failure (and back off) rather than an empty answer.
            throw new PointsProviderException(PointsProviderErrorKind.Transient, "No payout of the batch could be granted now; the batch will be offered again with the same keys.", null, null);
        }

        return [.. results.OfType<PayoutIssueResult>()];
    }

    /// <summary>
    /// Before a payout is recorded as failed, asks whether an earlier offer already granted it (a lost answer, then a
    /// changed member id or a rejection on the retry): a granted payout must never be recorded Failed.
    /// </summary>
    private async Task<PayoutIssueResult> FailUnlessGrantedAsync(PayoutInstruction instruction, string reason, CancellationToken cancellationToken)
    {
        var earlier = await _provider.GetGrantAsync(instruction.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return earlier is null
            ? PayoutIssueResult.Failed(instruction.IdempotencyKey, reason)
            : PayoutIssueResult.Issued(instruction.IdempotencyKey, earlier.TransactionId);
    }

    private async Task<PayoutIssueResult> IssueOneAsync(PayoutInstruction instruction, CancellationToken cancellationToken)
    {
        var memberId = await _resolver.ResolveMemberIdAsync(instruction, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(memberId))
        {
            return await FailUnlessGrantedAsync(instruction, "no points account", cancellationToken).ConfigureAwait(false);
        }

        var description = _describe(instruction);
        if (description is { Length: > PointsGrant.MaxDescriptionLength })
        {
            description = description[..PointsGrant.MaxDescriptionLength];
        }

        try
        {
            var result = await _provider.GrantAsync(new PointsGrant(memberId, instruction.Amount, instruction.IdempotencyKey, description), cancellationToken)
                .ConfigureAwait(false);
            return PayoutIssueResult.Issued(instruction.IdempotencyKey, result.TransactionId);
        }
        catch (PointsProviderException e) when (e.Kind is PointsProviderErrorKind.Rejected or PointsProviderErrorKind.IdempotencyKeyReused)
        {
            var why = e.ErrorCode ?? (e.StatusCode is { } status ? "HTTP " + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : "refused");
            return await FailUnlessGrantedAsync(instruction, "rejected by the points provider: " + why, cancellationToken).ConfigureAwait(false);
        }
    }
}
