namespace LineGov.Payouts.Points;

/// <summary>A grant the provider made: its transaction id, to whom, how much, when.</summary>
public sealed class PointsGrantResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="transactionId">The provider's transaction id (取引番号).</param>
    /// <param name="memberId">The member account the points went to.</param>
    /// <param name="points">How many points.</param>
    /// <param name="grantedAt">When the provider made the grant (the first time, for a repeated key).</param>
    /// <param name="alreadyGranted">Whether this call found an earlier grant under the same key instead of granting.</param>
    public PointsGrantResult(string transactionId, string memberId, long points, DateTimeOffset grantedAt, bool alreadyGranted)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        TransactionId = transactionId;
        MemberId = memberId;
        Points = points;
        GrantedAt = grantedAt;
        AlreadyGranted = alreadyGranted;
    }

    /// <summary>The provider's transaction id (取引番号), the reference to quote to the provider.</summary>
    public string TransactionId { get; }

    /// <summary>The member account the points went to (personal data).</summary>
    public string MemberId { get; }

    /// <summary>How many points.</summary>
    public long Points { get; }

    /// <summary>When the provider made the grant; for a repeated key, when it made the first one.</summary>
    public DateTimeOffset GrantedAt { get; }

    /// <summary>
    /// True when this call granted nothing new because the key had been granted before (a retry after a lost answer, a
    /// re-offered batch after a crash); false when this call made the grant.
    /// </summary>
    public bool AlreadyGranted { get; }

    /// <inheritdoc />
    /// <remarks>Leaves out the member id: it is personal data.</remarks>
    public override string ToString() =>
        $"PointsGrantResult({TransactionId}, {Points} points{(AlreadyGranted ? ", already granted" : string.Empty)})";
}
