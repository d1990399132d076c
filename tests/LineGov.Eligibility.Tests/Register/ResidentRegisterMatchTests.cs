using LineGov.Jpki;

namespace LineGov.Eligibility.Tests.Register;

public sealed class ResidentRegisterMatchTests
{
    private static readonly DateOnly ReferenceDate = new(2025, 4, 1);
    private static readonly DateOnly Born = new(1980, 5, 17);
    private const string Home = "北海道上川郡当麻町3条東2丁目11番1号";
    private const string Elsewhere = "北海道旭川市1条通8丁目108番地";

    private static Resident Person(
        string id,
        string name = "試験 太郎",
        DateOnly? born = null,
        JpkiGender gender = JpkiGender.Male,
        string address = Home,
        string household = "H1",
        DateOnly? became = null,
        DateOnly? removed = null) =>
        new(id, household, name, born ?? Born, gender, address, becameResidentOn: became, removedOn: removed);

    private static JpkiFourFacts Identity(
        string name = "試験\u3000太郎",
        DateOnly? born = null,
        JpkiGender gender = JpkiGender.Male,
        string address = Home,
        string nameFlags = "") =>
        new(new JpkiName(name, nameFlags), JpkiDateOfBirth.FromDate(born ?? Born), gender, new JpkiAddress(address));

    [Fact]
    public void The_one_resident_with_the_same_name_date_of_birth_and_gender_is_matched()
    {
        var register = ResidentRegister.Create([Person("1"), Person("2", name: "試験 次郎"), Person("3", born: Born.AddDays(1))]);

        var match = register.Match(Identity(), ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.Matched);
        match.Resident!.ResidentId.ShouldBe("1");
        match.Match!.NameMatch.IsMatch.ShouldBeTrue();
        match.Match.AddressMatches.ShouldBeTrue();
        match.Match.IsResidentOnReferenceDate.ShouldBeTrue();
        match.Candidates.Count.ShouldBe(1);
    }

    [Fact]
    public void Half_and_full_width_spaces_in_the_registered_name_do_not_matter()
    {
        var register = ResidentRegister.Create([Person("1", name: "試験\u3000太郎")]);

        register.Match(Identity(), ReferenceDate).Outcome.ShouldBe(ResidentMatchOutcome.Matched);
    }

    [Theory]
    [InlineData("2025-04-02", true)] // removed after the reference date: still counts (judged on where they lived then)
    [InlineData("2025-04-01", false)] // removed on the reference date: no longer a resident that day
    [InlineData("2024-12-31", false)]
    public void A_removed_resident_counts_until_the_day_before_removal(string removedOn, bool matched)
    {
        var register = ResidentRegister.Create([Person("1", removed: DateOnly.Parse(removedOn, System.Globalization.CultureInfo.InvariantCulture))]);

        var match = register.Match(Identity(address: Elsewhere), ReferenceDate);

        match.Outcome.ShouldBe(matched ? ResidentMatchOutcome.Matched : ResidentMatchOutcome.NotFound);
        var candidate = match.Candidates.ShouldHaveSingleItem();
        candidate.IsResidentOnReferenceDate.ShouldBe(matched);
        candidate.Resident.ResidentId.ShouldBe("1");
    }

    [Theory]
    [InlineData("2025-04-01", true)]
    [InlineData("2025-04-02", false)]
    public void A_resident_counts_from_the_day_they_became_one(string becameOn, bool matched)
    {
        var register = ResidentRegister.Create([Person("1", became: DateOnly.Parse(becameOn, System.Globalization.CultureInfo.InvariantCulture))]);

        var match = register.Match(Identity(), ReferenceDate);

        match.Outcome.ShouldBe(matched ? ResidentMatchOutcome.Matched : ResidentMatchOutcome.NotFound);
        match.Candidates.ShouldHaveSingleItem().IsResidentOnReferenceDate.ShouldBe(matched);
    }

    [Theory]
    [InlineData(JpkiGender.Male, JpkiGender.Male, ResidentMatchOutcome.Matched)]
    [InlineData(JpkiGender.Male, JpkiGender.Female, ResidentMatchOutcome.NotFound)]
    [InlineData(JpkiGender.Unknown, JpkiGender.Female, ResidentMatchOutcome.Matched)]
    [InlineData(JpkiGender.Male, JpkiGender.Unknown, ResidentMatchOutcome.Matched)]
    public void Gender_must_agree_unless_either_side_is_unknown(JpkiGender verified, JpkiGender registered, ResidentMatchOutcome expected)
    {
        var register = ResidentRegister.Create([Person("1", gender: registered)]);

        register.Match(Identity(gender: verified), ReferenceDate).Outcome.ShouldBe(expected);
    }

