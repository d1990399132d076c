using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>What a program decides about an application.</summary>
public enum EligibilityOutcome
{
    /// <summary>対象: eligible, with an amount.</summary>
    Eligible = 1,

    /// <summary>対象外: not eligible, for the reasons given.</summary>
    Ineligible = 2,

    /// <summary>要確認: staff must decide (the person could not be matched with certainty, …) — never a silent rejection.</summary>
    NeedsReview = 3,
}

/// <summary>
/// The stable reason codes of decisions (they are kept for audit and may be matched on by code; their meaning never
/// changes). Custom rules add their own codes.
/// </summary>
public static class EligibilityReasonCodes
{
    /// <summary>The application came through a channel the program does not accept (ineligible).</summary>
    public const string ChannelNotAccepted = nameof(ChannelNotAccepted);

    /// <summary>The application arrived before the window opened or after it closed (ineligible).</summary>
    public const string OutsideApplicationWindow = nameof(OutsideApplicationWindow);

    /// <summary>No resident matches the identity on the reference date (needs review).</summary>
    public const string NotFoundInRegister = nameof(NotFoundInRegister);

    /// <summary>Several residents could be the person (needs review).</summary>
    public const string AmbiguousMatch = nameof(AmbiguousMatch);

    /// <summary>The name matched only thanks to JPKI alternate characters (代替文字) (needs review).</summary>
    public const string AlternateCharacterName = nameof(AlternateCharacterName);

    /// <summary>The person is in the register but was not a resident on the reference date (ineligible).</summary>
    public const string NotResidentOnReferenceDate = nameof(NotResidentOnReferenceDate);

    /// <summary>The registered address lies outside the program's areas (ineligible).</summary>
    public const string OutsideResidencyArea = nameof(OutsideResidencyArea);

    /// <summary>The registered address could not be resolved far enough to tell (needs review).</summary>
    public const string AddressNotResolved = nameof(AddressNotResolved);

    /// <summary>The age on the reference date is in none of the program's bands (ineligible).</summary>
    public const string OutsideAgeBand = nameof(OutsideAgeBand);

    /// <summary>The person is in none of the program's cohorts for its fiscal year (ineligible).</summary>
    public const string OutsideCohort = nameof(OutsideCohort);

    /// <summary>The program is for another gender (ineligible).</summary>
    public const string GenderNotEligible = nameof(GenderNotEligible);

    /// <summary>No member of the household counts for a per-household program (ineligible).</summary>
    public const string NoEligibleMember = nameof(NoEligibleMember);

    /// <summary>
    /// The register file had rows of the applicant's household that were refused at import, so its members as of the
    /// reference date may be incomplete (needs review).
    /// </summary>
    public const string HouseholdIncompleteInRegister = nameof(HouseholdIncompleteInRegister);

    /// <summary>An amount table has no row for the household or person (needs review).</summary>
    public const string AmountNotDetermined = nameof(AmountNotDetermined);

    /// <summary>A key was given for a program that is not keyed (ineligible).</summary>
    public const string KeyNotAccepted = nameof(KeyNotAccepted);

    /// <summary>The program needs a ticket / card number and none can be found for the applicant (ineligible).</summary>
    public const string KeyRequired = nameof(KeyRequired);

    /// <summary>The key does not have the right number of digits (ineligible: the resident re-enters it).</summary>
    public const string KeyMalformed = nameof(KeyMalformed);

    /// <summary>The key's check digit does not match: a typo (ineligible: the resident re-enters it).</summary>
    public const string KeyCheckDigitMismatch = nameof(KeyCheckDigitMismatch);

    /// <summary>A ticket that was voided because its resident was issued a new one (ineligible: the resident uses the new ticket).</summary>
    public const string KeyVoided = nameof(KeyVoided);

    /// <summary>
    /// The application id is already held by another applicant's application (needs review: an id reused by mistake
    /// must never be answered as received for someone else).
    /// </summary>
    public const string DuplicateApplicationId = nameof(DuplicateApplicationId);

