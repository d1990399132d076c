namespace LineGov.Payouts.Points;

/// <summary>How a <see cref="FakePointsProvider"/> behaves: which members exist, limits, and injected faults.</summary>
public sealed class FakePointsProviderOptions
{
    /// <summary>The member ids that exist; <see langword="null"/> (the default) accepts any member.</summary>
    public ICollection<string>? Members { get; set; }

    /// <summary>Member ids whose accounts are closed: grants to them are rejected with <see cref="PointsErrorCodes.AccountClosed"/>.</summary>
    public ICollection<string> ClosedMembers { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The most points one member may receive in total; <see langword="null"/> (the default) for no limit.</summary>
    public long? PointsLimitPerMember { get; set; }

    /// <summary>
    /// The share of calls (0-1) that fail with a <see cref="PointsProviderErrorKind.Transient"/> error <em>before</em>
    /// anything is granted. Default: 0.
    /// </summary>
    public double TransientFailureRate { get; set; }

    /// <summary>
    /// The share of calls (0-1) whose grant is applied and whose answer is then "lost": the call throws a
    /// <see cref="PointsProviderErrorKind.Transient"/> error although the points were granted. A retry with the same key
    /// returns the grant. Default: 0.
    /// </summary>
    public double LostAnswerRate { get; set; }

    /// <summary>The seed of the fault draws, so a run repeats; <see langword="null"/> for a random one.</summary>
    public int? Seed { get; set; }

    internal void Validate()
    {
        if (TransientFailureRate is < 0 or > 1 || double.IsNaN(TransientFailureRate) ||
            LostAnswerRate is < 0 or > 1 || double.IsNaN(LostAnswerRate) || TransientFailureRate + LostAnswerRate > 1)
        {
            throw new ArgumentException("TransientFailureRate and LostAnswerRate must be between 0 and 1, and together at most 1.");
        }

        if (PointsLimitPerMember is <= 0)
        {
            throw new ArgumentException("PointsLimitPerMember must be positive when set.");
        }
    }
}

/// <summary>A grant a <see cref="FakePointsProvider"/> made, as recorded for assertions.</summary>
public sealed class FakePointsGrantRecord
{
    internal FakePointsGrantRecord(PointsGrant grant, string transactionId, DateTimeOffset grantedAt)
    {
        IdempotencyKey = grant.IdempotencyKey;
        MemberId = grant.MemberId;
        Points = grant.Points;
        Description = grant.Description;
        TransactionId = transactionId;
        GrantedAt = grantedAt;
    }

    /// <summary>The key it was granted under.</summary>
    public string IdempotencyKey { get; }

    /// <summary>The member account.</summary>
    public string MemberId { get; }

    /// <summary>The points.</summary>
    public long Points { get; }

    /// <summary>The description, if any.</summary>
    public string? Description { get; }

    /// <summary>The transaction id the fake assigned.</summary>
    public string TransactionId { get; }

    /// <summary>When it was granted.</summary>
    public DateTimeOffset GrantedAt { get; }

    internal bool SameRequest(PointsGrant grant) =>
        MemberId == grant.MemberId && Points == grant.Points && Description == grant.Description;

    internal PointsGrantResult ToResult(bool alreadyGranted) => new(TransactionId, MemberId, Points, GrantedAt, alreadyGranted);

    /// <inheritdoc />
    /// <remarks>Leaves out the member id and the key: personal data.</remarks>
    public override string ToString() => $"FakePointsGrantRecord({TransactionId}, {Points} points)";
}
