using LineGov.Jpki;
using static LineGov.Eligibility.Tests.ProgramTestKit;

namespace LineGov.Eligibility.Tests.Decisions;

public sealed class EligibilityEvaluatorTests
{
    private static readonly DateOnly ReferenceDate = new(2026, 11, 1);

    private static readonly Resident Father = Resident("R001", "H1", "当麻 太郎", new DateOnly(1980, 5, 10), JpkiGender.Male, head: true);
    private static readonly Resident Mother = Resident("R002", "H1", "当麻 花子", new DateOnly(1982, 7, 1));
    private static readonly Resident Son = Resident("R003", "H1", "当麻 一郎", new DateOnly(2010, 4, 2), JpkiGender.Male);
    private static readonly Resident Daughter = Resident("R004", "H1", "当麻 春子", new DateOnly(2012, 1, 1));
    private static readonly Resident Newborn = Resident("R005", "H1", "当麻 夏子", new DateOnly(2026, 11, 20), became: new DateOnly(2026, 11, 20));
    private static readonly Resident MovedInLater = Resident("R010", "H2", "伊香 牛男", new DateOnly(1990, 1, 1), JpkiGender.Male, became: new DateOnly(2026, 11, 15));
    private static readonly Resident MovedAway = Resident("R020", "H3", "宇園 別子", new DateOnly(1975, 3, 3), removed: new DateOnly(2026, 10, 1));
    private static readonly Resident TwinA = Resident("R030", "H4", "開明 双葉", new DateOnly(2000, 2, 2));
    private static readonly Resident TwinB = Resident("R031", "H5", "開明 双葉", new DateOnly(2000, 2, 2));
    private static readonly Resident Asahikawa = Resident("R040", "H6", "旭川 市子", new DateOnly(1970, 6, 6), address: "北海道旭川市6条通8丁目");
    private static readonly Resident Unresolvable = Resident("R050", "H7", "不明 住子", new DateOnly(1971, 6, 6), address: "宇園別1区");

    private static readonly ResidentRegister Register = ResidentRegister.Create(
        [Father, Mother, Son, Daughter, Newborn, MovedInLater, MovedAway, TwinA, TwinB, Asahikawa, Unresolvable]);

    private static readonly IReadOnlyList<string> Names = [.. Register_Residents().Select(r => r.Name.Replace(" ", string.Empty, StringComparison.Ordinal))];

