using System.Text;
using System.Text.Json.Nodes;
using LineGov.Jpki;

namespace LineGov.Eligibility.Tests.Programs;

public sealed class BenefitProgramJsonTests
{
    private const string Valid = """
        {
          "id": "test-program",
          "name": "テスト給付金",
          "referenceDate": "2026-11-01",
          "unit": "household",
          "eligibility": {
            "residency": [ { "prefecture": "北海道", "municipality": "上川郡当麻町" } ],
            "ageBands": [ { "minAge": 0, "maxAge": 18 } ]
          },
          "amount": { "perPerson": 10000 },
          "applicationWindow": { "from": "2026-12-01", "to": "2027-01-31" },
          "channels": ["line", "counter"],
          "key": { "kind": "ticket", "length": 10 }
        }
        """;

    [Fact]
    public void A_valid_program_is_read_with_every_field()
    {
        var program = BenefitProgramJson.Parse(Valid);

        program.Id.ShouldBe("test-program");
        program.Name.ShouldBe("テスト給付金");
        program.ReferenceDate.ShouldBe(new DateOnly(2026, 11, 1));
        program.FiscalYear.ShouldBe(2026);
        program.IsFiscalYearExplicit.ShouldBeFalse();
        program.Unit.ShouldBe(BenefitUnit.Household);
        program.Eligibility.Areas.Single().Municipality.ShouldBe("上川郡当麻町");
        program.Eligibility.AgeBands.Single().MaxAge.ShouldBe(18);
        program.Amount.Kind.ShouldBe(AmountKind.PerPerson);
        program.Amount.Yen.ShouldBe(10000);
        program.Amount.PaidAs.ShouldBe(PaidAs.Yen);
        program.Channels.ShouldBe([ApplicationChannel.Line, ApplicationChannel.Counter]);
        program.Key!.CheckDigit.ShouldBe(CheckDigitScheme.Damm);
        program.Key.Length.ShouldBe(10);
        program.Contact.ShouldBeNull();
    }

