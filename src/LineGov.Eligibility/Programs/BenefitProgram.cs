using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>Who a program pays: each eligible person, or each household (世帯) through its representative.</summary>
public enum BenefitUnit
{
    /// <summary>個人単位: one claim and one amount per person.</summary>
    Person = 1,

    /// <summary>世帯単位: one claim per household (as of the reference date), paid to the head of household or representative.</summary>
    Household = 2,
}

/// <summary>A school-year cohort a program can name, counted for the program's fiscal year (年度).</summary>
public enum ProgramCohort
{
    /// <summary>18歳以下: born on or after (Y−18)-04-02 (see <see cref="JapaneseAge.IsEighteenOrUnder"/>).</summary>
    EighteenOrUnder = 1,

    /// <summary>高校生世代: born (Y−18)-04-02 … (Y−15)-04-01 (see <see cref="JapaneseAge.IsHighSchoolGeneration"/>).</summary>
    HighSchoolGeneration = 2,
}

/// <summary>An age band: the age on the reference date (counted as the law does), both ends inclusive.</summary>
public sealed class AgeBand
{
    /// <summary>Creates a band; at least one end must be given.</summary>
    /// <param name="minAge">The youngest age included, or null for no lower bound.</param>
    /// <param name="maxAge">The oldest age included, or null for no upper bound.</param>
    public AgeBand(int? minAge, int? maxAge)
    {
        MinAge = minAge;
        MaxAge = maxAge;
    }

    /// <summary>The youngest age included; null = no lower bound.</summary>
    public int? MinAge { get; }

    /// <summary>The oldest age included; null = no upper bound.</summary>
    public int? MaxAge { get; }

    /// <summary>Whether <paramref name="age"/> lies in the band; never for a negative age (someone not yet born).</summary>
    public bool Contains(int age) => age >= 0 && (MinAge is not { } min || age >= min) && (MaxAge is not { } max || age <= max);

    /// <inheritdoc />
    public override string ToString() => $"AgeBand({MinAge?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}..{MaxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"})";
}

/// <summary>
/// When applications are accepted, in Japan time: from <see cref="Opens"/> (inclusive) until <see cref="Closes"/>
/// (exclusive). In JSON a date alone means the whole day: <c>"from": "2026-12-01"</c> opens at 00:00 JST, <c>"to":
/// "2027-01-31"</c> closes at the end of 31 January JST.
/// </summary>
public sealed class ApplicationWindow
{
    /// <summary>Japan Standard Time (UTC+9, no daylight saving): the offset of every date in a program.</summary>
    public static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    /// <summary>Creates a window.</summary>
    /// <param name="opens">The first instant accepted.</param>
    /// <param name="closes">The first instant no longer accepted.</param>
    public ApplicationWindow(DateTimeOffset opens, DateTimeOffset closes)
    {
        Opens = opens.ToOffset(JapanOffset);
        Closes = closes.ToOffset(JapanOffset);
    }

    /// <summary>The first instant accepted (Japan time).</summary>
    public DateTimeOffset Opens { get; }

    /// <summary>The first instant no longer accepted (Japan time).</summary>
    public DateTimeOffset Closes { get; }

    /// <summary>A window of whole days in Japan time: from the start of <paramref name="firstDay"/> to the end of <paramref name="lastDay"/>.</summary>
    public static ApplicationWindow FromDays(DateOnly firstDay, DateOnly lastDay) =>
        new(StartOfDay(firstDay), StartOfDay(lastDay.AddDays(1)));

    /// <summary>Whether <paramref name="instant"/> lies in the window.</summary>
    public bool Contains(DateTimeOffset instant) => instant >= Opens && instant < Closes;

    /// <inheritdoc />
    public override string ToString() => $"ApplicationWindow({Opens:O} .. {Closes:O})";

    internal static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), JapanOffset);
}

/// <summary>What a custom rule is asked about: the program, the applicant (as registered) and the household on the reference date.</summary>
public sealed class CustomRuleContext
{
    internal CustomRuleContext(BenefitProgram program, Resident applicant, IReadOnlyList<Resident> householdMembers)
    {
        Program = program;
        Applicant = applicant;
        HouseholdMembers = householdMembers;
    }