    private static readonly BenefitProgram Points = new BenefitProgramBuilder("points", "生活応援ポイント", ReferenceDate)
        .PerHousehold()
        .ResidentsOf(Prefecture, Tohma)
        .AmountPerPerson(10_000, PaidAs.Points)
        .AcceptApplicationDays(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31))
        .AcceptChannels(ApplicationChannel.Line, ApplicationChannel.Counter)
        .ContactAt("当麻町役場 福祉課")
        .Build();

    [Fact]
    public void A_household_member_is_eligible_for_ten_thousand_points_per_member_on_the_reference_date()
    {
        var decision = EligibilityEvaluator.Evaluate(Points, IdentityOf(Mother), Register, Options());

        decision.Outcome.ShouldBe(EligibilityOutcome.Eligible, decision.ToString());
        decision.Reasons.ShouldBeEmpty();
        decision.HouseholdId.ShouldBe("H1");
        decision.BeneficiaryId.ShouldBe("H1");
        decision.HouseholdMembers.Select(m => m.ResidentId).ShouldBe(["R001", "R002", "R003", "R004"]); // not the baby born after the reference date
        decision.Amount.ShouldBe(40_000);
        decision.PaidAs.ShouldBe(PaidAs.Points);
        decision.ResidentMessage.ShouldBe("生活応援ポイントの対象です。");
    }

    [Fact]
    public async Task A_household_with_a_row_refused_at_import_needs_review_rather_than_a_smaller_payment()
    {
        const string csv =
            "resident_id,household_id,name,date_of_birth,gender,address,head_of_household\n" +
            "R001,H1,当麻 太郎,1980-05-10,1,北海道上川郡当麻町3条東2丁目11-1,1\n" +
            "R002,H1,当麻 花子,1982-02-30,2,北海道上川郡当麻町3条東2丁目11-1,0\n" + // refused: no 30 February
            "R003,H1,当麻 一郎,2010-04-02,1,北海道上川郡当麻町3条東2丁目11-1,0\n";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        var import = await ResidentRegisterCsv.ImportAsync(stream);
        import.Errors.Count.ShouldBe(1);

        var decision = EligibilityEvaluator.Evaluate(Points, IdentityOf(import.Register.Find("R001")!), import.Register, Options());

        decision.Outcome.ShouldBe(EligibilityOutcome.NeedsReview, decision.ToString());
        decision.ReasonCodes.ShouldContain(EligibilityReasonCodes.HouseholdIncompleteInRegister);
    }

    [Fact]
    public void Someone_who_moved_in_after_the_reference_date_is_ineligible_with_a_sentence_naming_the_date()
    {
        var decision = EligibilityEvaluator.Evaluate(Points, IdentityOf(MovedInLater), Register, Options());

        decision.Outcome.ShouldBe(EligibilityOutcome.Ineligible);
        decision.ReasonCodes.ShouldBe([EligibilityReasonCodes.NotResidentOnReferenceDate]);
        decision.ResidentMessage.ShouldBe("基準日（令和8年11月1日）時点で当麻町に住民登録がないため、対象外です。ご不明な点は当麻町役場 福祉課までお問い合わせください。");
    }

    [Fact]
    public void Someone_who_moved_away_before_the_reference_date_is_ineligible()
    {
        EligibilityEvaluator.Evaluate(Points, IdentityOf(MovedAway), Register, Options())
            .ReasonCodes.ShouldBe([EligibilityReasonCodes.NotResidentOnReferenceDate]);
    }

    [Fact]
    public void Someone_not_in_the_register_needs_review_never_a_silent_rejection()
    {
        var decision = EligibilityEvaluator.Evaluate(Points, Identity("存在 しない", new DateOnly(1999, 9, 9)), Register, Options());

        decision.Outcome.ShouldBe(EligibilityOutcome.NeedsReview);
        decision.ReasonCodes.ShouldBe([EligibilityReasonCodes.NotFoundInRegister]);
        decision.ResidentMessage.ShouldContain("担当者が確認してご連絡します");
        decision.BeneficiaryId.ShouldBeNull();
    }

    [Fact]
    public void Two_residents_who_could_be_the_person_need_review_with_both_candidates_for_staff()
    {
        var decision = EligibilityEvaluator.Evaluate(Points, IdentityOf(TwinA), Register, Options());

        decision.Outcome.ShouldBe(EligibilityOutcome.NeedsReview);
        decision.ReasonCodes.ShouldBe([EligibilityReasonCodes.AmbiguousMatch]);
        decision.Match!.Candidates.Select(c => c.Resident.ResidentId).Order().ShouldBe(["R030", "R031"]);
        decision.ResidentMessage.ShouldNotContain("開明");
    }

    [Fact]
    public void A_name_with_a_JPKI_alternate_character_needs_review()
    {
        // JPKI writes 𠮷 (outside JIS level 1/2) as an alternate character and flags it. Until name matching knows
        // alternate characters this is "not found"; with it, "alternate character": review either way.
        var yoshino = Resident("R060", "H8", "𠮷野 花子", new DateOnly(1960, 1, 1));
        var register = ResidentRegister.Create([yoshino]);
        var identity = new JpkiFourFacts(new JpkiName("吉野\u3000花子", "10000"), JpkiDateOfBirth.FromDate(yoshino.DateOfBirth), JpkiGender.Female, new JpkiAddress(yoshino.Address));

        var decision = EligibilityEvaluator.Evaluate(Points, identity, register, Options());

        decision.Outcome.ShouldBe(EligibilityOutcome.NeedsReview);
        decision.ReasonCodes.Single().ShouldBeOneOf(EligibilityReasonCodes.AlternateCharacterName, EligibilityReasonCodes.NotFoundInRegister);
    }

    [Fact]
    public void A_registered_address_outside_the_area_is_ineligible_and_one_that_does_not_resolve_needs_review()
    {
        EligibilityEvaluator.Evaluate(Points, IdentityOf(Asahikawa), Register, Options())
            .ReasonCodes.ShouldBe([EligibilityReasonCodes.OutsideResidencyArea]);
        EligibilityEvaluator.Evaluate(Points, IdentityOf(Unresolvable), Register, Options())
            .ReasonCodes.ShouldBe([EligibilityReasonCodes.AddressNotResolved]);
    }

    [Fact]
    public void Trusting_the_register_makes_every_matched_resident_a_resident_of_the_area()
    {
        var options = new EligibilityEvaluationOptions { ResidencyCheck = RegisterResidencyCheck.Instance };

        EligibilityEvaluator.Evaluate(Points, IdentityOf(Unresolvable), Register, options).Outcome.ShouldBe(EligibilityOutcome.Eligible);
    }

    [Fact]
    public void A_channel_the_program_does_not_take_is_ineligible_and_says_which_channels_do()
    {
        var decision = EligibilityEvaluator.Evaluate(Points, EligibilityRequest.ForIdentity(IdentityOf(Father), ApplicationChannel.Mail), Register, Options());

        decision.ReasonCodes.ShouldBe([EligibilityReasonCodes.ChannelNotAccepted]);
        decision.ResidentMessage.ShouldBe("生活応援ポイントは郵送では受け付けていません。LINE・窓口でお申し込みください。");
    }

    [Theory]
    [InlineData("2026-11-30T23:59:59+09:00", false)]
    [InlineData("2026-11-30T15:00:00+00:00", true)]
    [InlineData("2026-12-01T00:00:00+09:00", true)]
    [InlineData("2027-01-31T23:59:59+09:00", true)]
    [InlineData("2027-02-01T00:00:00+09:00", false)]
    public void The_application_window_is_whole_days_in_Japan_time(string receivedAt, bool inside)
    {
        var request = EligibilityRequest.ForIdentity(IdentityOf(Father), ApplicationChannel.Line, DateTimeOffset.Parse(receivedAt, System.Globalization.CultureInfo.InvariantCulture));

        var decision = EligibilityEvaluator.Evaluate(Points, request, Register, Options());

        decision.ReasonCodes.ShouldBe(inside ? [] : [EligibilityReasonCodes.OutsideApplicationWindow]);
    }

    [Fact]
    public void Before_the_window_the_resident_is_told_when_it_opens_and_after_it_when_it_closed()
    {
        EligibilityEvaluator.Evaluate(Points, EligibilityRequest.ForIdentity(IdentityOf(Father), ApplicationChannel.Line, new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero)), Register, Options())
            .ResidentMessage.ShouldBe("生活応援ポイントの受付は令和8年12月1日からです。受付開始後にお申し込みください。");
        EligibilityEvaluator.Evaluate(Points, EligibilityRequest.ForIdentity(IdentityOf(Father), ApplicationChannel.Line, new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero)), Register, Options())
            .ResidentMessage.ShouldBe("生活応援ポイントの受付は令和9年1月31日で終了しました。ご不明な点は当麻町役場 福祉課までお問い合わせください。");
    }

    [Fact]
    public void Every_reason_is_reported_not_only_the_first()
    {
        var request = EligibilityRequest.ForIdentity(IdentityOf(MovedInLater), ApplicationChannel.Mail, new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));

        var decision = EligibilityEvaluator.Evaluate(Points, request, Register, Options());

        decision.ReasonCodes.ShouldBe([EligibilityReasonCodes.ChannelNotAccepted, EligibilityReasonCodes.OutsideApplicationWindow, EligibilityReasonCodes.NotResidentOnReferenceDate]);
        decision.Reasons.ShouldAllBe(r => r.LeadsTo == EligibilityOutcome.Ineligible);
    }

    [Theory]
    [InlineData(2008, 4, 1, false)]
    [InlineData(2008, 4, 2, true)]
    [InlineData(2011, 4, 1, true)]
    [InlineData(2011, 4, 2, false)]
    public async Task The_high_school_generation_benefit_follows_the_school_year_boundaries(int year, int month, int day, bool eligible)
    {
        var program = await LoadSampleAsync("high-school-generation.json");
        var student = Resident("S1", "HS", "高校 生徒", new DateOnly(year, month, day));

        var decision = EligibilityEvaluator.Evaluate(program, IdentityOf(student), ResidentRegister.Create([student]), Options());

        decision.Outcome.ShouldBe(eligible ? EligibilityOutcome.Eligible : EligibilityOutcome.Ineligible);
        if (eligible)
        {
            decision.Amount.ShouldBe(10_000);
            decision.BeneficiaryId.ShouldBe("S1");
        }
        else
        {
            decision.ResidentMessage.ShouldBe("令和8年度の高校生世代に該当しないため、対象外です。ご不明な点は当麻町役場 子育て支援課までお問い合わせください。");
        }
    }

    [Fact]
    public async Task The_vaccination_ticket_program_takes_issued_tickets_of_residents_aged_65_on_the_reference_date()
    {
        var program = await LoadSampleAsync("influenza-vaccination-tickets.json");
        var sixtyFive = Resident("V1", "HV1", "接種 一", new DateOnly(1961, 10, 2)); // attains 65 on 2026-10-01, the reference date
        var sixtyFour = Resident("V2", "HV2", "接種 二", new DateOnly(1961, 10, 3));
        var register = ResidentRegister.Create([sixtyFive, sixtyFour]);
        var tickets = TicketNumbers.Generate(program.Key!, 3);
        var issued = IssuedKeys.Create([new(tickets[0], "V1"), new(tickets[1], "V2")]);
        var options = Options(issued);

        var ok = EligibilityEvaluator.EvaluateKey(program, tickets[0][..5] + "-" + tickets[0][5..], register, options);
        ok.Outcome.ShouldBe(EligibilityOutcome.Eligible, ok.ToString());
        ok.Amount.ShouldBe(3000);
        ok.BeneficiaryId.ShouldBe("V1"); // the person: every ticket of theirs claims the same
        ok.Key.ShouldBe(tickets[0]);
        ok.Resident!.ResidentId.ShouldBe("V1");

        EligibilityEvaluator.EvaluateKey(program, tickets[1], register, options).ReasonCodes.ShouldBe([EligibilityReasonCodes.OutsideAgeBand]);
        EligibilityEvaluator.EvaluateKey(program, tickets[2], register, options).ReasonCodes.ShouldBe([EligibilityReasonCodes.KeyNotIssued]);
        EligibilityEvaluator.EvaluateKey(program, SwapFirstDifferentPair(tickets[0]), register, options).ReasonCodes.ShouldBe([EligibilityReasonCodes.KeyCheckDigitMismatch]);
        EligibilityEvaluator.EvaluateKey(program, tickets[0][..9], register, options).ReasonCodes.ShouldBe([EligibilityReasonCodes.KeyMalformed]);

        // With the card, the same resident's application finds the ticket: one claim key whichever way they apply.
        var byCard = EligibilityEvaluator.Evaluate(program, IdentityOf(sixtyFive), register, options);
        byCard.Outcome.ShouldBe(EligibilityOutcome.Eligible);
        byCard.BeneficiaryId.ShouldBe("V1");
        byCard.Key.ShouldBe(tickets[0]);
    }

    [Fact]
    public async Task A_ticket_voided_by_a_re_issue_no_longer_resolves()
    {
        var program = await LoadSampleAsync("influenza-vaccination-tickets.json");
        var senior = Resident("V1", "HV1", "接種 一", new DateOnly(1950, 1, 1));
        var register = ResidentRegister.Create([senior]);
        var tickets = TicketNumbers.Generate(program.Key!, 2);
        var issued = IssuedKeys.Create([new(tickets[0], "V1"), new(tickets[1], "V1")]);

        issued.IsVoided(tickets[0]).ShouldBeTrue();
        issued.IsVoided(tickets[1]).ShouldBeFalse();
        issued.ResidentFor(tickets[0]).ShouldBeNull();
        issued.ResidentFor(tickets[1]).ShouldBe("V1");
        issued.KeyFor("V1").ShouldBe(tickets[1]);

        var old = EligibilityEvaluator.EvaluateKey(program, tickets[0], register, Options(issued));
        old.Outcome.ShouldBe(EligibilityOutcome.Ineligible);
        old.ReasonCodes.ShouldBe([EligibilityReasonCodes.KeyVoided]);
        old.Amount.ShouldBeNull();
        old.BeneficiaryId.ShouldBeNull();
        EligibilityEvaluator.EvaluateKey(program, tickets[1], register, Options(issued)).Outcome.ShouldBe(EligibilityOutcome.Eligible);
    }

    [Fact]
    public void A_baby_born_after_the_reference_date_is_never_counted_even_when_the_register_has_no_residency_date()
    {
        // The register row says nothing of when the baby became a resident: the date of birth alone must exclude it.
        var parent = Resident("B1", "HB", "出生 母", new DateOnly(1990, 1, 1), head: true);
        var unborn = Resident("B2", "HB", "出生 子", new DateOnly(2026, 11, 20));
        var register = ResidentRegister.Create([parent, unborn]);
        var children = new BenefitProgramBuilder("kids", "子育て応援", ReferenceDate)
            .PerHousehold()
            .ResidentsOf(Prefecture, Tohma)
            .AgedBetween(null, 18)
            .AmountPerPerson(50_000)
            .AcceptApplicationDays(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31))
            .AcceptChannels(ApplicationChannel.Line)
            .Build();
        var byAge = new BenefitProgramBuilder("byage", "年齢別", ReferenceDate)
            .PerHousehold()
            .ResidentsOf(Prefecture, Tohma)
            .WithAmount(ProgramAmount.ByAge([new AmountTableRow(null, 18, 30_000), new AmountTableRow(19, null, 10_000)]))
            .AcceptApplicationDays(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31))
            .AcceptChannels(ApplicationChannel.Line)
            .Build();

        var decision = EligibilityEvaluator.Evaluate(children, IdentityOf(parent), register, Options());
        decision.HouseholdMembers.Select(m => m.ResidentId).ShouldBe(["B1"]);
        decision.CountedMembers.ShouldBeEmpty();
        decision.ReasonCodes.ShouldBe([EligibilityReasonCodes.NoEligibleMember]);

        var points = EligibilityEvaluator.Evaluate(Points, IdentityOf(parent), register, Options());
        points.Amount.ShouldBe(10_000);
        EligibilityEvaluator.Evaluate(byAge, IdentityOf(parent), register, Options()).Amount.ShouldBe(10_000);
        byAge.Amount.For([parent, unborn], ReferenceDate).ShouldBe(10_000);

        var self = EligibilityEvaluator.Evaluate(Points, IdentityOf(unborn), register, Options());
        self.Outcome.ShouldNotBe(EligibilityOutcome.Eligible);
        self.Amount.ShouldBeNull();
    }

    [Fact]
    public void The_decision_names_the_head_of_household_as_payee_and_its_lists_are_read_only()
    {
        var decision = EligibilityEvaluator.Evaluate(Points, IdentityOf(Mother), Register, Options());

        decision.Payee!.ResidentId.ShouldBe("R001");
        (decision.CountedMembers is List<Resident>).ShouldBeFalse();
        (decision.CountedMembers as IList<Resident>)?.IsReadOnly.ShouldBeTrue();
        (decision.HouseholdMembers as IList<Resident>)?.IsReadOnly.ShouldBeTrue();

        var headless = ResidentRegister.Create([Resident("N1", "HN", "世帯 無主", new DateOnly(1980, 1, 1))]);
        EligibilityEvaluator.Evaluate(Points, IdentityOf(headless.Find("N1")!), headless, Options()).Payee!.ResidentId.ShouldBe("N1");
    }

    [Fact]
    public async Task Without_an_issued_list_a_well_formed_ticket_is_a_bearer_voucher()
    {
        var program = await LoadSampleAsync("influenza-vaccination-tickets.json");
        var ticket = TicketNumbers.Generate(program.Key!, 1)[0];

        var decision = EligibilityEvaluator.EvaluateKey(program, ticket, ResidentRegister.Create([]), Options());

        decision.Outcome.ShouldBe(EligibilityOutcome.Eligible);
        decision.Amount.ShouldBe(3000);
        decision.Resident.ShouldBeNull();
        decision.BeneficiaryId.ShouldBe(ticket);
    }

    [Fact]
    public void A_key_for_a_program_that_is_not_keyed_is_refused()
    {
        EligibilityEvaluator.EvaluateKey(Points, "1234567860", Register, Options()).ReasonCodes.ShouldBe([EligibilityReasonCodes.KeyNotAccepted]);
    }

    [Fact]
    public void A_household_program_for_children_counts_only_the_children_and_refuses_households_without_one()
    {
        var program = new BenefitProgramBuilder("children", "子育て世帯応援給付金", ReferenceDate)
            .PerHousehold()
            .ResidentsOf(Prefecture, Tohma)
            .InCohort(ProgramCohort.EighteenOrUnder)
            .AmountPerPerson(50_000)
            .AcceptApplicationDays(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31))
            .AcceptChannels(ApplicationChannel.Line)
            .Build();

        var parent = EligibilityEvaluator.Evaluate(program, IdentityOf(Father), Register, Options());
        parent.Outcome.ShouldBe(EligibilityOutcome.Eligible);
        parent.CountedMembers.Select(m => m.ResidentId).ShouldBe(["R003", "R004"]);
        parent.Amount.ShouldBe(100_000);

        EligibilityEvaluator.Evaluate(program, IdentityOf(Asahikawa), Register, new EligibilityEvaluationOptions { ResidencyCheck = RegisterResidencyCheck.Instance })
            .ReasonCodes.ShouldBe([EligibilityReasonCodes.NoEligibleMember]);
    }

    [Fact]
    public void Amount_tables_by_age_and_by_household_size()
    {
        var byAge = Builder()
            .WithAmount(ProgramAmount.ByAge([new AmountTableRow(0, 17, 30_000), new AmountTableRow(18, null, 10_000)]))
            .Build();
        EligibilityEvaluator.Evaluate(byAge, IdentityOf(Father), Register, Options()).Amount.ShouldBe(80_000);

        var bySize = Builder()
            .WithAmount(ProgramAmount.ByHouseholdSize([new AmountTableRow(1, 1, 30_000), new AmountTableRow(2, 3, 50_000)]))
            .Build();
        EligibilityEvaluator.Evaluate(bySize, IdentityOf(Asahikawa), Register, TrustRegister()).Amount.ShouldBe(30_000);
        var noRow = EligibilityEvaluator.Evaluate(bySize, IdentityOf(Father), Register, Options());
        noRow.Outcome.ShouldBe(EligibilityOutcome.NeedsReview);
        noRow.ReasonCodes.ShouldBe([EligibilityReasonCodes.AmountNotDetermined]);
    }

    [Fact]
    public void Age_band_gender_and_custom_rules_decide_per_person_programs()
    {
        var program = new BenefitProgramBuilder("checkup", "女性健診助成", ReferenceDate)
            .PerPerson()
            .ResidentsOf(Prefecture, Tohma)
            .AgedBetween(40, 64)
            .OfGender(JpkiGender.Female)
            .Require(new CustomEligibilityRule("HeadOfHouseholdExcluded", "世帯主の方は対象外です。", c => !c.Applicant.IsHeadOfHousehold))
            .FixedAmount(5_000)
            .AcceptApplicationDays(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31))
            .AcceptChannels(ApplicationChannel.Line)
            .Build();

        EligibilityEvaluator.Evaluate(program, IdentityOf(Mother), Register, Options()).Outcome.ShouldBe(EligibilityOutcome.Eligible);
        EligibilityEvaluator.Evaluate(program, IdentityOf(Father), Register, Options()).ReasonCodes.ShouldBe([EligibilityReasonCodes.GenderNotEligible, "HeadOfHouseholdExcluded"]);
        EligibilityEvaluator.Evaluate(program, IdentityOf(Daughter), Register, Options()).ReasonCodes.ShouldBe([EligibilityReasonCodes.OutsideAgeBand]);
    }

    [Fact]
    public void Messages_and_descriptions_never_carry_anyone_s_name()
    {
        Resident[] everyone = [Father, Mother, Son, Daughter, MovedInLater, MovedAway, TwinA, Asahikawa, Unresolvable];
        foreach (var resident in everyone)
        {
            var decision = EligibilityEvaluator.Evaluate(Points, EligibilityRequest.ForIdentity(IdentityOf(resident), ApplicationChannel.Mail), Register, Options());
            var text = decision.ResidentMessage + string.Concat(decision.Reasons.Select(r => r.ResidentMessage)) + decision;
            foreach (var name in Names)
            {
                text.ShouldNotContain(name);
            }

            decision.ToString().ShouldNotContain("19");
        }
    }

    private static BenefitProgramBuilder Builder() => new BenefitProgramBuilder("table", "表の給付", ReferenceDate)
        .PerHousehold()
        .ResidentsOf(Prefecture, Tohma)
        .AcceptApplicationDays(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31))
        .AcceptChannels(ApplicationChannel.Line);

    private static EligibilityEvaluationOptions TrustRegister() => new() { ResidencyCheck = RegisterResidencyCheck.Instance };

    private static string SwapFirstDifferentPair(string s)
    {
        var i = Enumerable.Range(0, s.Length - 1).First(i => s[i] != s[i + 1]);
        return s[..i] + s[i + 1] + s[i] + s[(i + 2)..];
    }

    private static IEnumerable<Resident> Register_Residents() =>
        [Father, Mother, Son, Daughter, Newborn, MovedInLater, MovedAway, TwinA, TwinB, Asahikawa, Unresolvable];
}
