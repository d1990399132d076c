namespace LineGov.Eligibility;

/// <summary>A claim recorded for a program and a beneficiary (a household, or a person for per-person programs).</summary>
public sealed class HouseholdClaim
{
    /// <summary>Creates a claim.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="beneficiaryId">The household id (世帯番号) for per-household programs, the resident id for per-person ones.</param>
    /// <param name="applicationId">The application that claimed first (the idempotency key).</param>
    /// <param name="channel">The channel it came through.</param>
    /// <param name="claimedAt">When it was recorded.</param>
    public HouseholdClaim(string programId, string beneficiaryId, string applicationId, ApplicationChannel channel, DateTimeOffset claimedAt)
        : this(programId, beneficiaryId, applicationId, channel, claimedAt, null)
    {
    }

    /// <summary>Creates a claim that remembers who applied.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="beneficiaryId">The household id (世帯番号) for per-household programs, the resident id for per-person ones.</param>
    /// <param name="applicationId">The application that claimed first (the idempotency key).</param>
    /// <param name="channel">The channel it came through.</param>
    /// <param name="claimedAt">When the application arrived (or, when unknown, when the claim was recorded).</param>
    /// <param name="applicantId">The applicant's resident id (宛名番号), so that a repeat of the application id by someone else is told apart; null when unknown.</param>
    public HouseholdClaim(string programId, string beneficiaryId, string applicationId, ApplicationChannel channel, DateTimeOffset claimedAt, string? applicantId)
    {
        ProgramId = programId;
        BeneficiaryId = beneficiaryId;
        ApplicationId = applicationId;
        Channel = channel;
        ClaimedAt = claimedAt;
        ApplicantId = applicantId;
    }

    /// <summary>The program.</summary>
    public string ProgramId { get; }

    /// <summary>The household id (世帯番号) for per-household programs, the resident id for per-person ones.</summary>
    public string BeneficiaryId { get; }

    /// <summary>The application that holds the claim.</summary>
    public string ApplicationId { get; }

    /// <summary>The channel it came through.</summary>
    public ApplicationChannel Channel { get; }

    /// <summary>When it was recorded: the application's arrival time when the book was given it (see <see cref="HouseholdClaimBook.TryClaimAsync(HouseholdClaim, CancellationToken)"/>).</summary>
    public DateTimeOffset ClaimedAt { get; }

    /// <summary>The applicant's resident id, when the book records it; null otherwise. Not shown by <see cref="ToString"/>.</summary>
    public string? ApplicantId { get; }

    /// <inheritdoc />
    public override string ToString() => $"HouseholdClaim({ProgramId}, via {Channel}, {ClaimedAt:O})";
}

/// <summary>The answer of <see cref="HouseholdClaimBook.TryClaimAsync(string, string, string, ApplicationChannel, CancellationToken)"/>.</summary>
public sealed class HouseholdClaimResult
{
    /// <summary>Creates a result.</summary>
    public HouseholdClaimResult(bool isFirstClaim, HouseholdClaim claim)
    {
        IsFirstClaim = isFirstClaim;
        Claim = claim ?? throw new ArgumentNullException(nameof(claim));
    }

    /// <summary>
    /// True when this application holds the claim: it was the first, or it is the same application asking again
    /// (idempotent). False: another application of the household claimed first — see <see cref="Claim"/>.
    /// </summary>
    public bool IsFirstClaim { get; }

    /// <summary>The claim that holds: this application's, or the earlier one (when and through which channel).</summary>
    public HouseholdClaim Claim { get; }
}

/// <summary>
/// One claim per (program, household), atomically: the second member of a household who applies — through any channel —
/// learns at once that the household already applied, when, and through which channel. Implementations must be safe under
/// concurrent calls from several threads (and, for durable ones, several processes). LineGov.Payouts provides the durable
/// implementation; <see cref="InMemoryHouseholdClaimBook"/> serves one process.
/// </summary>
public abstract class HouseholdClaimBook
{
    /// <summary>
    /// Claims (program, beneficiary) for an application, or returns the claim that already holds. The same application id
    /// asking again gets its own claim back with <see cref="HouseholdClaimResult.IsFirstClaim"/> true and changes nothing.
    /// </summary>
    public abstract ValueTask<HouseholdClaimResult> TryClaimAsync(
        string programId,
        string beneficiaryId,
        string applicationId,
        ApplicationChannel channel,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims (program, beneficiary) with a claim as the application would record it — its arrival time as
    /// <see cref="HouseholdClaim.ClaimedAt"/> and its applicant as <see cref="HouseholdClaim.ApplicantId"/> — or returns
    /// the claim that already holds. The default implementation calls
    /// <see cref="TryClaimAsync(string, string, string, ApplicationChannel, CancellationToken)"/>, which records neither
    /// (the book's clock dates the claim); books that can store them should override it.
    /// </summary>
    public virtual ValueTask<HouseholdClaimResult> TryClaimAsync(HouseholdClaim candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return TryClaimAsync(candidate.ProgramId, candidate.BeneficiaryId, candidate.ApplicationId, candidate.Channel, cancellationToken);
    }

    /// <summary>The claim that holds for (program, beneficiary), or null.</summary>
    public abstract ValueTask<HouseholdClaim?> FindAsync(string programId, string beneficiaryId, CancellationToken cancellationToken = default);
}
