namespace LineGov.Payouts.Points;

/// <summary>A request to grant points to one member account (ポイント付与).</summary>
public sealed class PointsGrant
{
    /// <summary>The longest idempotency key accepted (the reference protocol's limit).</summary>
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>The longest description accepted.</summary>
    public const int MaxDescriptionLength = 200;

    /// <summary>Creates a grant.</summary>
    /// <param name="memberId">The resident's member or account number at the provider (会員番号).</param>
    /// <param name="points">How many points, positive (one point per yen in most municipal programs).</param>
    /// <param name="idempotencyKey">
    /// The key the provider deduplicates by: the same for every retry of this grant, also across crashes and processes
    /// (a payout's <see cref="PayoutInstruction.IdempotencyKey"/>). Printable ASCII, 1-255 characters.
    /// </param>
    /// <param name="description">What the grant is for, shown to the resident by some providers (the program's name); optional.</param>
    /// <exception cref="ArgumentException">An empty member id or key, a key that is not printable ASCII or too long, a description too long.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is zero or negative.</exception>
    public PointsGrant(string memberId, long points, string idempotencyKey, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        if (idempotencyKey.Length > MaxIdempotencyKeyLength || !IsHeaderSafe(idempotencyKey))
        {
            // The key travels in an HTTP header: printable ASCII only. The value itself stays out of the message.
            throw new ArgumentException($"The idempotency key must be 1-{MaxIdempotencyKeyLength} printable ASCII characters.", nameof(idempotencyKey));
        }

        if (description is { Length: > MaxDescriptionLength })
        {
            throw new ArgumentException($"The description must be at most {MaxDescriptionLength} characters.", nameof(description));
        }

        MemberId = memberId;
        Points = points;
        IdempotencyKey = idempotencyKey;
        Description = description;
    }

    /// <summary>The resident's member or account number at the provider (personal data).</summary>
    public string MemberId { get; }

    /// <summary>How many points.</summary>
    public long Points { get; }

    /// <summary>The key the provider deduplicates by.</summary>
    public string IdempotencyKey { get; }

    /// <summary>What the grant is for; <see langword="null"/> when not given.</summary>
    public string? Description { get; }

    /// <inheritdoc />
    /// <remarks>Points only: member ids are personal data and payout keys contain beneficiary ids.</remarks>
    public override string ToString() => $"PointsGrant({Points} points)";

    internal static bool IsHeaderSafe(string value)
    {
        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