    /// <summary>A well-formed key that is not in the issued list, or a resident with no key issued (needs review).</summary>
    public const string KeyNotIssued = nameof(KeyNotIssued);

    /// <summary>Another application of the household already holds the claim (the answer of the application step).</summary>
    public const string HouseholdAlreadyApplied = nameof(HouseholdAlreadyApplied);

    /// <summary>The person already applied to a per-person program (the answer of the application step).</summary>
    public const string AlreadyApplied = nameof(AlreadyApplied);

    /// <summary>The ticket / card number was already used (the answer of the application step).</summary>
    public const string KeyAlreadyUsed = nameof(KeyAlreadyUsed);

    /// <summary>An application could not be read at all (a bad row of an applications file; needs review).</summary>
    public const string InvalidApplication = nameof(InvalidApplication);
}

/// <summary>One reason of a decision: a stable code, what it leads to, and a polite Japanese sentence for the resident.</summary>
public sealed class EligibilityReason
{
    /// <summary>Creates a reason.</summary>
    /// <param name="code">The stable code (see <see cref="EligibilityReasonCodes"/>).</param>
    /// <param name="leadsTo">Ineligible or NeedsReview.</param>
    /// <param name="residentMessage">The sentence for the resident: short, polite, says what to do next, and names no one else.</param>
    public EligibilityReason(string code, EligibilityOutcome leadsTo, string residentMessage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(residentMessage);
        Code = code;
        LeadsTo = leadsTo;
        ResidentMessage = residentMessage;
    }

    /// <summary>The stable code.</summary>
    public string Code { get; }

    /// <summary>What the reason leads to on its own: <see cref="EligibilityOutcome.Ineligible"/> or <see cref="EligibilityOutcome.NeedsReview"/>.</summary>
    public EligibilityOutcome LeadsTo { get; }

    /// <summary>The Japanese sentence for the resident.</summary>
    public string ResidentMessage { get; }

    /// <inheritdoc />
    public override string ToString() => Code;
}

/// <summary>
/// The decision about one application: the outcome, the household as of the reference date, the amount, and every
/// reason. Holds personal data (the matched resident and household) for staff screens; <see cref="ToString"/> shows none.
/// </summary>
public sealed class EligibilityDecision
{
    internal EligibilityDecision(
        BenefitProgram program,
        EligibilityOutcome outcome,
        IReadOnlyList<EligibilityReason> reasons,
        string residentMessage,
        ResidentMatch? match,
        Resident? resident,
        IReadOnlyList<Resident> householdMembers,
        IReadOnlyList<Resident> countedMembers,
        long? amount,
        string? beneficiaryId,
        string? key)
    {
        ProgramId = program.Id;
        Unit = program.Unit;
        Outcome = outcome;
        Reasons = reasons;
        ResidentMessage = residentMessage;
        Match = match;
        Resident = resident;
        HouseholdMembers = householdMembers.ToArray().AsReadOnly();
        CountedMembers = countedMembers.ToArray().AsReadOnly();
        Payee = resident is null ? null
            : program.Unit == BenefitUnit.Person ? resident
            : HouseholdMembers.FirstOrDefault(m => m.IsHeadOfHousehold) ?? resident;
        Amount = amount;
        BeneficiaryId = beneficiaryId;
        Key = key;
        PaidAs = program.Amount.PaidAs;
    }

    /// <summary>The program.</summary>
    public string ProgramId { get; }

    /// <summary>The program's unit.</summary>
    public BenefitUnit Unit { get; }

    /// <summary>Eligible, ineligible or needs review.</summary>
    public EligibilityOutcome Outcome { get; }

    /// <summary>Whether the outcome is eligible.</summary>
    public bool IsEligible => Outcome == EligibilityOutcome.Eligible;

    /// <summary>Every reason (none when eligible).</summary>
    public IReadOnlyList<EligibilityReason> Reasons { get; }

    /// <summary>The reason codes, in order.</summary>
    public IEnumerable<string> ReasonCodes => Reasons.Select(r => r.Code);

