using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>What the resident is told when an application arrives.</summary>
public enum ApplicationStatus
{
    /// <summary>受付: eligible, and this application holds the claim of the household (or person, or key).</summary>
    Received = 1,

    /// <summary>申請済み: another application of the household (or the person, or the key) holds the claim.</summary>
    AlreadyApplied = 2,

    /// <summary>対象外.</summary>
    Ineligible = 3,

    /// <summary>要確認: staff decide; the resident is told they will be contacted.</summary>
    NeedsReview = 4,
}

/// <summary>The answer to one application: received, already applied (when, through which channel), ineligible or needs review.</summary>
public sealed class ApplicationResult
{
    internal ApplicationResult(string applicationId, ApplicationStatus status, EligibilityDecision decision, HouseholdClaim? claim, IReadOnlyList<EligibilityReason> reasons, string residentMessage)
    {
        ApplicationId = applicationId;
        Status = status;
        Decision = decision;
        Claim = claim;
        Reasons = reasons;
        ResidentMessage = residentMessage;
    }

    /// <summary>The application.</summary>
    public string ApplicationId { get; }

    /// <summary>What the resident is told.</summary>
    public ApplicationStatus Status { get; }

    /// <summary>The eligibility decision the answer rests on.</summary>
    public EligibilityDecision Decision { get; }

    /// <summary>
    /// The claim that holds for the beneficiary: this application's when <see cref="ApplicationStatus.Received"/>, the
    /// earlier one when <see cref="ApplicationStatus.AlreadyApplied"/>; null otherwise.
    /// </summary>
    public HouseholdClaim? Claim { get; }

    /// <summary>The decision's reasons, plus <c>HouseholdAlreadyApplied</c> / <c>AlreadyApplied</c> / <c>KeyAlreadyUsed</c> when another application holds the claim.</summary>
    public IReadOnlyList<EligibilityReason> Reasons { get; }

    /// <summary>The Japanese sentence for the resident.</summary>
    public string ResidentMessage { get; }

    /// <summary>The amount to be paid, when received.</summary>
    public long? Amount => Status == ApplicationStatus.Received ? Decision.Amount : null;

    /// <summary>Shows the status and the reason codes only.</summary>
    public override string ToString() =>
        $"ApplicationResult({ApplicationId}, {Status}{(Reasons.Count == 0 ? string.Empty : ": " + string.Join(", ", Reasons.Select(r => r.Code)))})";
}

/// <summary>
/// Takes an application: evaluates it (<see cref="EligibilityEvaluator"/>), then claims the household (or person, or key)
/// in the <see cref="HouseholdClaimBook"/> — atomically, so that of two members applying at the same instant through LINE
/// and the counter exactly one is received and the other is told at once that the household already applied, when and
/// through which channel. Asking again with the same application id is answered the same (idempotent) — when it is the
/// same applicant: the same id under another applicant needs review (<c>DuplicateApplicationId</c>), provided the claim
/// book records applicants (<see cref="HouseholdClaimBook.TryClaimAsync(HouseholdClaim, CancellationToken)"/>). The claim
/// is dated by the application's arrival time, so "already applied on …" names the day the first application arrived.
/// </summary>
/// <example>
/// <code>
/// var result = await EligibilityApplications.ApplyAsync(program, identity, ApplicationChannel.Line, "A-0001", register, claimBook);
/// // result.Status: Received / AlreadyApplied / Ineligible / NeedsReview; result.ResidentMessage for the resident.
/// </code>
/// </example>
public static class EligibilityApplications
{
    /// <summary>Takes an application by a verified identity, arrived now.</summary>
    public static ValueTask<ApplicationResult> ApplyAsync(
        BenefitProgram program,
        JpkiFourFacts identity,
        ApplicationChannel channel,
        string applicationId,
        ResidentRegister register,
        HouseholdClaimBook claimBook,
        CancellationToken cancellationToken = default) =>
        ApplyAsync(program, EligibilityRequest.ForIdentity(identity, channel), applicationId, register, claimBook, null, cancellationToken);

