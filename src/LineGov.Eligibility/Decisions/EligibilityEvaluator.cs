using System.Globalization;
using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>How decisions are made beyond the program and the register: the residency check, and a keyed program's issued keys.</summary>
public sealed class EligibilityEvaluationOptions
{
    /// <summary>Decides residency; default <see cref="AddressResidencyCheck.Default"/> (the registered address, normalized).</summary>
    public IResidencyCheck ResidencyCheck { get; set; } = AddressResidencyCheck.Default;

    /// <summary>
    /// For keyed programs, the keys issued and to whom. Without it a key is a bearer voucher: valid when well-formed, and
    /// a JPKI application cannot find its key.
    /// </summary>
    public IssuedKeys? IssuedKeys { get; set; }

    /// <summary>"Now" for applications that do not say when they arrived (the application step only; evaluation is pure).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>
/// Decides whether an application is eligible: pure and deterministic (no clock, no I/O, no claim). Every reason is
/// reported, each with a stable code and a Japanese sentence; identities that cannot be matched with certainty
/// (ambiguous, not found, alternate characters) need review — never a silent rejection. Claiming the household is a
/// separate step: <see cref="EligibilityApplications"/>.
/// </summary>
/// <example>
/// <code>
/// var decision = EligibilityEvaluator.Evaluate(program, identity, register);
/// if (decision.Outcome == EligibilityOutcome.Eligible) { /* decision.Amount, decision.HouseholdMembers */ }
/// </code>
/// </example>
public static class EligibilityEvaluator
{
    /// <summary>Decides an application by a verified identity (the four facts), with no channel or window check.</summary>
    public static EligibilityDecision Evaluate(BenefitProgram program, JpkiFourFacts identity, ResidentRegister register, EligibilityEvaluationOptions? options = null) =>
        Evaluate(program, EligibilityRequest.ForIdentity(identity), register, options);

    /// <summary>Decides an application by a ticket or card number, with no channel or window check.</summary>
    public static EligibilityDecision EvaluateKey(BenefitProgram program, string key, ResidentRegister register, EligibilityEvaluationOptions? options = null) =>
        Evaluate(program, EligibilityRequest.ForKey(key), register, options);

