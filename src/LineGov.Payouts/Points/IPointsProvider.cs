namespace LineGov.Payouts.Points;

/// <summary>
/// A regional e-money / points provider (地域ポイント・地域電子マネー): grants points to a resident's member account,
/// exactly once per idempotency key.
/// </summary>
/// <remarks>
/// <para>
/// Providers differ; <see cref="HttpPointsProvider"/> speaks the reference protocol documented there, and a vendor either
/// adapts its API to it or implements this interface. Whatever the wire, an implementation must keep one promise:
/// <see cref="GrantAsync"/> called again with a key it has already granted returns that first grant
/// (<see cref="PointsGrantResult.AlreadyGranted"/>) and grants nothing new, even when the first answer was lost.
/// </para>
/// <para><see cref="FakePointsProvider"/> is an in-process implementation for tests, samples and demos.</para>
/// </remarks>
public interface IPointsProvider
{
    /// <summary>Grants points, or returns the earlier grant made under the same idempotency key.</summary>
    /// <param name="grant">What to grant and the key that makes asking twice harmless.</param>
    /// <param name="cancellationToken">Cancels the wait; a grant the provider already applied stays applied.</param>
    /// <returns>The grant (new, or the earlier one with <see cref="PointsGrantResult.AlreadyGranted"/> set).</returns>
    /// <exception cref="PointsProviderException">
    /// The provider refused (<see cref="PointsProviderErrorKind.Rejected"/>, <see cref="PointsProviderErrorKind.Unauthorized"/>,
    /// <see cref="PointsProviderErrorKind.IdempotencyKeyReused"/>), could not be reached or kept failing
    /// (<see cref="PointsProviderErrorKind.Transient"/>: the outcome is unknown, ask again with the same key), or answered
    /// something unreadable (<see cref="PointsProviderErrorKind.Protocol"/>).
    /// </exception>
    Task<PointsGrantResult> GrantAsync(PointsGrant grant, CancellationToken cancellationToken = default);

    /// <summary>
    /// The grant made under <paramref name="idempotencyKey"/>, or <see langword="null"/> when the provider has none —
    /// how to find out, after an answer was lost, whether the grant happened.
    /// </summary>
    /// <param name="idempotencyKey">The key the grant was asked with.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="PointsProviderException">As for <see cref="GrantAsync"/>.</exception>
    Task<PointsGrantResult?> GetGrantAsync(string idempotencyKey, CancellationToken cancellationToken = default);
}
