using System.Text;
using LineGov.Jpki;

namespace LineGov.Eligibility.Tests.Register;

public sealed class ResidentRegisterCsvTests
{
    private const string Header = "resident_id,household_id,name,name_kana,date_of_birth,gender,address,relationship,head_of_household,became_resident_on,removed_on";

    private static Task<RegisterImportResult> Import(string csv, bool bom = false, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        if (bom)
        {
            bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        }

        return ResidentRegisterCsv.ImportAsync(new MemoryStream(bytes), progress, cancellationToken);
    }

    [Fact]
    public async Task Every_column_is_read()
    {
        var result = await Import(Header + "\n" +
            "1001,H1,試験 太郎,シケン タロウ,1980-05-17,1,北海道上川郡当麻町3条東2丁目11番1号,世帯主,1,2001/04/01,2026-01-31\n" +
            "1002,H1,試験 花子,,1982-02-03,女,北海道上川郡当麻町3条東2丁目11番1号,妻,,,\n");

        result.Errors.ShouldBeEmpty();
        result.RowsRead.ShouldBe(2);
        var head = result.Register.Find("1001")!;
        head.HouseholdId.ShouldBe("H1");
        head.Name.ShouldBe("試験 太郎");
        head.NameKana.ShouldBe("シケン タロウ");
        head.DateOfBirth.ShouldBe(new DateOnly(1980, 5, 17));
        head.Gender.ShouldBe(JpkiGender.Male);
        head.Address.ShouldBe("北海道上川郡当麻町3条東2丁目11番1号");
        head.Relationship.ShouldBe("世帯主");
        head.IsHeadOfHousehold.ShouldBeTrue();
        head.BecameResidentOn.ShouldBe(new DateOnly(2001, 4, 1));
        head.RemovedOn.ShouldBe(new DateOnly(2026, 1, 31));
        var wife = result.Register.Find("1002")!;
        wife.Gender.ShouldBe(JpkiGender.Female);
        wife.IsHeadOfHousehold.ShouldBeFalse();
        wife.BecameResidentOn.ShouldBeNull();
        wife.RemovedOn.ShouldBeNull();
        wife.NameKana.ShouldBeEmpty();
        wife.Address.ShouldBeSameAs(head.Address); // repeated values are stored once
    }

    [Fact]
    public async Task Columns_are_found_by_name_in_any_order_with_a_bom_crlf_and_extra_columns()
    {
        var result = await Import("Gender,ADDRESS,note,date_of_birth,name,household_id,resident_id\r\n2,当麻町,メモ,1990-01-01,試験 花子,H1,7\r\n", bom: true);

        result.Errors.ShouldBeEmpty();
        var resident = result.Register.Find("7")!;
        resident.Gender.ShouldBe(JpkiGender.Female);
        resident.Address.ShouldBe("当麻町");
        resident.Name.ShouldBe("試験 花子");
    }