    /// <summary>Decides an application: identity or key, and the channel and arrival time when the request gives them.</summary>
    public static EligibilityDecision Evaluate(BenefitProgram program, EligibilityRequest request, ResidentRegister register, EligibilityEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(register);
        options ??= DefaultOptions;
        var referenceDate = program.ReferenceDate;
        var reasons = new List<EligibilityReason>();

        if (request.Channel is { } channel && !program.Accepts(channel))
        {
            reasons.Add(Ineligible(
                EligibilityReasonCodes.ChannelNotAccepted,
                $"{program.Name}は{channel.DisplayName}では受け付けていません。{string.Join("・", program.Channels.Select(c => c.DisplayName))}でお申し込みください。"));
        }

        if (request.ReceivedAt is { } receivedAt && !program.ApplicationWindow.Contains(receivedAt))
        {
            var window = program.ApplicationWindow;
            reasons.Add(Ineligible(
                EligibilityReasonCodes.OutsideApplicationWindow,
                receivedAt < window.Opens
                    ? $"{program.Name}の受付は{ResidentMessages.Wareki(ResidentMessages.JapanDay(window.Opens))}からです。受付開始後にお申し込みください。"
                    : $"{program.Name}の受付は{ResidentMessages.Wareki(ResidentMessages.JapanDay(window.Closes.AddTicks(-1)))}で終了しました。{ResidentMessages.Ask(program)}"));
        }

        Resident? resident = null;
        ResidentMatch? match = null;
        string? key = null;
        var bearerKey = false;
        if (request.Key is { } rawKey)
        {
            (resident, key, bearerKey) = ResolveKey(program, rawKey, register, options, reasons);
        }
        else
        {
            (resident, match) = ResolveIdentity(program, request.Identity!, register, reasons);
            if (resident is not null && program.Key is not null)
            {
                key = options.IssuedKeys?.KeyFor(resident.ResidentId);
                if (key is null)
                {
                    reasons.Add(options.IssuedKeys is null
                        ? Ineligible(EligibilityReasonCodes.KeyRequired, $"{program.Name}はお手元の券に記載の番号でお申し込みください。")
                        : Review(EligibilityReasonCodes.KeyNotIssued, $"お客様への番号の発行記録を確認できませんでした。{ResidentMessages.StaffWillContact}"));
                }
            }
        }

        if (resident is not null && resident.DateOfBirth > referenceDate)
        {
            // Born after the reference date: never a resident on it, whatever the register's dates say.
            reasons.Add(NotResident(program));
            resident = null;
        }

        IReadOnlyList<Resident> household = [];
        List<Resident> counted = [];
        long? amount = null;
        string? beneficiary = null;
        if (resident is not null)
        {
            // Nobody born after the reference date counts, whatever the register says of their residency.
            household = [.. register.HouseholdMembers(resident.HouseholdId, referenceDate).Where(m => m.DateOfBirth <= referenceDate)];
            if (register.HasRejectedRows(resident.HouseholdId))
            {
                // A row of this household was refused at import: its members (and so the amount) may be incomplete.
                reasons.Add(Review(EligibilityReasonCodes.HouseholdIncompleteInRegister, $"世帯の方の登録内容の確認が必要です。{ResidentMessages.StaffWillContact}"));
            }

            switch (options.ResidencyCheck.Check(resident, program.Eligibility.Areas))
            {
                case ResidencyCheckOutcome.Outside:
                    reasons.Add(Ineligible(EligibilityReasonCodes.OutsideResidencyArea, $"お住まいの地域は{program.Name}の対象区域外です。{ResidentMessages.Ask(program)}"));
                    break;
                case ResidencyCheckOutcome.Unresolved:
                    reasons.Add(Review(EligibilityReasonCodes.AddressNotResolved, $"ご住所の確認に職員の確認が必要です。{ResidentMessages.StaffWillContact}"));
                    break;
            }

            counted = program.Unit == BenefitUnit.Person
                ? ApplicantCriteria(program, resident, reasons)
                : [.. household.Where(m => FailedCriterion(program, m) is null)];
            if (program.Unit == BenefitUnit.Household && counted.Count == 0)
            {
                reasons.Add(Ineligible(EligibilityReasonCodes.NoEligibleMember, $"お住まいの世帯に{program.Name}の対象となる方がいません。{ResidentMessages.Ask(program)}"));
            }

            if (program.Eligibility.CustomRules.Count > 0)
            {
                var context = new CustomRuleContext(program, resident, household);
                foreach (var rule in program.Eligibility.CustomRules.Where(r => !r.IsMet(context)))
                {
                    reasons.Add(Ineligible(rule.ReasonCode, rule.ResidentMessage));
                }
            }

            if (counted.Count > 0)
            {
                amount = program.Amount.For(counted, referenceDate);
            }

            // The claim is on the household or the person even for keyed programs: every key of the person (or of the
            // household's members) then claims the same thing, so a ticket is used once and a household paid once.
            beneficiary = program.Unit == BenefitUnit.Household ? resident.HouseholdId : resident.ResidentId;
        }
        else if (bearerKey)
        {
            // A bearer voucher: the number is the entitlement; only amounts that need no household can be paid on it.
            amount = program.Amount.Kind == AmountKind.Fixed || (program.Amount.Kind == AmountKind.PerPerson && program.Unit == BenefitUnit.Person)
                ? program.Amount.Yen
                : null;
            beneficiary = key;
        }

        if (amount is null && (counted.Count > 0 || bearerKey) && !reasons.Any(r => r.LeadsTo == EligibilityOutcome.Ineligible))
        {
            reasons.Add(Review(EligibilityReasonCodes.AmountNotDetermined, $"支給額の確認に職員の確認が必要です。{ResidentMessages.StaffWillContact}"));
        }

        var outcome = reasons.Any(r => r.LeadsTo == EligibilityOutcome.Ineligible) ? EligibilityOutcome.Ineligible
            : reasons.Count > 0 ? EligibilityOutcome.NeedsReview
            : EligibilityOutcome.Eligible;
        var message = outcome == EligibilityOutcome.Eligible
            ? ResidentMessages.Eligible(program)
            : reasons.First(r => r.LeadsTo == outcome).ResidentMessage;
        return new EligibilityDecision(program, outcome, reasons, message, match, resident, household, counted, amount, beneficiary, key);
    }