    [Fact]
    public void A_different_date_of_birth_or_name_is_not_found_and_has_no_candidates()
    {
        var register = ResidentRegister.Create([Person("1")]);

        var otherDay = register.Match(Identity(born: Born.AddDays(-1)), ReferenceDate);
        var otherName = register.Match(Identity(name: "試験\u3000花子"), ReferenceDate);

        otherDay.Outcome.ShouldBe(ResidentMatchOutcome.NotFound);
        otherDay.Candidates.ShouldBeEmpty();
        otherName.Outcome.ShouldBe(ResidentMatchOutcome.NotFound);
        otherName.Candidates.ShouldBeEmpty();
    }

    [Fact]
    public void Of_two_namesakes_born_the_same_day_the_one_at_the_verified_address_is_matched()
    {
        var register = ResidentRegister.Create([
            Person("1", address: Elsewhere, household: "H1"),
            Person("2", address: Home, household: "H2"),
        ]);

        var match = register.Match(Identity(), ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.Matched);
        match.Resident!.ResidentId.ShouldBe("2");
        match.Candidates.Count.ShouldBe(2);
        match.Candidates[0].ShouldBeSameAs(match.Match);
        match.Candidates[1].AddressMatches.ShouldBeFalse();
    }

    [Fact]
    public void The_address_is_compared_after_normalization()
    {
        // Full-width digits: equal once normalized (by the placeholder's NFKC as by the full normalizer).
        var register = ResidentRegister.Create([
            Person("1", address: "北海道上川郡当麻町3条東2丁目11番1号"),
            Person("2", address: Elsewhere, household: "H2"),
        ]);

        var match = register.Match(Identity(address: "北海道上川郡当麻町３条東２丁目１１番１号"), ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.Matched);
        match.Resident!.ResidentId.ShouldBe("1");
    }

    [Fact]
    public void Namesakes_born_the_same_day_that_the_address_cannot_separate_are_ambiguous_with_both_as_candidates()
    {
        var register = ResidentRegister.Create([
            Person("1", address: Elsewhere, household: "H1"),
            Person("2", address: "東京都千代田区千代田1番1号", household: "H2"),
        ]);

        var match = register.Match(Identity(), ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.Ambiguous);
        match.Match.ShouldBeNull();
        match.Resident.ShouldBeNull();
        match.Candidates.Select(c => c.Resident.ResidentId).ShouldBe(["1", "2"]);
        match.Candidates.ShouldAllBe(c => c.IsResidentOnReferenceDate && !c.AddressMatches);
    }

    [Fact]
    public void Namesakes_at_the_same_address_are_ambiguous()
    {
        var register = ResidentRegister.Create([Person("1"), Person("2", household: "H2")]);

        var match = register.Match(Identity(), ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.Ambiguous);
        match.Candidates.Count.ShouldBe(2);
        match.Candidates.ShouldAllBe(c => c.AddressMatches);
    }

    [Fact]
    public void A_namesake_who_was_not_a_resident_on_the_date_does_not_make_the_match_ambiguous_but_is_listed_after_it()
    {
        var register = ResidentRegister.Create([
            Person("1", removed: new DateOnly(2020, 1, 1)),
            Person("2", household: "H2"),
        ]);

        var match = register.Match(Identity(), ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.Matched);
        match.Resident!.ResidentId.ShouldBe("2");
        match.Candidates.Select(c => (c.Resident.ResidentId, c.IsResidentOnReferenceDate)).ShouldBe([("2", true), ("1", false)]);
    }

    [Fact]
    public void A_namesake_who_moved_in_after_the_date_and_applies_from_their_own_address_is_not_matched_to_the_resident()
    {
        // Y was a resident on the date; X (same name, date of birth and gender) moved in later and applies with X's address.
        var register = ResidentRegister.Create([
            Person("Y", address: Elsewhere, household: "H1"),
            Person("X", address: Home, household: "H2", became: new DateOnly(2025, 6, 1)),
        ]);

        var match = register.Match(Identity(address: Home), ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.Ambiguous);
        match.Match.ShouldBeNull();
        match.Candidates.Select(c => (c.Resident.ResidentId, c.IsResidentOnReferenceDate, c.AddressMatches))
            .ShouldBe([("Y", true, false), ("X", false, true)]);
    }

