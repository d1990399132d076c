using System.Text;
using System.Text.Json;
using LineGov.Payouts.Zengin;

namespace LineGov.Cli.Tests;

public sealed class ZenginCommandTests : IDisposable
{
    private const string Header = "bank_code,branch_code,account_type,account_number,account_name,amount,customer_code1,customer_code2";

    private const string Requester = """
        { "code": "0000012345", "name": "トウマチョウ", "bank_code": "0001", "bank_name": "ミズホ",
          "branch_code": "001", "branch_name": "トウキョウ", "account_type": "1", "account_number": "1111111" }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Examples => Path.Combine(AppContext.BaseDirectory, "examples");

    private string In(string name) => Path.Combine(_folder.Path, name);

    private string Write(string name, string content, Encoding? encoding = null)
    {
        File.WriteAllText(In(name), content, encoding ?? new UTF8Encoding(false));
        return In(name);
    }

    private Task<CliRun> WriteAsync(string csv, params string[] extra) =>
        Cli.RunAsync(["zengin", "write", "--transfers", Write("transfers.csv", csv), "--requester", Write("requester.json", Requester), "--date", "0325", "--out", In("out.txt"), .. extra]);

    [Fact]
    public async Task Transfers_are_written_and_the_count_and_total_printed()
    {
        var run = await WriteAsync($"""
            {Header}
            0001,001,1,1234567,ヤマダ　タロウ,50000,A001,
            0005,123,4,7654321,"ｶﾞｯｺｳ, ｼﾞﾛｳ",12000,,B2
            """);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("2 transfers, total 62,000 yen");
        run.Stderr.ShouldBeEmpty();
        var file = await new ZenginReader().ReadFileAsync(In("out.txt"));
        file.HasLineBreaks.ShouldBeFalse();
        file.Header.RequesterName.ShouldBe("ﾄｳﾏﾁﾖｳ");
        file.Header.TransferDate.ShouldBe("0325");
        file.Transfers[0].AccountName.ShouldBe("ﾔﾏﾀﾞ ﾀﾛｳ");
        file.Transfers[0].CustomerCode1.ShouldBe("A001");
        file.Transfers[1].AccountName.ShouldBe("ｶﾞﾂｺｳ, ｼﾞﾛｳ");
        file.Transfers[1].AccountType.ShouldBe(ZenginAccountType.Savings);
        file.Transfers[1].CustomerCode2.ShouldBe("B2");
        new FileInfo(In("out.txt")).Length.ShouldBe(5 * 120);
        Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order().ShouldBe(["out.txt", "requester.json", "transfers.csv"]);
    }

    [Fact]
    public async Task Every_bad_row_is_listed_with_line_and_column_and_nothing_is_written()
    {
        // CRLF line ends, a BOM, the Japanese account type words, quoted fields.
        var csv = "\uFEFF" + string.Join("\r\n",
            Header,
            "1,001,1,1234567,ヤマダ,50000,,",           // line 2: bank code lost its zeros
            "0001,001,3,12345,山田,abc,,",               // line 3: four bad fields at once
            "0001,001,普通,1234567,\"ヤマダ\",1",        // line 4: six fields
            "0001,001,1,1234567,ヤマダ,0,12345678901,",  // line 5: amount 0, customer code too long
            "0001,001,当座,1234567,\"ｽｽﾞｷ \"\"ｲﾁﾛｳ\"\"\",10,,",  // line 6: a quote inside a name cannot be written
            "0001,001,1,1234567,ヤマダ,10,,") + "\r\n";   // line 7: fine

        var run = await WriteAsync(csv, "--crlf");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Stdout.ShouldBeEmpty();
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldBe("linegov zengin write: rejected, nothing was written: 9 problem(s), 5 bad row(s) in transfers.csv:");
        lines.Skip(1).ShouldBe(
        [
            "transfers.csv line 2, bank_code: must be exactly 4 digits (too few: a spreadsheet may have dropped leading zeros; format the column as text)",
            "transfers.csv line 3, account_type: must be 1 (普通), 2 (当座), 4 (貯蓄) or 9 (その他)",
            "transfers.csv line 3, amount: must be a whole number of yen, digits only (no commas, no 円)",
            "transfers.csv line 3, account_number: must be exactly 7 digits (too few: a spreadsheet may have dropped leading zeros; format the column as text)",
            "transfers.csv line 3, account_name: contains a character that cannot be written in a Zengin record",
            "transfers.csv line 4: has 6 fields; the header line has 8 (a comma inside a name must be quoted: \"...\")",
            "transfers.csv line 5, amount: must be 1 to 9,999,999,999 yen",
            "transfers.csv line 5, customer_code1: must be at most 10 characters",
            "transfers.csv line 6, account_name: contains a character that cannot be written in a Zengin record",
        ]);

        // Never a value from the file.
        run.Stderr.ShouldNotContain("山田");
        run.Stderr.ShouldNotContain("12345678901");
        Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order().ToArray().ShouldBe(["requester.json", "transfers.csv"], "no output and no temporary file");
    }

    [Fact]
    public async Task A_failed_write_leaves_an_existing_output_file_untouched()
    {
        File.WriteAllText(In("out.txt"), "the previous file");

        var run = await WriteAsync($"{Header}\n0001,001,1,123,ヤマダ,5,,\n");

        run.ExitCode.ShouldBe(1, run.ToString());
        File.ReadAllText(In("out.txt")).ShouldBe("the previous file");
    }

    [Theory]
    [InlineData("bank_code,branch_code,account_number,account_name,amount", "the header line lacks the column(s) account_type")]
    [InlineData("0001,001,1,1234567,ヤマダ,5,,", "column 1 of the header line is not one of")]
    [InlineData("bank_code,bank_code,branch_code,account_type,account_number,account_name,amount", "bank_code: appears twice")]
    [InlineData("", "the file is empty")]
    [InlineData(Header, "there are no transfers after the header line")]
    [InlineData(Header + "\n0001,001,1,1234567,\"ヤマダ,5,,", "is never closed")]
    public async Task A_transfers_file_without_usable_rows_is_rejected(string csv, string expected)
    {
        var run = await WriteAsync(csv);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Stderr.ShouldContain(expected);
        run.Stderr.ShouldNotContain("ヤマダ");
        File.Exists(In("out.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task Columns_may_come_in_any_order_and_the_customer_codes_may_be_left_out()
    {
        var run = await WriteAsync("amount,account_name,account_number,account_type,branch_code,bank_code\n700,ﾔﾏﾀﾞ ﾊﾅｺ,7654321,9,002,0009\n");

        run.ExitCode.ShouldBe(0, run.ToString());
        var transfer = (await new ZenginReader().ReadFileAsync(In("out.txt"))).Transfers.ShouldHaveSingleItem();
        transfer.ShouldBe(new ZenginTransfer("0009", "002", "7654321", "ﾔﾏﾀﾞ ﾊﾅｺ", 700, AccountType: ZenginAccountType.Other));
    }

    [Fact]
    public async Task Crlf_ends_each_record_with_CRLF()
    {
        var run = await WriteAsync($"{Header}\n0001,001,1,1234567,ヤマダ,5,,\n", "--crlf");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("122 bytes");
        var bytes = File.ReadAllBytes(In("out.txt"));
        bytes.Length.ShouldBe(4 * 122);
        for (var i = 0; i < 4; i++)
        {
            bytes[(i * 122) + 120].ShouldBe((byte)'\r');
            bytes[(i * 122) + 121].ShouldBe((byte)'\n');
        }
    }

    [Fact]
    public async Task Invalid_requester_values_are_listed_by_their_JSON_field()
    {
        Write("requester.json", Requester.Replace("\"0000012345\"", "\"12345\"", StringComparison.Ordinal));
        var run = await Cli.RunAsync("zengin", "write", "--transfers", Write("transfers.csv", $"{Header}\n0001,001,1,1234567,ヤマダ,5,,\n"), "--requester", In("requester.json"), "--date", "0325", "--out", In("out.txt"));

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Stderr.ShouldContain("requester.json, code: must be exactly 10 digits");
        File.Exists(In("out.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task With_a_bank_master_codes_are_checked_and_names_filled()
    {
        var banks = Path.Combine(Examples, "zengin-banks");
        var good = await WriteAsync($"{Header}\n0200,001,1,1234567,ヤマダ,5,,\n0402,001,1,1234567,ヤマダ,6,,\n", "--banks", banks);

        // The requester's bank (0001) is not in this small master.
        good.ExitCode.ShouldBe(1, good.ToString());
        good.Stderr.ShouldContain("requester.json, bank_code: is not in the bank master");

        Write("requester.json", Requester.Replace("\"0001\"", "\"0200\"", StringComparison.Ordinal).Replace("\"ミズホ\"", "null", StringComparison.Ordinal).Replace("\"トウキョウ\"", "\"\"", StringComparison.Ordinal));
        var args = new[] { "zengin", "write", "--transfers", In("transfers.csv"), "--requester", In("requester.json"), "--date", "0325", "--out", In("out.txt"), "--banks", banks };
        var run = await Cli.RunAsync(args);

        run.ExitCode.ShouldBe(0, run.ToString());
        var file = await new ZenginReader().ReadFileAsync(In("out.txt"));
        file.Header.BankName.ShouldBe("ﾜｲｽﾞ");
        file.Header.BranchName.ShouldBe("ﾎﾝﾃﾝ");
        file.Transfers[1].BankName.ShouldBe("ｼﾞｴ-ﾋﾟ-ﾓﾙｶﾞﾝ");
        file.Transfers[1].BranchName.ShouldBe("ﾄｳｷﾖｳ");

        Write("transfers.csv", $"{Header}\n0200,001,1,1234567,ヤマダ,5,,\n0200,999,1,1234567,ヤマダ,5,,\n9999,001,1,1234567,ヤマダ,5,,\n");
        var unknown = await Cli.RunAsync(args);

        unknown.ExitCode.ShouldBe(1, unknown.ToString());
        unknown.Stderr.ShouldContain("transfers.csv line 3, branch_code: is not a branch of this bank in the bank master");
        unknown.Stderr.ShouldContain("transfers.csv line 4, bank_code: is not in the bank master");
        unknown.Stderr.ShouldNotContain("line 2");
    }

    public static TheoryData<string, string[], string> UsageErrors => new()
    {
        { "no --date", ["--transfers", "{t}", "--requester", "{r}", "--out", "{o}"], "--date" },
        { "no --transfers", ["--requester", "{r}", "--date", "0325", "--out", "{o}"], "--transfers" },
        { "month 13", ["--transfers", "{t}", "--requester", "{r}", "--date", "1301", "--out", "{o}"], "MMDD" },
        { "30 February", ["--transfers", "{t}", "--requester", "{r}", "--date", "0230", "--out", "{o}"], "MMDD" },
        { "a date with a year", ["--transfers", "{t}", "--requester", "{r}", "--date", "2026-03-25", "--out", "{o}"], "MMDD" },
        { "missing transfers file", ["--transfers", "{missing}", "--requester", "{r}", "--date", "0325", "--out", "{o}"], "does not exist" },
        { "missing requester file", ["--transfers", "{t}", "--requester", "{missing}", "--date", "0325", "--out", "{o}"], "does not exist" },
        { "requester not JSON", ["--transfers", "{t}", "--requester", "{t}", "--date", "0325", "--out", "{o}"], "not valid JSON" },
        { "missing bank master", ["--transfers", "{t}", "--requester", "{r}", "--date", "0325", "--out", "{o}", "--banks", "{missing}"], "does not exist" },
        { "output folder missing", ["--transfers", "{t}", "--requester", "{r}", "--date", "0325", "--out", "{missing}/out.txt"], "does not exist" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task Usage_and_input_errors_exit_2_with_one_line(string name, string[] args, string expected)
    {
        Write("t.csv", $"{Header}\n0001,001,1,1234567,ヤマダ,5,,\n");
        Write("r.json", Requester);
        var resolved = args.Select(a => a
            .Replace("{t}", In("t.csv"), StringComparison.Ordinal)
            .Replace("{r}", In("r.json"), StringComparison.Ordinal)
            .Replace("{o}", In("out.txt"), StringComparison.Ordinal)
            .Replace("{missing}", In("missing"), StringComparison.Ordinal));

        var run = await Cli.RunAsync(["zengin", "write", .. resolved]);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain(expected, customMessage: name);
        File.Exists(In("out.txt")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{ "code": "0000012345" }""", "has no 'name'")]
    [InlineData("""{ "code": 12345, "name": "x", "bank_code": "0001", "branch_code": "001", "account_number": "1111111" }""", "'code' must be a string in quotes")]
    [InlineData("""{ "code": "0000012345", "name": "x", "bank_code": "0001", "branch_code": "001", "account_number": "1111111", "acount_type": "1" }""", "unknown field 'acount_type'")]
    [InlineData("""{ "code": "0000012345", "name": "x", "bank_code": "0001", "branch_code": "001", "account_number": "1111111", "account_type": 3 }""", "'account_type' must be 1")]
    [InlineData("[]", "must be one JSON object")]
    public async Task A_requester_file_of_the_wrong_shape_exits_2_naming_the_field(string json, string expected)
    {
        var run = await Cli.RunAsync("zengin", "write", "--transfers", Write("t.csv", $"{Header}\n0001,001,1,1234567,ヤマダ,5,,\n"), "--requester", Write("r.json", json), "--date", "0325", "--out", In("out.txt"));

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain(expected);
    }

    [Fact]
    public async Task A_Shift_JIS_transfers_file_is_refused_with_a_hint()
    {
        // "ヤマダ" in Shift_JIS: not UTF-8.
        File.WriteAllBytes(In("t.csv"), [.. Encoding.ASCII.GetBytes(Header + "\n0001,001,1,1234567,"), 0x83, 0x84, 0x83, 0x7D, 0x83, 0x5F, .. Encoding.ASCII.GetBytes(",5,,\n")]);

        var run = await Cli.RunAsync("zengin", "write", "--transfers", In("t.csv"), "--requester", Write("r.json", Requester), "--date", "0325", "--out", In("out.txt"));

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("CSV UTF-8");
    }

    [Fact]
    public async Task The_bundled_example_writes_and_reads_back_as_JSON_lines_with_the_same_data()
    {
        var write = await Cli.RunAsync(
            "zengin", "write", "--transfers", Path.Combine(Examples, "zengin-transfers.csv"), "--requester", Path.Combine(Examples, "zengin-requester.json"),
            "--date", "0325", "--out", In("furikomi.txt"), "--crlf", "--banks", Path.Combine(Examples, "zengin-banks"));
        write.ExitCode.ShouldBe(0, write.ToString());
        write.Stdout.ShouldContain("4 transfers, total 75,000 yen");

        var read = await Cli.RunAsync("zengin", "read", In("furikomi.txt"), "--json");

        read.ExitCode.ShouldBe(0, read.ToString());
        var records = read.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        records.Select(r => r.GetProperty("record_type").GetString()).ShouldBe(["header", "data", "data", "data", "data", "trailer", "end"]);
        records.Select(r => r.GetProperty("record").GetInt32()).ShouldBe([1, 2, 3, 4, 5, 6, 7]);
        records[0].GetProperty("code").GetString().ShouldBe("0000099999");
        records[0].GetProperty("bank_name").GetString().ShouldBe("ﾜｲｽﾞ");
        records[0].GetProperty("transfer_date").GetString().ShouldBe("0325");

        // The CSV, row by row, as the file holds it: names converted, codes and amounts as given, account numbers in full.
        var csv = File.ReadAllLines(Path.Combine(Examples, "zengin-transfers.csv")).Skip(1).ToList();
        string[] names = ["ﾐﾎﾝ ﾀﾛｳ", "ﾐﾎﾝ ﾊﾅｺ", "ｼﾞﾔﾊﾟﾝ ｷﾂｽﾞ", "ｶ)ﾐﾎﾝｼﾖｳﾃﾝ"];
        int[] types = [1, 1, 4, 2];
        for (var i = 0; i < csv.Count; i++)
        {
            var fields = csv[i].Split(',');
            var data = records[i + 1];
            data.GetProperty("bank_code").GetString().ShouldBe(fields[0]);
            data.GetProperty("branch_code").GetString().ShouldBe(fields[1]);
            data.GetProperty("account_type").GetInt32().ShouldBe(types[i]);
            data.GetProperty("account_number").GetString().ShouldBe(fields[3]);
            data.GetProperty("account_name").GetString().ShouldBe(names[i]);
            data.GetProperty("amount").ValueKind.ShouldBe(JsonValueKind.Number);
            data.GetProperty("amount").GetInt64().ShouldBe(long.Parse(fields[5], System.Globalization.CultureInfo.InvariantCulture));
            (data.GetProperty("customer_code1").GetString() ?? string.Empty).ShouldBe(fields[6]);
            (data.GetProperty("customer_code2").GetString() ?? string.Empty).ShouldBe(fields[7]);
        }

        records[5].GetProperty("count").GetInt32().ShouldBe(4);
        records[5].GetProperty("total_amount").GetInt64().ShouldBe(75_000);
    }

    [Fact]
    public async Task Read_prints_a_summary_with_account_numbers_masked()
    {
        (await WriteAsync($"{Header}\n0001,001,1,1234567,ヤマダ　タロウ,50000,A001,\n0005,123,2,7654321,ｽｽﾞｷ,12000,,\n")).ExitCode.ShouldBe(0);

        var run = await Cli.RunAsync("zengin", "read", In("out.txt"));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("0000012345 ﾄｳﾏﾁﾖｳ");
        run.Stdout.ShouldContain("03-25");
        run.Stdout.ShouldContain("Transfers: 2, total 62,000 yen");
        run.Stdout.ShouldContain("****567");
        run.Stdout.ShouldContain("****321");
        run.Stdout.ShouldContain("****111");
        run.Stdout.ShouldContain("当座");
        run.Stdout.ShouldContain("ﾔﾏﾀﾞ ﾀﾛｳ");
        run.Stdout.ShouldContain("50,000 yen  [A001]");
        run.Stdout.ShouldNotContain("1234567");
        run.Stdout.ShouldNotContain("7654321");
        run.Stdout.ShouldNotContain("1111111");
    }

    [Fact]
    public async Task Read_of_a_malformed_file_exits_1_with_the_record_and_field()
    {
        (await WriteAsync($"{Header}\n0001,001,1,1234567,ヤマダ,50000,,\n")).ExitCode.ShouldBe(0);
        var bytes = File.ReadAllBytes(In("out.txt"));
        bytes[120 + 80] = (byte)'X'; // inside the amount of record 2
        File.WriteAllBytes(In("bad.txt"), bytes);

        var run = await Cli.RunAsync("zengin", "read", In("bad.txt"), "--json");

        run.ShouldBeOneLineError(exitCode: 1);
        run.Stderr.ShouldContain("record 2, Amount: must be digits");

        File.WriteAllBytes(In("short.txt"), bytes[..200]);
        (await Cli.RunAsync("zengin", "read", In("short.txt"))).ShouldBeOneLineError(exitCode: 1);
    }

    [Fact]
    public async Task Read_of_a_missing_file_exits_2()
    {
        var run = await Cli.RunAsync("zengin", "read", In("nothing.txt"));

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("does not exist");
    }

    [Theory]
    [InlineData("zengin")]
    [InlineData("zengin write")]
    [InlineData("zengin read")]
    public async Task Help_explains_the_verbs_and_exit_codes(string command)
    {
        var run = await Cli.RunAsync([.. command.Split(' '), "--help"]);

        run.ExitCode.ShouldBe(0);
        run.Stdout.ShouldContain("総合振込");
        if (command != "zengin")
        {
            run.Stdout.ShouldContain("Exit codes: 0 = ");
        }
    }
}
