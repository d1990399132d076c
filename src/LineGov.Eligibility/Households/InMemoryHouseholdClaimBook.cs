using System.Collections.Concurrent;

namespace LineGov.Eligibility;

/// <summary>A <see cref="HouseholdClaimBook"/> in memory: atomic within one process, forgotten on restart.</summary>
public sealed class InMemoryHouseholdClaimBook : HouseholdClaimBook
{
    private readonly ConcurrentDictionary<(string Program, string Beneficiary), HouseholdClaim> _claims = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an empty book.</summary>
    /// <param name="timeProvider">The clock of <see cref="HouseholdClaim.ClaimedAt"/>. Default: the system clock.</param>
    public InMemoryHouseholdClaimBook(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>The number of claims held.</summary>
    public int Count => _claims.Count;

    /// <summary>A snapshot of the claims held, in no particular order.</summary>
    public IReadOnlyList<HouseholdClaim> Claims => [.. _claims.Values];

    /// <inheritdoc />
    public override ValueTask<HouseholdClaimResult> TryClaimAsync(
        string programId,
        string beneficiaryId,
        string applicationId,
        ApplicationChannel channel,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(programId);
        ArgumentException.ThrowIfNullOrEmpty(beneficiaryId);
        ArgumentException.ThrowIfNullOrEmpty(applicationId);
        cancellationToken.ThrowIfCancellationRequested();
        // GetOrAdd with a value (not a factory) is one atomic step: of any number of concurrent callers exactly one
        // candidate is stored, and every caller is handed the stored one.
        var candidate = new HouseholdClaim(programId, beneficiaryId, applicationId, channel, _timeProvider.GetUtcNow());
        var held = _claims.GetOrAdd((programId, beneficiaryId), candidate);
        return ValueTask.FromResult(new HouseholdClaimResult(ReferenceEquals(held, candidate) || held.ApplicationId == applicationId, held));
    }

    /// <inheritdoc />
    public override ValueTask<HouseholdClaim?> FindAsync(string programId, string beneficiaryId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_claims.GetValueOrDefault((programId, beneficiaryId)));
    }
}