    private static readonly EligibilityEvaluationOptions DefaultOptions = new();

    private static (Resident? Resident, ResidentMatch Match) ResolveIdentity(BenefitProgram program, JpkiFourFacts identity, ResidentRegister register, List<EligibilityReason> reasons)
    {
        var match = register.Match(identity, program.ReferenceDate);
        switch (match.Outcome)
        {
            case ResidentMatchOutcome.Matched:
                if (match.Match!.NameMatch.Quality == NameMatchQuality.AlternateCharacter)
                {
                    reasons.Add(Review(EligibilityReasonCodes.AlternateCharacterName, $"お名前に外字が含まれるため、職員がご本人の確認をします。{ResidentMessages.StaffWillContact}"));
                }

                return (match.Resident, match);
            case ResidentMatchOutcome.Ambiguous:
                reasons.Add(Review(EligibilityReasonCodes.AmbiguousMatch, $"ご本人の確認に職員の確認が必要です。{ResidentMessages.StaffWillContact}"));
                return (null, match);
            default:
                // The person is in the register, but not as a resident on the reference date (moved in later, or away).
                reasons.Add(match.Candidates.Count > 0 && match.Candidates.All(c => !c.IsResidentOnReferenceDate)
                    ? NotResident(program)
                    : Review(
                        EligibilityReasonCodes.NotFoundInRegister,
                        $"基準日（{ResidentMessages.Wareki(program.ReferenceDate)}）時点の住民記録でご本人を確認できませんでした。{ResidentMessages.StaffWillContact}"));
                return (null, match);
        }
    }

    private static (Resident? Resident, string? Key, bool Bearer) ResolveKey(
        BenefitProgram program, string rawKey, ResidentRegister register, EligibilityEvaluationOptions options, List<EligibilityReason> reasons)
    {
        if (program.Key is not { } spec)
        {
            reasons.Add(Ineligible(EligibilityReasonCodes.KeyNotAccepted, $"{program.Name}は番号によるお申し込みを受け付けていません。マイナンバーカードでお申し込みください。"));
            return (null, null, false);
        }

        switch (spec.Check(rawKey))
        {
            case KeyFormatCheck.Malformed:
                reasons.Add(Ineligible(
                    EligibilityReasonCodes.KeyMalformed,
                    string.Create(CultureInfo.InvariantCulture, $"番号の桁数が正しくありません。お手元の券に記載の{spec.Length}桁の番号をご確認のうえ、もう一度入力してください。")));
                return (null, null, false);
            case KeyFormatCheck.CheckDigitMismatch:
                reasons.Add(Ineligible(EligibilityReasonCodes.KeyCheckDigitMismatch, "番号に誤りがあるようです。お手元の券に記載の番号をご確認のうえ、もう一度入力してください。"));
                return (null, null, false);
        }

        var key = ProgramKeySpec.Normalize(rawKey);
        if (options.IssuedKeys is not { } issued)
        {
            return (null, key, true);
        }

        if (issued.IsVoided(key))
        {
            reasons.Add(Ineligible(EligibilityReasonCodes.KeyVoided, $"この番号の券は再発行により無効になりました。新しい券に記載の番号でお申し込みください。{ResidentMessages.Ask(program)}"));
            return (null, key, false);
        }

        if (issued.ResidentFor(key) is not { } residentId)
        {
            reasons.Add(Review(EligibilityReasonCodes.KeyNotIssued, $"この番号は発行記録で確認できませんでした。{ResidentMessages.StaffWillContact}"));
            return (null, key, false);
        }

        var resident = register.Find(residentId);
        if (resident is null)
        {
            reasons.Add(Review(
                EligibilityReasonCodes.NotFoundInRegister,
                $"基準日（{ResidentMessages.Wareki(program.ReferenceDate)}）時点の住民記録でご本人を確認できませんでした。{ResidentMessages.StaffWillContact}"));
            return (null, key, false);
        }

        if (!resident.IsResidentOn(program.ReferenceDate))
        {
            reasons.Add(NotResident(program));
            return (null, key, false);
        }

        return (resident, key, false);
    }

