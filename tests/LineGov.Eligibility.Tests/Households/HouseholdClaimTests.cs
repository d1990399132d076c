using LineGov.Jpki;
using static LineGov.Eligibility.Tests.ProgramTestKit;

namespace LineGov.Eligibility.Tests.Households;

public sealed class HouseholdClaimTests
{
    private static readonly DateTimeOffset December1 = new(2026, 12, 1, 10, 30, 0, TimeSpan.FromHours(9));

    private static readonly Resident Father = Resident("R001", "H1", "当麻 太郎", new DateOnly(1980, 5, 10), JpkiGender.Male, head: true);
    private static readonly Resident Mother = Resident("R002", "H1", "当麻 花子", new DateOnly(1982, 7, 1));
    private static readonly Resident Neighbour = Resident("R010", "H2", "伊香 牛男", new DateOnly(1990, 1, 1), JpkiGender.Male);
    private static readonly ResidentRegister Register = ResidentRegister.Create([Father, Mother, Neighbour]);

    [Fact]
    public async Task The_second_member_of_a_household_learns_at_once_when_and_through_which_channel_it_applied()
    {
        var program = await LoadSampleAsync("tohma-points.json");
        var book = new InMemoryHouseholdClaimBook(new FixedTime(December1));
        var options = Options();

        var first = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(Father), ApplicationChannel.Counter, December1), "A-1", Register, book, options);
        var second = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(Mother), ApplicationChannel.Line, December1.AddDays(3)), "A-2", Register, book, options);

        first.Status.ShouldBe(ApplicationStatus.Received);
        first.Amount.ShouldBe(20_000);
        first.ResidentMessage.ShouldBe("申請を受け付けました。世帯2人分として20,000ポイントを支給する予定です。");
        second.Status.ShouldBe(ApplicationStatus.AlreadyApplied);
        second.Amount.ShouldBeNull();
        second.Claim!.ApplicationId.ShouldBe("A-1");
        second.Reasons.Select(r => r.Code).ShouldBe([EligibilityReasonCodes.HouseholdAlreadyApplied]);
        second.ResidentMessage.ShouldBe("お住まいの世帯はすでに令和8年12月1日に窓口で申請済みです。ご不明な点は当麻町役場 福祉課までお問い合わせください。");
        second.ResidentMessage.ShouldNotContain("太郎");
        book.Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_application_asking_again_is_received_again_and_changes_nothing()
    {
        var program = await LoadSampleAsync("tohma-points.json");
        var book = new InMemoryHouseholdClaimBook(new FixedTime(December1));
        var request = EligibilityRequest.ForIdentity(IdentityOf(Father), ApplicationChannel.Line, December1);

        var first = await EligibilityApplications.ApplyAsync(program, request, "A-1", Register, book, Options());
        var again = await EligibilityApplications.ApplyAsync(program, request, "A-1", Register, book, Options());

        // Even when the retry arrives after the window closed, the application that holds the claim is received.
        var late = await EligibilityApplications.ApplyAsync(program, request.ReceivedOn(December1.AddYears(1)), "A-1", Register, book, Options());

        first.Status.ShouldBe(ApplicationStatus.Received);
        again.Status.ShouldBe(ApplicationStatus.Received);
        late.Status.ShouldBe(ApplicationStatus.Received);
        again.Claim.ShouldBeSameAs(first.Claim);
        book.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Ineligible_and_review_applications_claim_nothing_but_learn_of_an_existing_claim()
    {
        var program = await LoadSampleAsync("tohma-points.json");
        var book = new InMemoryHouseholdClaimBook(new FixedTime(December1));

        var byMail = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(Father), ApplicationChannel.Mail, December1), "M-1", Register, book, Options());
        byMail.Status.ShouldBe(ApplicationStatus.Ineligible);
        book.Count.ShouldBe(0);

        await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(Father), ApplicationChannel.Line, December1), "L-1", Register, book, Options());
        var motherByMail = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(Mother), ApplicationChannel.Mail, December1), "M-2", Register, book, Options());

        motherByMail.Status.ShouldBe(ApplicationStatus.AlreadyApplied);
        motherByMail.Reasons.Select(r => r.Code).ShouldBe([EligibilityReasonCodes.ChannelNotAccepted, EligibilityReasonCodes.HouseholdAlreadyApplied]);

        var stranger = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(Identity("存在 しない", new DateOnly(1999, 9, 9)), ApplicationChannel.Line, December1), "L-2", Register, book, Options());
        stranger.Status.ShouldBe(ApplicationStatus.NeedsReview);
        stranger.Claim.ShouldBeNull();
    }

    [Fact]
    public async Task A_ticket_is_usable_once()
    {
        var program = await LoadSampleAsync("influenza-vaccination-tickets.json");
        var ticket = TicketNumbers.Generate(program.Key!, 1)[0];
        var book = new InMemoryHouseholdClaimBook(new FixedTime(December1));
        var at = new DateTimeOffset(2026, 10, 15, 9, 0, 0, TimeSpan.FromHours(9));

        var first = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForKey(ticket, ApplicationChannel.Counter, at), "T-1", Register, book, Options());
        var second = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForKey(ticket, ApplicationChannel.Line, at), "T-2", Register, book, Options());

        first.Status.ShouldBe(ApplicationStatus.Received);
        second.Status.ShouldBe(ApplicationStatus.AlreadyApplied);
        second.Reasons.Single().Code.ShouldBe(EligibilityReasonCodes.KeyAlreadyUsed);
        // The claim is dated by the first application's arrival (15 October), not by the book's clock (1 December).
        second.ResidentMessage.ShouldStartWith("この番号はすでに令和8年10月15日に窓口で使用されています。");
        first.Claim!.ClaimedAt.ShouldBe(at);
    }

    [Fact]
    public async Task A_re_issued_ticket_voids_the_earlier_one_and_the_resident_is_paid_once()
    {
        var program = await LoadSampleAsync("influenza-vaccination-tickets.json");
        var senior = Resident("V1", "HV1", "接種 一", new DateOnly(1950, 1, 1));
        var register = ResidentRegister.Create([senior]);
        var tickets = TicketNumbers.Generate(program.Key!, 2);
        var options = Options(IssuedKeys.Create([new(tickets[0], "V1"), new(tickets[1], "V1")]));
        var book = new InMemoryHouseholdClaimBook(new FixedTime(December1));
        var at = new DateTimeOffset(2026, 10, 15, 9, 0, 0, TimeSpan.FromHours(9));

        var byNew = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForKey(tickets[1], ApplicationChannel.Counter, at), "T-1", register, book, options);
        var byOld = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForKey(tickets[0], ApplicationChannel.Line, at), "T-2", register, book, options);

        byNew.Status.ShouldBe(ApplicationStatus.Received);
        byOld.Status.ShouldNotBe(ApplicationStatus.Received);
        byOld.Reasons.Select(r => r.Code).ShouldContain(EligibilityReasonCodes.KeyVoided);
        byOld.Amount.ShouldBeNull();
        book.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Two_members_of_one_household_with_their_own_tickets_claim_the_household_once()
    {
        var spec = new ProgramKeySpec(ProgramKeyKind.Ticket, 10);
        var program = new BenefitProgramBuilder("hh-tickets", "世帯商品券", new DateOnly(2026, 11, 1))
            .PerHousehold()
            .ResidentsOf(Prefecture, Tohma)
            .FixedAmount(20_000)
            .AcceptApplicationDays(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31))
            .AcceptChannels(ApplicationChannel.Line, ApplicationChannel.Counter)
            .KeyedBy(spec)
            .Build();
        var tickets = TicketNumbers.Generate(spec, 2);
        var options = Options(IssuedKeys.Create([new(tickets[0], Father.ResidentId), new(tickets[1], Mother.ResidentId)]));
        var book = new InMemoryHouseholdClaimBook(new FixedTime(December1));

        var father = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForKey(tickets[0], ApplicationChannel.Line, December1), "K-1", Register, book, options);
        var mother = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForKey(tickets[1], ApplicationChannel.Counter, December1), "K-2", Register, book, options);
        var motherByCard = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(Mother), ApplicationChannel.Line, December1), "K-3", Register, book, options);

        father.Status.ShouldBe(ApplicationStatus.Received);
        father.Decision.BeneficiaryId.ShouldBe("H1");
        father.Decision.Key.ShouldBe(tickets[0]);
        mother.Status.ShouldBe(ApplicationStatus.AlreadyApplied);
        mother.Claim!.ApplicationId.ShouldBe("K-1");
        motherByCard.Status.ShouldBe(ApplicationStatus.AlreadyApplied);
        book.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_application_id_reused_by_another_member_needs_review_and_is_never_received_twice()
    {
        var program = await LoadSampleAsync("tohma-points.json");
        var book = new InMemoryHouseholdClaimBook(new FixedTime(December1));

        var father = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(Father), ApplicationChannel.Line, December1), "A-1", Register, book, Options());
        var mother = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(Mother), ApplicationChannel.Line, December1), "A-1", Register, book, Options());
        var motherLate = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(Mother), ApplicationChannel.Mail, December1), "A-1", Register, book, Options());
        var fatherAgain = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(Father), ApplicationChannel.Line, December1), "A-1", Register, book, Options());

        father.Status.ShouldBe(ApplicationStatus.Received);
        father.Claim!.ApplicantId.ShouldBe("R001");
        mother.Status.ShouldBe(ApplicationStatus.NeedsReview);
        mother.Amount.ShouldBeNull();
        mother.Reasons.Select(r => r.Code).ShouldBe([EligibilityReasonCodes.DuplicateApplicationId]);
        motherLate.Status.ShouldBe(ApplicationStatus.NeedsReview);
        motherLate.Reasons.Select(r => r.Code).ShouldContain(EligibilityReasonCodes.DuplicateApplicationId);
        fatherAgain.Status.ShouldBe(ApplicationStatus.Received);
    }

    [Fact]
    public async Task A_book_that_does_not_override_the_claim_overload_still_claims_with_its_own_clock()
    {
        var program = await LoadSampleAsync("tohma-points.json");
        var book = new LegacyBook(new InMemoryHouseholdClaimBook(new FixedTime(December1)));

        var first = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(Father), ApplicationChannel.Line, December1.AddDays(2)), "A-1", Register, book, Options());

        first.Status.ShouldBe(ApplicationStatus.Received);
        first.Claim!.ClaimedAt.ShouldBe(December1);
        first.Claim.ApplicantId.ShouldBeNull();
    }

    [Theory]
    [InlineData("LINE")]
    [InlineData("Line")]
    [InlineData(" line ")]
    public void Channel_codes_are_compared_without_case(string code)
    {
        var channel = new ApplicationChannel(code);

        channel.ShouldBe(ApplicationChannel.Line);
        channel.GetHashCode().ShouldBe(ApplicationChannel.Line.GetHashCode());
        channel.DisplayName.ShouldBe("LINE");
    }

    [Fact]
    public void The_default_channel_is_unknown_not_null()
    {
        var channel = default(ApplicationChannel);

        channel.Value.ShouldBe("unknown");
        channel.ToString().ShouldBe("unknown");
        channel.DisplayName.ShouldBe("unknown");
        channel.ShouldBe(new ApplicationChannel("UNKNOWN"));
    }

    [Fact]
    public async Task A_per_person_program_claims_the_person_not_the_household()
    {
        var program = new BenefitProgramBuilder("person", "個人給付", new DateOnly(2026, 11, 1))
            .PerPerson()
            .ResidentsOf(Prefecture, Tohma)
            .FixedAmount(5_000)
            .AcceptApplicationDays(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31))
            .AcceptChannels(ApplicationChannel.Line)
            .Build();
        var book = new InMemoryHouseholdClaimBook(new FixedTime(December1));

        (await Apply(program, Father, "P-1", book)).Status.ShouldBe(ApplicationStatus.Received);
        (await Apply(program, Mother, "P-2", book)).Status.ShouldBe(ApplicationStatus.Received);
        var again = await Apply(program, Father, "P-3", book);

        again.Status.ShouldBe(ApplicationStatus.AlreadyApplied);
        again.Reasons.Single().Code.ShouldBe(EligibilityReasonCodes.AlreadyApplied);
        again.ResidentMessage.ShouldStartWith("すでに令和8年12月1日にLINEで申請済みです。");
    }

    [Fact]
    public async Task An_application_must_name_its_channel()
    {
        var program = await LoadSampleAsync("tohma-points.json");

        await Should.ThrowAsync<ArgumentException>(async () =>
            await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(Father)), "A-1", Register, new InMemoryHouseholdClaimBook(), Options()));
    }

    [Fact]
    public async Task Of_a_thousand_concurrent_claims_for_one_household_exactly_one_is_first_and_all_see_it()
    {
        var book = new InMemoryHouseholdClaimBook();
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 1000).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await book.TryClaimAsync("p", "H1", $"A-{i}", i % 2 == 0 ? ApplicationChannel.Line : ApplicationChannel.Counter);
        })).ToList();
        start.Set();

        var results = await Task.WhenAll(tasks);

        results.Count(r => r.IsFirstClaim).ShouldBe(1);
        results.Select(r => r.Claim).Distinct().Count().ShouldBe(1);
        var winner = results.Single(r => r.IsFirstClaim).Claim;
        (await book.FindAsync("p", "H1")).ShouldBeSameAs(winner);
        (await book.TryClaimAsync("p", "H1", winner.ApplicationId, ApplicationChannel.Mail)).IsFirstClaim.ShouldBeTrue();
        book.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Members_of_one_household_applying_at_the_same_instant_through_both_channels_get_one_received()
    {
        var program = await LoadSampleAsync("tohma-points.json");
        var members = Enumerable.Range(0, 6)
            .Select(i => Resident($"M{i}", "BIG", $"大家 族{(char)('一' + i)}", new DateOnly(1950 + (i * 7), 1 + i, 1 + i)))
            .ToList();
        var register = ResidentRegister.Create(members);
        var book = new InMemoryHouseholdClaimBook();
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 120).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var request = EligibilityRequest.ForIdentity(IdentityOf(members[i % 6]), i % 2 == 0 ? ApplicationChannel.Line : ApplicationChannel.Counter, December1);
            return await EligibilityApplications.ApplyAsync(program, request, $"A-{i}", register, book, Options());
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        var received = results.Where(r => r.Status == ApplicationStatus.Received).ToList();
        received.Count.ShouldBe(1);
        received[0].Amount.ShouldBe(60_000);
        results.Where(r => r.Status != ApplicationStatus.Received).ShouldAllBe(r => r.Status == ApplicationStatus.AlreadyApplied && r.Claim!.ApplicationId == received[0].ApplicationId);
    }

    private static async Task<ApplicationResult> Apply(BenefitProgram program, Resident resident, string id, HouseholdClaimBook book) =>
        await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(IdentityOf(resident), ApplicationChannel.Line, December1), id, Register, book, Options());

    private sealed class LegacyBook(HouseholdClaimBook inner) : HouseholdClaimBook
    {
        public override ValueTask<HouseholdClaimResult> TryClaimAsync(string programId, string beneficiaryId, string applicationId, ApplicationChannel channel, CancellationToken cancellationToken = default) =>
            inner.TryClaimAsync(programId, beneficiaryId, applicationId, channel, cancellationToken);

        public override ValueTask<HouseholdClaim?> FindAsync(string programId, string beneficiaryId, CancellationToken cancellationToken = default) =>
            inner.FindAsync(programId, beneficiaryId, cancellationToken);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