    /// <summary>Takes an application (identity or key). The request must name its channel; without an arrival time it arrived now.</summary>
    /// <exception cref="ArgumentException">The request has no channel, or the application id is empty.</exception>
    public static async ValueTask<ApplicationResult> ApplyAsync(
        BenefitProgram program,
        EligibilityRequest request,
        string applicationId,
        ResidentRegister register,
        HouseholdClaimBook claimBook,
        EligibilityEvaluationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(claimBook);
        if (request.Channel is not { } channel)
        {
            throw new ArgumentException("An application names the channel it came through.", nameof(request));
        }

        options ??= new EligibilityEvaluationOptions();
        if (request.ReceivedAt is null)
        {
            request = request.ReceivedOn(options.TimeProvider.GetUtcNow());
        }

        var decision = EligibilityEvaluator.Evaluate(program, request, register, options);
        if (decision.BeneficiaryId is not { } beneficiary)
        {
            return FromDecision(applicationId, decision);
        }

        if (decision.Outcome == EligibilityOutcome.Eligible)
        {
            var candidate = new HouseholdClaim(program.Id, beneficiary, applicationId, channel, request.ReceivedAt!.Value, decision.Resident?.ResidentId);
            var claim = await claimBook.TryClaimAsync(candidate, cancellationToken).ConfigureAwait(false);
            if (claim.IsFirstClaim && IsSomeoneElses(claim.Claim, decision))
            {
                return DuplicateApplicationId(applicationId, decision);
            }

            return claim.IsFirstClaim
                ? new ApplicationResult(applicationId, ApplicationStatus.Received, decision, claim.Claim, [], ResidentMessages.Received(program, decision.Amount, decision.CountedMembers.Count))
                : AlreadyApplied(program, applicationId, decision, claim.Claim);
        }

        // Not claimable now, but if the household already holds a claim, that is what the resident needs to hear (and a
        // retry of a received application that arrives after the window closed is still received).
        var held = await claimBook.FindAsync(program.Id, beneficiary, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return FromDecision(applicationId, decision);
        }

        if (held.ApplicationId == applicationId && IsSomeoneElses(held, decision))
        {
            return DuplicateApplicationId(applicationId, decision);
        }

        return held.ApplicationId == applicationId
            ? new ApplicationResult(applicationId, ApplicationStatus.Received, decision, held, [], ResidentMessages.Received(program, decision.Amount, decision.CountedMembers.Count))
            : AlreadyApplied(program, applicationId, decision, held);
    }

    /// <summary>
    /// Whether a claim held under this application id was made for another applicant (the id reused by mistake): known
    /// only when the book records applicants and the applicant is known now.
    /// </summary>
    private static bool IsSomeoneElses(HouseholdClaim claim, EligibilityDecision decision) =>
        claim.ApplicantId is { } heldBy && decision.Resident is { } applicant && !string.Equals(heldBy, applicant.ResidentId, StringComparison.Ordinal);

    private static ApplicationResult DuplicateApplicationId(string applicationId, EligibilityDecision decision)
    {
        var reason = new EligibilityReason(
            EligibilityReasonCodes.DuplicateApplicationId,
            EligibilityOutcome.NeedsReview,
            $"申請の受付番号の確認に職員の確認が必要です。{ResidentMessages.StaffWillContact}");
        return new ApplicationResult(applicationId, ApplicationStatus.NeedsReview, decision, null, [.. decision.Reasons, reason], reason.ResidentMessage);
    }

    private static ApplicationResult FromDecision(string applicationId, EligibilityDecision decision) =>
        new(
            applicationId,
            decision.Outcome == EligibilityOutcome.Ineligible ? ApplicationStatus.Ineligible : ApplicationStatus.NeedsReview,
            decision,
            null,
            decision.Reasons,
            decision.ResidentMessage);

    private static ApplicationResult AlreadyApplied(BenefitProgram program, string applicationId, EligibilityDecision decision, HouseholdClaim held)
    {
        var code = program.IsKeyed ? EligibilityReasonCodes.KeyAlreadyUsed
            : program.Unit == BenefitUnit.Household ? EligibilityReasonCodes.HouseholdAlreadyApplied
            : EligibilityReasonCodes.AlreadyApplied;
        var message = ResidentMessages.AlreadyApplied(program, held);
        var reason = new EligibilityReason(code, EligibilityOutcome.Ineligible, message);
        return new ApplicationResult(applicationId, ApplicationStatus.AlreadyApplied, decision, held, [.. decision.Reasons, reason], message);
    }
}