    [Fact]
    public void A_date_as_the_window_end_is_the_last_day_accepted_in_Japan_time()
    {
        var window = BenefitProgramJson.Parse(Valid).ApplicationWindow;

        window.Opens.ShouldBe(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(9)));
        window.Closes.ShouldBe(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.FromHours(9)));
        window.Contains(new DateTimeOffset(2027, 1, 31, 23, 59, 59, TimeSpan.FromHours(9))).ShouldBeTrue();
        window.Contains(new DateTimeOffset(2027, 1, 31, 15, 0, 0, TimeSpan.Zero)).ShouldBeFalse(); // 2027-02-01 00:00 JST
        window.Contains(new DateTimeOffset(2026, 11, 30, 14, 59, 59, TimeSpan.Zero)).ShouldBeFalse();
        window.Contains(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
    }

    [Fact]
    public void A_time_without_an_offset_is_Japan_time()
    {
        var program = BenefitProgramJson.Parse(With(Valid, "applicationWindow.to", "\"2027-01-31T17:00\""));

        program.ApplicationWindow.Closes.ShouldBe(new DateTimeOffset(2027, 1, 31, 17, 0, 0, TimeSpan.FromHours(9)));
    }

    [Theory]
    [InlineData("amount.perPerson", "-5", "$.amount.perPerson", "must be a positive integer (yen)")]
    [InlineData("amount.perPerson", "0", "$.amount.perPerson", "must be a positive integer (yen)")]
    [InlineData("amount.perPerson", "\"10000\"", "$.amount.perPerson", "must be a positive integer (yen)")]
    [InlineData("amount.perPerson", "1.5", "$.amount.perPerson", "must be a positive integer (yen)")]
    [InlineData("amount.perPerson", "100000001", "$.amount.perPerson", "must be a positive integer (yen)")]
    [InlineData("amount.paidAs", "\"coins\"", "$.amount.paidAs", "'coins' is not one of yen, points")]
    [InlineData("amount", "{}", "$.amount", "must have one of fixed, perPerson, byAge or byHouseholdSize")]
    [InlineData("amount", "{\"fixed\": 1, \"perPerson\": 2}", "$.amount", "only one of")]
    [InlineData("amount", "{\"byAge\": [{\"minAge\": 0, \"maxAge\": 10, \"yen\": 1}, {\"minAge\": 5, \"yen\": 2}]}", "$.amount.byAge[1]", "overlaps row 0")]
    [InlineData("amount", "{\"byAge\": [{\"minAge\": 0, \"yen\": 0}]}", "$.amount.byAge[0].yen", "must be a positive integer (yen)")]
    [InlineData("amount", "{\"byAge\": []}", "$.amount.byAge", "at least one row")]
    [InlineData("amount", "{\"byHouseholdSize\": [{\"minMembers\": 0, \"yen\": 5}]}", "$.amount.byHouseholdSize[0].minMembers", "from 1 to 150")]
    [InlineData("unit", "\"family\"", "$.unit", "'family' is not one of person, household")]
    [InlineData("unit", null, "$.unit", "is required")]
    [InlineData("id", null, "$.id", "is required")]
    [InlineData("id", "\"has space\"", "$.id", "ASCII letters")]
    [InlineData("name", "\"\"", "$.name", "non-empty string")]
    [InlineData("name", "42", "$.name", "non-empty string")]
    [InlineData("referenceDate", "\"2026-02-30\"", "$.referenceDate", "must be a date (yyyy-MM-dd)")]
    [InlineData("referenceDate", "\"2026/11/01\"", "$.referenceDate", "must be a date (yyyy-MM-dd)")]
    [InlineData("referenceDate", "20261101", "$.referenceDate", "must be a date (yyyy-MM-dd)")]
    [InlineData("fiscalYear", "\"2026\"", "$.fiscalYear", "must be a year")]
    [InlineData("fiscalYear", "1066", "$.fiscalYear", "between 1900 and 2200")]
    [InlineData("channels", "[]", "$.channels", "at least one channel")]
    [InlineData("channels", "[\"line\", \"fax\"]", "$.channels[1]", "'fax' is not one of line, counter, mail")]
    [InlineData("channels", "[\"line\", \"line\"]", "$.channels[1]", "listed twice")]
    [InlineData("channels", "\"line\"", "$.channels", "must be an array")]
    [InlineData("eligibility.residency", null, "$.eligibility.residency", "is required")]
    [InlineData("eligibility.residency", "[]", "$.eligibility.residency", "at least one area")]
    [InlineData("eligibility.residency", "[{\"prefecture\": \"北海道\"}]", "$.eligibility.residency[0].municipality", "is required")]
    [InlineData("eligibility.residency", "[{\"prefecture\": \"北海道\", \"municipality\": \"上川郡当麻町\", \"towns\": \"宇園別\"}]", "$.eligibility.residency[0].towns", "must be an array")]
    [InlineData("eligibility.residency", "[{\"prefecture\": \"北海道\", \"municipality\": \"当麻村\"}]", "$.eligibility.residency[0].municipality", "does not name a municipality")]
    [InlineData("eligibility.residency", "[{\"prefecture\": \"北海道\", \"municipality\": \"札幌市\"}]", "$.eligibility.residency[0].municipality", "write the prefecture or the ward")]
    [InlineData("eligibility.residency", "[{\"prefecture\": \"北海道\", \"municipality\": \"上川郡当麻町\"}, {\"prefecture\": \"北海道\", \"municipality\": \"上川郡当麻町\", \"towns\": [\"3条東2丁目\", \"存在しない町\"]}]", "$.eligibility.residency[1].towns[1]", "not a town of 北海道上川郡当麻町")]
    [InlineData("eligibility.residency", "[{\"prefecture\": \"青森県\", \"municipality\": \"上川郡当麻町\"}]", "$.eligibility.residency[0].municipality", "does not name a municipality")]
    [InlineData("eligibility.ageBands", "[{\"minAge\": 70, \"maxAge\": 65}]", "$.eligibility.ageBands[0].maxAge", "must not be less than minAge")]
    [InlineData("eligibility.ageBands", "[{}]", "$.eligibility.ageBands[0]", "must have minAge, maxAge or both")]
    [InlineData("eligibility.ageBands", "[{\"minAge\": -1}]", "$.eligibility.ageBands[0].minAge", "from 0 to 150")]
    [InlineData("eligibility.cohorts", "[\"highschool\"]", "$.eligibility.cohorts[0]", "is not one of eighteenOrUnder, highSchoolGeneration")]
    [InlineData("eligibility.genders", "[\"female\", \"female\"]", "$.eligibility.genders[1]", "listed twice")]
    [InlineData("eligibility.gender", "[\"female\"]", "$.eligibility.gender", "is not a known property")]
    [InlineData("amout", "{}", "$.amout", "is not a known property")]
    [InlineData("applicationWindow.to", "\"2026-11-30\"", "$.applicationWindow.to", "must be after from")]
    [InlineData("applicationWindow.from", "\"12/1\"", "$.applicationWindow.from", "must be a date (yyyy-MM-dd) or a time")]
    [InlineData("applicationWindow.from", null, "$.applicationWindow.from", "is required")]
    [InlineData("key.kind", "\"coupon\"", "$.key.kind", "is not one of ticket, card")]
    [InlineData("key.length", "3", "$.key.length", "from 4 to 32")]
    [InlineData("key.checkDigit", "\"verhoeff\"", "$.key.checkDigit", "is not one of damm, luhn, none")]
    [InlineData("contact", "5", "$.contact", "non-empty string")]
    public void A_malformed_program_is_one_error_naming_the_field(string path, string? value, string field, string message)
    {
        var error = Should.Throw<EligibilityFormatException>(() => BenefitProgramJson.Parse(With(Valid, path, value)));

        error.Field.ShouldBe(field);
        error.Message.ShouldStartWith(field + ": ");
        error.Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("当麻町")]
    [InlineData("上川郡当麻町")]
    [InlineData("上川郡 当麻町")]
    [InlineData("上川郡當麻町")]
    public void A_residency_area_is_stored_as_the_address_data_spells_it(string municipality)
    {
        var json = With(Valid, "eligibility.residency", $"[{{\"prefecture\": \"北海道\", \"municipality\": \"{municipality}\"}}]");

        var area = BenefitProgramJson.Parse(json).Eligibility.Areas.ShouldHaveSingleItem();

        area.Prefecture.ShouldBe("北海道");
        area.Municipality.ShouldBe("上川郡当麻町");
    }

    [Fact]
    public void The_builder_resolves_areas_too()
    {
        var builder = new BenefitProgramBuilder("p", "給付", new DateOnly(2026, 11, 1));

        Should.Throw<EligibilityFormatException>(() => builder.ResidentsOf("北海道", "札幌市")).Field.ShouldBe("$.eligibility.residency[0].municipality");
        builder.ResidentsOf("北海道", "当麻町");
        Should.Throw<EligibilityFormatException>(() => builder.ResidentsOf("北海道", "当麻町", "存在しない町")).Field.ShouldBe("$.eligibility.residency[1].towns[0]");
    }

    [Fact]
    public void A_per_household_size_table_is_refused_for_a_per_person_program()
    {
        var json = With(With(Valid, "unit", "\"person\""), "amount", "{\"byHouseholdSize\": [{\"minMembers\": 1, \"yen\": 5}]}");

        Should.Throw<EligibilityFormatException>(() => BenefitProgramJson.Parse(json)).Field.ShouldBe("$.amount.byHouseholdSize");
    }

    [Theory]
    [InlineData("{ \"id\": ")]
    [InlineData("[]")]
    [InlineData("")]
    [InlineData("{ \"id\": \"a\", \"id\": \"b\" }")]
    public void Text_that_is_not_a_program_object_is_one_error_at_the_root_or_the_field(string json)
    {
        var error = Should.Throw<EligibilityFormatException>(() => BenefitProgramJson.Parse(json));

        error.Field.ShouldNotBeNull().ShouldStartWith("$");
    }

    [Fact]
    public async Task A_stream_larger_than_the_limit_is_refused_without_reading_it_all()
    {
        using var huge = new MemoryStream(Encoding.UTF8.GetBytes("{\"name\": \"" + new string('a', BenefitProgramJson.MaxLength + 10) + "\"}"));

        var error = await Should.ThrowAsync<EligibilityFormatException>(() => BenefitProgramJson.ReadAsync(huge));

        error.Field.ShouldBe("$");
    }

    [Fact]
    public async Task A_stream_with_a_byte_order_mark_is_read()
    {
        using var stream = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Valid)]);

        (await BenefitProgramJson.ReadAsync(stream)).Id.ShouldBe("test-program");
    }

    [Theory]
    [InlineData("tohma-points.json")]
    [InlineData("high-school-generation.json")]
    [InlineData("influenza-vaccination-tickets.json")]
    public async Task The_shipped_examples_round_trip(string file)
    {
        var program = await ProgramTestKit.LoadSampleAsync(file);

        var json = BenefitProgramJson.ToJson(program);
        var again = BenefitProgramJson.Parse(json);

        BenefitProgramJson.ToJson(again).ShouldBe(json);
        again.ApplicationWindow.Opens.ShouldBe(program.ApplicationWindow.Opens);
        again.ApplicationWindow.Closes.ShouldBe(program.ApplicationWindow.Closes);
        again.Amount.Kind.ShouldBe(program.Amount.Kind);
        again.FiscalYear.ShouldBe(program.FiscalYear);
    }

    [Fact]
    public void Tables_and_every_optional_field_round_trip()
    {
        var program = new BenefitProgramBuilder("tables", "表", new DateOnly(2026, 4, 1))
            .PerHousehold()
            .ForFiscalYear(2026)
            .ResidentsOf("北海道", "上川郡当麻町", "三条東二丁目", "伊香牛一区")
            .ResidentsOf("北海道", "旭川市")
            .AgedBetween(null, 18)
            .AgedBetween(65, null)
            .InCohort(ProgramCohort.EighteenOrUnder)
            .OfGender(JpkiGender.Female)
            .WithAmount(ProgramAmount.ByHouseholdSize([new AmountTableRow(1, 1, 30000), new AmountTableRow(2, 3, 50000), new AmountTableRow(4, null, 70000)], PaidAs.Points))
            .AcceptApplications(new DateTimeOffset(2026, 4, 1, 8, 30, 0, TimeSpan.FromHours(9)), new DateTimeOffset(2026, 6, 30, 8, 0, 0, TimeSpan.Zero))
            .AcceptChannels(ApplicationChannel.Mail)
            .KeyedBy(new ProgramKeySpec(ProgramKeyKind.Card, 16))
            .ContactAt("窓口")
            .Build();

        var json = BenefitProgramJson.ToJson(program);
        var again = BenefitProgramJson.Parse(json);

        BenefitProgramJson.ToJson(again).ShouldBe(json);
        json.ShouldContain("\"to\": \"2026-06-30T17:00:00+09:00\"");
        json.ShouldContain("\"from\": \"2026-04-01T08:30:00+09:00\"");
        again.Key!.CheckDigit.ShouldBe(CheckDigitScheme.Luhn);
        again.Eligibility.Areas[0].Towns.ShouldBe(["三条東二丁目", "伊香牛一区"]);
        again.Amount.Rows.Count.ShouldBe(3);
    }

    [Fact]
    public async Task The_builder_makes_the_same_program_as_the_shipped_Tohma_example()
    {
        var fromFile = await ProgramTestKit.LoadSampleAsync("tohma-points.json");

        var built = new BenefitProgramBuilder("tohma-living-support-points-2026", "当麻町 生活応援ポイント給付事業", new DateOnly(2026, 11, 1))
            .PerHousehold()
            .ResidentsOf("北海道", "上川郡当麻町")
            .AmountPerPerson(10_000, PaidAs.Points)
            .AcceptApplicationDays(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31))
            .AcceptChannels(ApplicationChannel.Line, ApplicationChannel.Counter)
            .ContactAt("当麻町役場 福祉課")
            .Build();

        BenefitProgramJson.ToJson(built).ShouldBe(BenefitProgramJson.ToJson(fromFile));
    }

    [Fact]
    public void The_builder_reports_mistakes_with_the_same_JSON_paths()
    {
        var builder = new BenefitProgramBuilder("p", "名", new DateOnly(2026, 1, 1))
            .PerPerson()
            .ResidentsOf("北海道", "上川郡当麻町")
            .AcceptApplicationDays(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31))
            .AcceptChannels(ApplicationChannel.Line);

        Should.Throw<EligibilityFormatException>(() => builder.Build()).Field.ShouldBe("$.amount");
        Should.Throw<EligibilityFormatException>(() => builder.AmountPerPerson(0).Build()).Message
            .ShouldBe("$.amount.perPerson: must be a positive integer (yen) of at most 100000000");
    }

    [Fact]
    public void A_program_with_custom_rules_cannot_be_written_as_data()
    {
        var program = new BenefitProgramBuilder("p", "名", new DateOnly(2026, 1, 1))
            .PerPerson()
            .ResidentsOf("北海道", "上川郡当麻町")
            .FixedAmount(1000)
            .AcceptApplicationDays(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31))
            .AcceptChannels(ApplicationChannel.Line)
            .Require(new CustomEligibilityRule("NotTaxExempt", "住民税非課税世帯が対象です。", _ => true))
            .Build();

        Should.Throw<NotSupportedException>(() => BenefitProgramJson.ToJson(program));
    }

    /// <summary>Sets (value = JSON text) or removes (value = null) the property at a dotted path of the program.</summary>
    private static string With(string json, string path, string? value)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var parts = path.Split('.');
        var parent = root;
        foreach (var part in parts[..^1])
        {
            parent = parent[part]!.AsObject();
        }

        if (value is null)
        {
            parent.Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = JsonNode.Parse(value);
        }

        return root.ToJsonString();
    }
}