    [Fact]
    public void A_namesake_who_moved_in_after_the_date_at_an_address_no_closer_leaves_the_resident_matched()
    {
        var register = ResidentRegister.Create([
            Person("Y", address: Home, household: "H1"),
            Person("X", address: Elsewhere, household: "H2", became: new DateOnly(2025, 6, 1)),
        ]);

        var match = register.Match(Identity(address: Home), ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.Matched);
        match.Resident!.ResidentId.ShouldBe("Y");
        match.Candidates.Select(c => c.Resident.ResidentId).ShouldBe(["Y", "X"]);
    }

    [Fact]
    public void A_namesake_who_moved_in_after_the_date_outranking_the_best_of_several_residents_makes_it_ambiguous()
    {
        var register = ResidentRegister.Create([
            Person("Y1", address: Elsewhere, household: "H1"),
            Person("Y2", address: "北海道上川郡当麻町3条東2丁目5番1号", household: "H2"),
            Person("X", address: Home, household: "H3", became: new DateOnly(2025, 6, 1)),
        ]);

        var match = register.Match(Identity(address: Home), ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.Ambiguous);
        match.Candidates.Count.ShouldBe(3);
    }

    [Fact]
    public void A_lone_candidate_is_matched_on_the_fast_path_whatever_its_address()
    {
        // The slot holds one resident: no one else could be the applicant, so the address is not needed to decide.
        var register = ResidentRegister.Create([
            Person("Y", address: Elsewhere, household: "H1"),
            Person("Z", name: "別人 次郎", address: Home, household: "H2", became: new DateOnly(2025, 6, 1)),
        ]);

        var match = register.Match(Identity(address: Home), ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.Matched);
        match.Resident!.ResidentId.ShouldBe("Y");
        match.Candidates.ShouldHaveSingleItem().AddressMatches.ShouldBeFalse();
    }

    [Fact]
    public void An_unknown_date_of_birth_is_never_matched_automatically_but_lists_the_namesakes_for_staff()
    {
        var register = ResidentRegister.Create([
            Person("1", born: new DateOnly(1950, 1, 1)),
            Person("2", born: new DateOnly(1990, 1, 1), household: "H2", removed: new DateOnly(2000, 1, 1)),
            Person("3", name: "試験 次郎", household: "H3"),
        ]);
        var identity = new JpkiFourFacts(new JpkiName("試験\u3000太郎"), JpkiDateOfBirth.Unknown, JpkiGender.Male, new JpkiAddress(Home));

        var match = register.Match(identity, ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.Ambiguous);
        match.Candidates.Select(c => (c.Resident.ResidentId, c.IsResidentOnReferenceDate)).ShouldBe([("1", true), ("2", false)]);
    }

    [Fact]
    public void An_unknown_date_of_birth_whose_namesakes_all_left_is_not_found()
    {
        var register = ResidentRegister.Create([Person("1", removed: new DateOnly(2000, 1, 1))]);
        var identity = new JpkiFourFacts(new JpkiName("試験\u3000太郎"), JpkiDateOfBirth.Unknown, JpkiGender.Male, new JpkiAddress(Home));

        var match = register.Match(identity, ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.NotFound);
        match.Candidates.ShouldHaveSingleItem().IsResidentOnReferenceDate.ShouldBeFalse();
    }

    [Fact]
    public void A_name_with_alternate_characters_is_found_by_scanning_its_date_of_birth()
    {
        var register = ResidentRegister.Create([
            Person("1"),
            Person("2", name: "別人 太郎", household: "H2"),
            Person("3", born: Born.AddDays(1), household: "H3"),
        ]);

        // The flagged character is the registered one here, so both the placeholder and the full name matcher accept it.
        var match = register.Match(Identity(nameFlags: "10000"), ReferenceDate);

        match.Outcome.ShouldBe(ResidentMatchOutcome.Matched);
        match.Resident!.ResidentId.ShouldBe("1");
    }

    [Fact]
    public void Find_returns_the_resident_by_id_or_null()
    {
        var register = ResidentRegister.Create([Person("100"), Person("200", household: "H2")]);

        register.Find("200")!.HouseholdId.ShouldBe("H2");
        register.Find("300").ShouldBeNull();
        register.Count.ShouldBe(2);
    }

    [Fact]
    public void Two_residents_with_one_id_are_refused_without_naming_the_id()
    {
        var error = Should.Throw<ArgumentException>(() => ResidentRegister.Create([Person("12345"), Person("12345", household: "H2")]));

        error.Message.ShouldNotContain("12345");
    }