    /// <summary>The program.</summary>
    public BenefitProgram Program { get; }

    /// <summary>The applicant as registered.</summary>
    public Resident Applicant { get; }

    /// <summary>The applicant's household members who were residents on the reference date (the applicant included).</summary>
    public IReadOnlyList<Resident> HouseholdMembers { get; }

    /// <inheritdoc />
    public override string ToString() => $"CustomRuleContext({Program.Id}, {Applicant})";
}

/// <summary>
/// A condition written in code (never in JSON: data cannot run code), e.g. "the household was 住民税非課税 in the fiscal
/// year" from the municipality's own tax data. When it fails, the decision is ineligible with <see cref="ReasonCode"/>
/// and <see cref="ResidentMessage"/>.
/// </summary>
public sealed class CustomEligibilityRule
{
    private readonly Func<CustomRuleContext, bool> _isMet;

    /// <summary>Creates a rule.</summary>
    /// <param name="reasonCode">The stable code reported when the rule is not met (letters and digits, e.g. <c>NotTaxExempt</c>).</param>
    /// <param name="residentMessage">The polite Japanese sentence shown to the resident when it is not met (what to do next).</param>
    /// <param name="isMet">The condition; must be pure and thread-safe.</param>
    public CustomEligibilityRule(string reasonCode, string residentMessage, Func<CustomRuleContext, bool> isMet)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reasonCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(residentMessage);
        ArgumentNullException.ThrowIfNull(isMet);
        if (!reasonCode.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("A reason code is ASCII letters and digits only.", nameof(reasonCode));
        }

        ReasonCode = reasonCode;
        ResidentMessage = residentMessage;
        _isMet = isMet;
    }

    /// <summary>The code reported when the rule is not met.</summary>
    public string ReasonCode { get; }

    /// <summary>The Japanese sentence shown when it is not met.</summary>
    public string ResidentMessage { get; }

    /// <summary>Whether the rule is met for <paramref name="context"/>.</summary>
    public bool IsMet(CustomRuleContext context) => _isMet(context);

    /// <inheritdoc />
    public override string ToString() => $"CustomEligibilityRule({ReasonCode})";
}

/// <summary>
/// Who is eligible. Residency is required (the applicant's registered address on the reference date lies in one of the
/// <see cref="Areas"/>). The person criteria (age bands, cohorts, genders) are each "any of" and must all hold: for a
/// per-person program the applicant must meet them; for a per-household program they say which members count (the
/// household is eligible when at least one member counts, and a per-person amount is multiplied by the members who
/// count — all members when there are no person criteria).
/// </summary>
public sealed class ProgramEligibility
{
    internal ProgramEligibility(
        IReadOnlyList<ResidencyArea> areas,
        IReadOnlyList<AgeBand> ageBands,
        IReadOnlyList<ProgramCohort> cohorts,
        IReadOnlyList<JpkiGender> genders,
        IReadOnlyList<CustomEligibilityRule> customRules)
    {
        Areas = areas;
        AgeBands = ageBands;
        Cohorts = cohorts;
        Genders = genders;
        CustomRules = customRules;
    }

    /// <summary>Where residents must live on the reference date (any of them).</summary>
    public IReadOnlyList<ResidencyArea> Areas { get; }

    /// <summary>Ages on the reference date (any of them); empty = any age.</summary>
    public IReadOnlyList<AgeBand> AgeBands { get; }

    /// <summary>Cohorts of the program's fiscal year (any of them); empty = any.</summary>
    public IReadOnlyList<ProgramCohort> Cohorts { get; }

    /// <summary>Genders (any of them); empty = any.</summary>
    public IReadOnlyList<JpkiGender> Genders { get; }

    /// <summary>Conditions written in code; all must hold.</summary>
    public IReadOnlyList<CustomEligibilityRule> CustomRules { get; }

    /// <summary>Whether there is any person criterion (age band, cohort or gender).</summary>
    public bool HasPersonCriteria => AgeBands.Count > 0 || Cohorts.Count > 0 || Genders.Count > 0;