    [Theory]
    [InlineData("1", JpkiGender.Male)]
    [InlineData("男", JpkiGender.Male)]
    [InlineData("MALE", JpkiGender.Male)]
    [InlineData("2", JpkiGender.Female)]
    [InlineData("女", JpkiGender.Female)]
    [InlineData("Female", JpkiGender.Female)]
    [InlineData("3", JpkiGender.Unknown)]
    [InlineData("9", JpkiGender.Unknown)]
    [InlineData("不明", JpkiGender.Unknown)]
    [InlineData("unknown", JpkiGender.Unknown)]
    public async Task Genders_are_read_in_every_agreed_spelling(string value, JpkiGender expected)
    {
        var result = await Import($"resident_id,household_id,name,date_of_birth,gender,address\n1,H1,試験 太郎,1980-01-01,{value},当麻町\n");

        result.Register.Find("1")!.Gender.ShouldBe(expected);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("世帯主", true)]
    [InlineData("○", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("", false)]
    public async Task Head_of_household_flags_are_read_in_every_agreed_spelling(string value, bool expected)
    {
        var result = await Import($"resident_id,household_id,name,date_of_birth,gender,address,head_of_household\n1,H1,試験 太郎,1980-01-01,1,当麻町,{value}\n");

        result.Errors.ShouldBeEmpty();
        result.Register.Find("1")!.IsHeadOfHousehold.ShouldBe(expected);
    }

    [Fact]
    public async Task Quoted_fields_hold_commas_quotes_and_line_breaks_and_line_numbers_count_physical_lines()
    {
        var result = await Import(
            "resident_id,household_id,name,date_of_birth,gender,address,relationship\n" +
            "1,H1,試験 太郎,1980-01-01,1,\"当麻町3条東2丁目11番1号, \"\"メゾン当麻\"\" 101\",\"世帯\n主\"\n" +
            "2,H1,試験 花子,1980-13-01,2,当麻町,妻\n" +
            "\"3\",\"H2\",\"試験 次郎\",\"1985-01-01\",\"1\",\"当麻町\",\"\"\n");

        result.RowsRead.ShouldBe(3);
        result.Register.Find("1")!.Address.ShouldBe("当麻町3条東2丁目11番1号, \"メゾン当麻\" 101");
        result.Register.Find("1")!.Relationship.ShouldBe("世帯\n主");
        result.Register.Find("3")!.Name.ShouldBe("試験 次郎");
        var error = result.Errors.ShouldHaveSingleItem();
        error.LineNumber.ShouldBe(4); // the quoted line break moved row 2 to line 4
        error.Field.ShouldBe("date_of_birth");
    }

    [Theory]
    [InlineData("2,H1,試験 花子,1980-02-30,2,当麻町,,,", "date_of_birth")]
    [InlineData("2,H1,試験 花子,19800101,2,当麻町,,,", "date_of_birth")]
    [InlineData("2,H1,試験 花子,,2,当麻町,,,", "date_of_birth")]
    [InlineData("2,H1,試験 花子,1980-01-01,4,当麻町,,,", "gender")]
    [InlineData("2,H1,試験 花子,1980-01-01,,当麻町,,,", "gender")]
    [InlineData("2,H1,,1980-01-01,2,当麻町,,,", "name")]
    [InlineData("2,H1,\u3000 ,1980-01-01,2,当麻町,,,", "name")]
    [InlineData(",H1,試験 花子,1980-01-01,2,当麻町,,,", "resident_id")]
    [InlineData("2,,試験 花子,1980-01-01,2,当麻町,,,", "household_id")]
    [InlineData("2,H1,試験 花子,1980-01-01,2,,,,", "address")]
    [InlineData("2,H1,試験 花子,1980-01-01,2,当麻町,,", "*")]
    [InlineData("2,H1,試験 花子,1980-01-01,2,当麻町,,,,", "*")]
    [InlineData("1,H1,試験 花子,1980-01-01,2,当麻町,,,", "resident_id")]
    [InlineData("2,H1,試験 花子,1980-01-01,2,当麻町,2020-01-01,2019-12-31,", "removed_on")]
    [InlineData("2,H1,試験 花子,1980-01-01,2,当麻町,1979-12-31,,", "became_resident_on")]
    [InlineData("2,H1,試験 花子,1980-01-01,2,当麻町,2020-01-01,someday,", "removed_on")]
    [InlineData("2,H1,試験 花子,1980-01-01,2,当麻町,yesterday,,", "became_resident_on")]
    [InlineData("2,H1,試験 花子,1980-01-01,2,当麻町,,,maybe", "head_of_household")]
    [InlineData("2,H1,試験 \"花子\",1980-01-01,2,当麻町,,,", "name")]
    [InlineData("2,H1,\"試験 花子\"x,1980-01-01,2,当麻町,,,", "name")]
    public async Task A_bad_row_is_reported_with_its_line_and_column_and_the_others_are_kept(string row, string field)
    {
        var result = await Import(
            "resident_id,household_id,name,date_of_birth,gender,address,became_resident_on,removed_on,head_of_household\n" +
            "1,H1,試験 太郎,1980-01-01,1,当麻町,,,1\n" +
            row + "\n" +
            "3,H1,試験 次郎,2010-01-01,1,当麻町,,,\n");

        result.RowsRead.ShouldBe(3);
        var error = result.Errors.ShouldHaveSingleItem();
        error.LineNumber.ShouldBe(3);
        error.Field.ShouldBe(field);
        error.Reason.ShouldNotBeNullOrWhiteSpace();
        result.Register.Count.ShouldBe(2);
        result.Register.Find("1").ShouldNotBeNull();
        result.Register.Find("3").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_duplicate_resident_id_names_the_line_of_the_first()
    {
        var result = await Import("resident_id,household_id,name,date_of_birth,gender,address\n10,H1,試験 太郎,1980-01-01,1,当麻町\n\n10,H2,試験 花子,1981-01-01,2,当麻町\n");

        var error = result.Errors.ShouldHaveSingleItem();
        error.LineNumber.ShouldBe(4);
        error.Reason.ShouldContain("line 2");
        result.Register.Find("10")!.Name.ShouldBe("試験 太郎");
    }

    [Fact]
    public async Task Error_reasons_never_contain_the_value()
    {
        var result = await Import(
            "resident_id,household_id,name,date_of_birth,gender,address,removed_on\n" +
            "1,H1,秘密 太郎,1980-99-01,1,秘密町,\n" +
            "2,H1,秘密 花子,1980-01-01,秘密,秘密町,\n" +
            "3,H1,秘密 次郎,1980-01-01,1,秘密町,秘密\n" +
            "4,H1,秘密 \"三郎\",1980-01-01,1,秘密町,\n");

        result.Errors.Count.ShouldBe(4);
        foreach (var error in result.Errors)
        {
            error.Reason.ShouldNotContain("秘密");
            error.Reason.ShouldNotContain("1980-99-01");
            error.ToString().ShouldNotContain("秘密");
        }
    }

    [Fact]
    public async Task A_rejected_row_marks_its_household_as_incomplete()
    {
        var result = await Import(
            "resident_id,household_id,name,date_of_birth,gender,address\n" +
            "1,H1,試験 太郎,1980-01-01,1,当麻町\n" +
            "2,H1,試験 花子,1980-99-01,2,当麻町\n" +
            "3,H1,試験 次郎,2010-01-01,1,当麻町\n" +
            "4,H2,別人 一郎,1970-01-01,1,当麻町\n" +
            "5,,別人 二郎,1970-01-01,1,当麻町\n");

        result.Register.HouseholdMembers("H1", new DateOnly(2025, 4, 1)).Count.ShouldBe(2);
        result.Register.HasRejectedRows("H1").ShouldBeTrue();
        result.Register.HasRejectedRows("H2").ShouldBeFalse();
        result.Register.HasRejectedRows("H9").ShouldBeFalse();
        result.Register.HasRejectedRows(string.Empty).ShouldBeFalse();
        result.Errors.Select(e => (e.LineNumber, e.HouseholdId)).ShouldBe([(3L, "H1"), (6L, (string?)null)]);
    }

    [Fact]
    public async Task A_row_with_the_wrong_number_of_fields_marks_its_household_without_naming_it()
    {
        var result = await Import(
            "resident_id,household_id,name,date_of_birth,gender,address\n" +
            "1,H1,試験 太郎,1980-01-01,1,当麻町\n" +
            "2,H1,試験 花子,1980-01-01,2,当麻町3条, 101\n");

        result.Register.HasRejectedRows("H1").ShouldBeTrue();
        result.Errors.ShouldHaveSingleItem().HouseholdId.ShouldBeNull();
    }

    [Fact]
    public async Task A_register_without_rejected_rows_has_no_incomplete_household()
    {
        var result = await Import("resident_id,household_id,name,date_of_birth,gender,address\n1,H1,試験 太郎,1980-01-01,1,当麻町\n");

        result.Errors.ShouldBeEmpty();
        result.Register.HasRejectedRows("H1").ShouldBeFalse();
    }

    [Fact]
    public async Task An_unclosed_quote_is_reported_and_nothing_hangs()
    {
        var result = await Import("resident_id,household_id,name,date_of_birth,gender,address\n1,H1,試験 太郎,1980-01-01,1,当麻町\n2,H1,\"試験 花子,1980-01-01,2,当麻町\n3,H1,試験 次郎,1980-01-01,1,当麻町\n");

        // The quote reaches the end of the file: the row is reported, and the line after it is read again as a row.
        result.Register.Count.ShouldBe(2);
        result.Register.Find("3").ShouldNotBeNull();
        result.RowsRead.ShouldBe(3);
        var error = result.Errors.ShouldHaveSingleItem();
        error.LineNumber.ShouldBe(3);
        error.Field.ShouldBe("name");
        error.Reason.ShouldContain("not closed");
        result.Register.HasRejectedRows("H1").ShouldBeTrue();
    }

    [Fact]
    public async Task An_unclosed_quote_does_not_swallow_the_rows_after_it()
    {
        var csv = new StringBuilder("resident_id,household_id,name,date_of_birth,gender,address\n");
        csv.Append("1,H1,\"試験 太郎,1980-01-01,1,当麻町\n");
        for (var i = 2; i <= 200; i++)
        {
            csv.Append(i).Append(",H").Append(i).Append(",試験 太郎,1980-01-01,1,当麻町\n");
        }

        var result = await Import(csv.ToString());

        var error = result.Errors.ShouldHaveSingleItem();
        error.LineNumber.ShouldBe(2);
        error.Reason.ShouldContain("not closed");
        result.Register.Count.ShouldBe(199);
        result.Register.Find("2").ShouldNotBeNull();
        result.Register.Find("200").ShouldNotBeNull();
        result.RowsRead.ShouldBe(200);
    }

    [Fact]
    public async Task A_quote_closed_only_many_lines_later_costs_one_row_and_the_lines_are_read_again()
    {
        // The stray quote on line 2 would be closed by the quoted value on line 30: past the line limit, so line 2 alone
        // is reported and lines 3 to 30 are rows of their own.
        var csv = new StringBuilder("resident_id,household_id,name,date_of_birth,gender,address\n");
        csv.Append("1,H1,\"試験 太郎,1980-01-01,1,当麻町\n");
        for (var line = 3; line <= 40; line++)
        {
            csv.Append(line).Append(",H1,試験 太郎,1980-01-01,1,").Append(line == 30 ? "\"当麻町\"" : "当麻町").Append('\n');
        }

        var result = await Import(csv.ToString());

        result.Errors.ShouldHaveSingleItem().LineNumber.ShouldBe(2);
        result.Register.Count.ShouldBe(38);
        result.Register.Find("30")!.Address.ShouldBe("当麻町");
    }

    [Fact]
    public async Task A_line_break_in_a_quoted_field_within_the_limits_is_kept_after_an_abandoned_record()
    {
        var result = await Import(
            "resident_id,household_id,name,date_of_birth,gender,address,relationship\n" +
            "1,H1,\"試験 太郎,1980-01-01,1,当麻町,世帯主\n" +
            "2,H1,試験 花子,1980-01-01,2,当麻町,\"妻\n(届出中)\"\n" +
            "3,H1,試験 次郎,1980-01-01,1,当麻町,子\n");

        // Line 2's quote runs to the end of the file through line 3's quotes; reread from line 3, row 2 is whole again.
        result.Errors.ShouldHaveSingleItem().LineNumber.ShouldBe(2);
        result.Register.Find("2")!.Relationship.ShouldBe("妻\n(届出中)");
        result.Register.Find("3").ShouldNotBeNull();
    }

    [Fact]
    public async Task Every_line_with_an_unclosed_quote_is_reported_once_at_its_own_line()
    {
        var csv = new StringBuilder("resident_id,household_id,name,date_of_birth,gender,address\n");
        for (var i = 1; i <= 500; i++)
        {
            csv.Append(i).Append(",H1,\"試験 太郎,1980-01-01,1,当麻町\n");
        }

        var result = await Import(csv.ToString());

        result.Errors.Select(e => e.LineNumber).ShouldBe(Enumerable.Range(2, 500).Select(l => (long)l));
        result.Register.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_long_quoted_run_over_many_chunks_is_abandoned_with_bounded_work()
    {
        // An unclosed quote followed by far more text than a record may hold, on lines each under the line limit.
        var csv = new StringBuilder("resident_id,household_id,name,date_of_birth,gender,address\n");
        csv.Append("1,H1,\"試験 太郎,1980-01-01,1,当麻町\n");
        var filler = new string('あ', 9000);
        for (var i = 2; i <= 40; i++)
        {
            csv.Append(i).Append(",H1,試験 太郎,1980-01-01,1,").Append(filler).Append('\n');
        }

        var result = await Import(csv.ToString());

        result.Errors.ShouldHaveSingleItem().LineNumber.ShouldBe(2);
        result.Register.Count.ShouldBe(39);
    }

    [Fact]
    public async Task A_huge_row_is_reported_without_keeping_it()
    {
        var huge = new string('あ', CsvRecordReader.MaxRecordLength + 10);
        var result = await Import($"resident_id,household_id,name,date_of_birth,gender,address\n1,H1,試験 太郎,1980-01-01,1,{huge}\n2,H1,試験 花子,1980-01-01,2,当麻町\n");

        result.Errors.ShouldHaveSingleItem().LineNumber.ShouldBe(2);
        result.Register.Find("2").ShouldNotBeNull();
    }

    [Fact]
    public async Task Text_that_is_not_utf8_is_reported()
    {
        var bytes = Encoding.UTF8.GetBytes("resident_id,household_id,name,date_of_birth,gender,address\n1,H1,");
        byte[] shiftJisName = [0x8E, 0x8E, 0x8C, 0xB1]; // 試験 in Shift_JIS
        var tail = Encoding.UTF8.GetBytes(",1980-01-01,1,当麻町\n");
        var result = await ResidentRegisterCsv.ImportAsync(new MemoryStream([.. bytes, .. shiftJisName, .. tail]));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("name");
        error.Reason.ShouldContain("UTF-8");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public async Task A_file_without_a_header_is_refused(string csv)
    {
        var error = await Should.ThrowAsync<EligibilityFormatException>(() => Import(csv));

        error.Field.ShouldBe("header");
    }

    [Theory]
    [InlineData("resident_id,household_id,name,date_of_birth,gender", "address")]
    [InlineData("household_id,name,date_of_birth,gender,address", "resident_id")]
    [InlineData("1,H1,試験 太郎,1980-01-01,1,当麻町", "resident_id")]
    public async Task A_missing_required_column_is_named(string header, string column)
    {
        var error = await Should.ThrowAsync<EligibilityFormatException>(() => Import(header + "\n1,H1,試験 太郎,1980-01-01,1,当麻町\n"));

        error.Field.ShouldBe(column);
        error.Message.ShouldContain(column);
        error.Message.ShouldNotContain("試験");
    }

    [Theory]
    [InlineData("my_number")]
    [InlineData("My Number")]
    [InlineData("個人番号")]
    [InlineData("マイナンバー")]
    public async Task A_my_number_column_is_refused_before_any_row_is_read(string column)
    {
        var error = await Should.ThrowAsync<EligibilityFormatException>(() =>
            Import($"resident_id,household_id,name,date_of_birth,gender,address,{column}\n1,H1,試験 太郎,1980-01-01,1,当麻町,123456789012\n"));

        error.Field.ShouldBe(column);
        error.Message.ShouldNotContain("123456789012");
    }

    [Fact]
    public async Task A_column_named_twice_is_refused()
    {
        var error = await Should.ThrowAsync<EligibilityFormatException>(() => Import("resident_id,household_id,name,name,date_of_birth,gender,address\n"));

        error.Field.ShouldBe("name");
    }

    [Fact]
    public async Task Progress_is_reported_and_cancellation_stops_the_import()
    {
        var csv = new StringBuilder("resident_id,household_id,name,date_of_birth,gender,address\n");
        for (var i = 0; i < 70_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},H{i / 2},試験 太郎,1980-01-01,1,当麻町\n");
        }

        var reports = new List<long>();
        var result = await Import(csv.ToString(), progress: new SynchronousProgress(reports.Add));
        reports.ShouldBe([65_536, 70_000]);
        result.Register.Count.ShouldBe(70_000);

        await Should.ThrowAsync<OperationCanceledException>(() => Import(csv.ToString(), cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Ten_thousand_rows_with_thirty_broken_ones_keep_the_rest()
    {
        var broken = new Dictionary<int, string>();
        string[] faults = ["date", "gender", "name", "columns", "duplicate", "removed"];
        for (var k = 0; k < 30; k++)
        {
            broken[(k * 331) + 7] = faults[k % faults.Length];
        }

        var csv = new StringBuilder(Header + "\n");
        for (var i = 0; i < 10_000; i++)
        {
            var fault = broken.GetValueOrDefault(i);
            var id = fault == "duplicate" ? "R0" : $"R{i}";
            var name = fault == "name" ? "" : $"試験{i % 50} 太郎{i % 7}";
            var born = fault == "date" ? "1980-02-30" : $"{1930 + (i % 90)}-{1 + (i % 12):00}-{1 + (i % 28):00}";
            var gender = fault == "gender" ? "X" : (i % 2 == 0 ? "1" : "女");
            var removed = fault == "removed" ? "1900-01-01" : "";
            var quotedAddress = i % 10 == 0 ? $"\"当麻町{i / 3}番, 1号\"" : $"当麻町{i / 3}番";
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{id},H{i / 3},{name},,{born},{gender},{quotedAddress},子,0,,{removed}");
            csv.Append(fault == "columns" ? ",extra\n" : "\n");
        }

        var result = await Import(csv.ToString());

        result.RowsRead.ShouldBe(10_000);
        result.Errors.Count.ShouldBe(30);
        result.Errors.Select(e => e.LineNumber).ShouldBe(broken.Keys.Order().Select(i => (long)i + 2));
        result.Register.Count.ShouldBe(9_970);
        result.Register.Find("R9999").ShouldNotBeNull();
        result.Register.Find("R10")!.Address.ShouldBe("当麻町3番, 1号");
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
