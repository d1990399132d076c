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
        return Claim(new HouseholdClaim(programId, beneficiaryId, applicationId, channel, _timeProvider.GetUtcNow()), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Keeps the candidate's <see cref="HouseholdClaim.ClaimedAt"/> (the application's arrival) and applicant.</remarks>
    public override ValueTask<HouseholdClaimResult> TryClaimAsync(HouseholdClaim candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentException.ThrowIfNullOrEmpty(candidate.ProgramId, nameof(candidate));
        ArgumentException.ThrowIfNullOrEmpty(candidate.BeneficiaryId, nameof(candidate));
        ArgumentException.ThrowIfNullOrEmpty(candidate.ApplicationId, nameof(candidate));
        return Claim(candidate, cancellationToken);
    }

    private ValueTask<HouseholdClaimResult> Claim(HouseholdClaim candidate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // GetOrAdd with a value (not a factory) is one atomic step: of any number of concurrent callers exactly one
        // candidate is stored, and every caller is handed the stored one.
        var held = _claims.GetOrAdd((candidate.ProgramId, candidate.BeneficiaryId), candidate);
        return ValueTask.FromResult(new HouseholdClaimResult(ReferenceEquals(held, candidate) || held.ApplicationId == candidate.ApplicationId, held));
    }

    /// <inheritdoc />
    public override ValueTask<HouseholdClaim?> FindAsync(string programId, string beneficiaryId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_claims.GetValueOrDefault((programId, beneficiaryId)));
    }
}