    /// <inheritdoc />
    public override string ToString() =>
        $"ProgramEligibility({Areas.Count} areas, {AgeBands.Count} age bands, {Cohorts.Count} cohorts, {Genders.Count} genders, {CustomRules.Count} custom rules)";
}

/// <summary>
/// A benefit program declared as data (JSON, see <see cref="BenefitProgramJson"/>) or in code (<see cref="BenefitProgramBuilder"/>):
/// the reference date (基準日), who is eligible, the unit (person or household), the amount, the application window, the
/// channels, and, for keyed programs, the ticket or card numbers it accepts. Immutable and thread-safe.
/// </summary>
/// <example>
/// <code>
/// var program = new BenefitProgramBuilder("tohma-points-2026", "生活応援ポイント", new DateOnly(2026, 11, 1))
///     .PerHousehold()
///     .ResidentsOf("北海道", "上川郡当麻町")
///     .AmountPerPerson(10_000, PaidAs.Points)
///     .ApplicationDays(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31))
///     .Channels(ApplicationChannel.Line, ApplicationChannel.Counter)
///     .Build();
/// </code>
/// </example>
public sealed class BenefitProgram
{
    internal BenefitProgram(
        string id,
        string name,
        DateOnly referenceDate,
        int fiscalYear,
        bool fiscalYearGiven,
        BenefitUnit unit,
        ProgramEligibility eligibility,
        ProgramAmount amount,
        ApplicationWindow applicationWindow,
        IReadOnlyList<ApplicationChannel> channels,
        ProgramKeySpec? key,
        string? contact)
    {
        Id = id;
        Name = name;
        ReferenceDate = referenceDate;
        FiscalYear = fiscalYear;
        IsFiscalYearExplicit = fiscalYearGiven;
        Unit = unit;
        Eligibility = eligibility;
        Amount = amount;
        ApplicationWindow = applicationWindow;
        Channels = channels;
        Key = key;
        Contact = contact;
    }

    /// <summary>The program's id (ASCII letters, digits, <c>-</c>, <c>_</c>, <c>.</c>): the claim book's program key.</summary>
    public string Id { get; }

    /// <summary>The program's name in Japanese, as residents see it.</summary>
    public string Name { get; }

    /// <summary>基準日: the register is read as of this date (residency, household members, ages).</summary>
    public DateOnly ReferenceDate { get; }

    /// <summary>The fiscal year (年度) cohorts are counted for: given, or the fiscal year of the reference date.</summary>
    public int FiscalYear { get; }

    /// <summary>Whether <see cref="FiscalYear"/> was given rather than derived from the reference date.</summary>
    public bool IsFiscalYearExplicit { get; }

    /// <summary>Person or household.</summary>
    public BenefitUnit Unit { get; }

    /// <summary>Who is eligible.</summary>
    public ProgramEligibility Eligibility { get; }

    /// <summary>How much.</summary>
    public ProgramAmount Amount { get; }

    /// <summary>When applications are accepted.</summary>
    public ApplicationWindow ApplicationWindow { get; }

    /// <summary>The channels applications may come through.</summary>
    public IReadOnlyList<ApplicationChannel> Channels { get; }

    /// <summary>For keyed programs, the ticket / card numbers accepted (each usable once); null when applicants identify with JPKI.</summary>
    public ProgramKeySpec? Key { get; }

    /// <summary>Where residents ask (e.g. <c>当麻町役場 福祉課</c>), used in the Japanese messages; null = a generic wording.</summary>
    public string? Contact { get; }

    /// <summary>Whether applications are made with a ticket or card number.</summary>
    public bool IsKeyed => Key is not null;

    /// <summary>Whether applications through <paramref name="channel"/> are accepted.</summary>
    public bool Accepts(ApplicationChannel channel) => Channels.Contains(channel);

    /// <inheritdoc />
    public override string ToString() => $"BenefitProgram({Id}, {Unit}, reference date {ReferenceDate:yyyy-MM-dd})";
}