    /// <summary>The applicant of a per-person program against the person criteria: itself when met, nobody otherwise.</summary>
    private static List<Resident> ApplicantCriteria(BenefitProgram program, Resident applicant, List<EligibilityReason> reasons)
    {
        if (FailedCriterion(program, applicant) is not { } failed)
        {
            return [applicant];
        }

        var ask = ResidentMessages.Ask(program);
        reasons.Add(failed switch
        {
            EligibilityReasonCodes.OutsideAgeBand => Ineligible(failed, $"基準日（{ResidentMessages.Wareki(program.ReferenceDate)}）時点の年齢が{program.Name}の対象外です。{ask}"),
            EligibilityReasonCodes.OutsideCohort => Ineligible(
                failed,
                $"{ResidentMessages.FiscalYear(program.FiscalYear)}の{string.Join("・", program.Eligibility.Cohorts.Select(ResidentMessages.Cohort))}に該当しないため、対象外です。{ask}"),
            _ => Ineligible(failed, $"{program.Name}の対象外です。{ask}"),
        });
        return [];
    }

    /// <summary>The first person criterion a resident fails (age band, cohort, gender), or null when all are met.</summary>
    private static string? FailedCriterion(BenefitProgram program, Resident person)
    {
        var eligibility = program.Eligibility;
        if (eligibility.AgeBands.Count > 0)
        {
            if (person.DateOfBirth > program.ReferenceDate
                || !eligibility.AgeBands.Any(b => b.Contains(JapaneseAge.AgeOn(person.DateOfBirth, program.ReferenceDate))))
            {
                return EligibilityReasonCodes.OutsideAgeBand;
            }
        }

        if (eligibility.Cohorts.Count > 0 && !eligibility.Cohorts.Any(c => c switch
        {
            ProgramCohort.EighteenOrUnder => JapaneseAge.IsEighteenOrUnder(person.DateOfBirth, program.FiscalYear),
            _ => JapaneseAge.IsHighSchoolGeneration(person.DateOfBirth, program.FiscalYear),
        }))
        {
            return EligibilityReasonCodes.OutsideCohort;
        }

        return eligibility.Genders.Count > 0 && !eligibility.Genders.Contains(person.Gender) ? EligibilityReasonCodes.GenderNotEligible : null;
    }

    private static EligibilityReason NotResident(BenefitProgram program) => Ineligible(
        EligibilityReasonCodes.NotResidentOnReferenceDate,
        $"基準日（{ResidentMessages.Wareki(program.ReferenceDate)}）時点で{ResidentMessages.AreaName(program)}に住民登録がないため、対象外です。{ResidentMessages.Ask(program)}");

    private static EligibilityReason Ineligible(string code, string message) => new(code, EligibilityOutcome.Ineligible, message);

    private static EligibilityReason Review(string code, string message) => new(code, EligibilityOutcome.NeedsReview, message);
}