    /// <summary>One Japanese sentence for the resident: what was decided and what to do next.</summary>
    public string ResidentMessage { get; }

    /// <summary>The register match (for staff: the candidates of an ambiguous match); null for key applications.</summary>
    public ResidentMatch? Match { get; }

    /// <summary>The applicant as registered, when known.</summary>
    public Resident? Resident { get; }

    /// <summary>世帯番号 of the applicant, when known.</summary>
    public string? HouseholdId => Resident?.HouseholdId;

    /// <summary>The household's members who were residents on the reference date (empty when the applicant is unknown).</summary>
    public IReadOnlyList<Resident> HouseholdMembers { get; }

    /// <summary>
    /// Who is paid: for a per-household program the head of household (世帯主) among the members on the reference date,
    /// or the applicant when the register names no head among them; for a per-person program the person. Null when the
    /// applicant is unknown (a bearer voucher, an unmatched identity).
    /// </summary>
    public Resident? Payee { get; }

    /// <summary>The members the amount counts (all members, or those meeting the person criteria; the applicant alone for per-person programs).</summary>
    public IReadOnlyList<Resident> CountedMembers { get; }

    /// <summary>The amount in yen (or points), when it could be worked out (also for decisions that need review, for staff).</summary>
    public long? Amount { get; }

    /// <summary>Yen or points.</summary>
    public PaidAs PaidAs { get; }

    /// <summary>
    /// What the claim is keyed by: the household id (per-household), the resident id (per-person) — also for keyed
    /// programs when the key's resident is known (so every ticket of a person, and every member's ticket of a household,
    /// claims the same thing) — or the ticket / card number for a bearer voucher (no issued list); null when unknown.
    /// </summary>
    public string? BeneficiaryId { get; }

    /// <summary>The ticket / card number, normalized, for keyed programs.</summary>
    public string? Key { get; }

    /// <summary>Shows the outcome and the reason codes only.</summary>
    public override string ToString() =>
        $"EligibilityDecision({ProgramId}, {Outcome}{(Reasons.Count == 0 ? string.Empty : ": " + string.Join(", ", ReasonCodes))})";
}

/// <summary>What an application says: a verified identity or a key, and (for the window and channel checks) how and when it came.</summary>
public sealed class EligibilityRequest
{
    private EligibilityRequest(JpkiFourFacts? identity, string? key, ApplicationChannel? channel, DateTimeOffset? receivedAt)
    {
        Identity = identity;
        Key = key;
        Channel = channel;
        ReceivedAt = receivedAt;
    }

    /// <summary>The four facts JPKI proved, for identity applications.</summary>
    public JpkiFourFacts? Identity { get; }

    /// <summary>The ticket / card number as entered, for key applications.</summary>
    public string? Key { get; }

    /// <summary>The channel; null = not checked.</summary>
    public ApplicationChannel? Channel { get; }

    /// <summary>When it arrived; null = the window is not checked (the application step fills in "now").</summary>
    public DateTimeOffset? ReceivedAt { get; }

    /// <summary>An application by a verified identity.</summary>
    public static EligibilityRequest ForIdentity(JpkiFourFacts identity, ApplicationChannel? channel = null, DateTimeOffset? receivedAt = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new(identity, null, channel, receivedAt);
    }

    /// <summary>An application by a ticket or card number.</summary>
    public static EligibilityRequest ForKey(string key, ApplicationChannel? channel = null, DateTimeOffset? receivedAt = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(null, key, channel, receivedAt);
    }

    /// <summary>The same request, arrived at <paramref name="receivedAt"/>.</summary>
    public EligibilityRequest ReceivedOn(DateTimeOffset receivedAt) => new(Identity, Key, Channel, receivedAt);

    /// <summary>Says whether it is by identity or key, never the identity or the key.</summary>
    public override string ToString() => $"EligibilityRequest({(Identity is null ? "key" : "identity")}, via {Channel?.Value ?? "-"})";
}