    [Fact]
    public void Household_members_are_those_who_were_residents_on_the_date()
    {
        var register = ResidentRegister.Create([
            Person("1", household: "H1"),
            Person("2", household: "H2"),
            Person("3", household: "H1", became: new DateOnly(2025, 6, 1)),
            Person("4", household: "H1", removed: new DateOnly(2025, 5, 1)),
            Person("5", household: "H1", removed: new DateOnly(2024, 5, 1)),
        ]);

        register.HouseholdMembers("H1", ReferenceDate).Select(r => r.ResidentId).ShouldBe(["1", "4"]);
        register.HouseholdMembers("H1", new DateOnly(2025, 7, 1)).Select(r => r.ResidentId).ShouldBe(["1", "3"]);
        register.HouseholdMembers("H2", ReferenceDate).Select(r => r.ResidentId).ShouldBe(["2"]);
        register.HouseholdMembers("H9", ReferenceDate).ShouldBeEmpty();
    }

    [Fact]
    public void A_baby_born_after_the_date_without_a_became_resident_date_is_not_a_member_on_it()
    {
        var baby = new DateOnly(2025, 6, 10);
        var register = ResidentRegister.Create([
            Person("1", household: "H1"),
            Person("2", name: "試験 一郎", born: baby, household: "H1"),
        ]);

        register.Find("2")!.IsResidentOn(ReferenceDate).ShouldBeFalse();
        register.Find("2")!.IsResidentOn(baby.AddDays(-1)).ShouldBeFalse();
        register.Find("2")!.IsResidentOn(baby).ShouldBeTrue();
        register.HouseholdMembers("H1", ReferenceDate).Select(r => r.ResidentId).ShouldBe(["1"]);
        register.HouseholdMembers("H1", new DateOnly(2025, 7, 1)).Select(r => r.ResidentId).ShouldBe(["1", "2"]);
        var match = register.Match(Identity(name: "試験 一郎", born: baby), ReferenceDate);
        match.Outcome.ShouldBe(ResidentMatchOutcome.NotFound);
        match.Candidates.ShouldHaveSingleItem().IsResidentOnReferenceDate.ShouldBeFalse();
    }

    [Fact]
    public void Results_print_no_personal_data()
    {
        var register = ResidentRegister.Create([Person("1")]);

        var match = register.Match(Identity(), ReferenceDate);

        match.ToString().ShouldNotContain("試験");
        match.Match!.ToString().ShouldNotContain("試験");
        match.Match.ToString().ShouldNotContain("当麻");
    }

    [Fact]
    public void Residents_and_candidates_print_the_household_but_not_the_resident_id()
    {
        var register = ResidentRegister.Create([Person("R-98765", household: "H-42")]);

        var match = register.Match(Identity(), ReferenceDate);

        match.Resident!.ToString().ShouldNotContain("98765");
        match.Resident.ToString().ShouldContain("H-42");
        match.Match!.ToString().ShouldNotContain("98765");
        match.Match.ToString().ShouldContain("H-42");
    }

    [Fact]
    public void A_large_register_matches_every_member_and_lists_households_by_index()
    {
        // 20,000 residents in 8,000 households, namesakes included: the index must agree with a plain scan.
        var residents = new List<Resident>();
        var random = new Random(5);
        for (var i = 0; i < 20_000; i++)
        {
            residents.Add(Person(
                $"R{i}",
                name: $"姓{random.Next(30)} 名{random.Next(30)}",
                born: new DateOnly(1950, 1, 1).AddDays(random.Next(200)),
                gender: random.Next(2) == 0 ? JpkiGender.Male : JpkiGender.Female,
                household: $"H{i % 8_000}",
                address: $"北海道上川郡当麻町{i % 8_000}番"));
        }

        var register = ResidentRegister.Create(residents);
        foreach (var resident in residents.Where((_, i) => i % 37 == 0))
        {
            var identity = Identity(resident.Name.Replace(' ', '\u3000'), resident.DateOfBirth, resident.Gender, resident.Address);
            var expected = residents.Where(r => r.Name == resident.Name && r.DateOfBirth == resident.DateOfBirth && r.Gender == resident.Gender).ToList();

            var match = register.Match(identity, ReferenceDate);

            match.Candidates.Select(c => c.Resident).ShouldBe(expected, ignoreOrder: true);
            if (expected.Count(r => r.Address == resident.Address) == 1)
            {
                match.Resident.ShouldBeSameAs(resident);
            }
            else
            {
                match.Outcome.ShouldBe(ResidentMatchOutcome.Ambiguous);
            }
        }

        register.HouseholdMembers("H7", ReferenceDate).Select(r => r.ResidentId).ShouldBe(["R7", "R8007", "R16007"]);
    }
}
