using System.Text;
using LineGov.Cli.Commands;
using LineGov.Cli.Infrastructure;
using LineGov.Eligibility;
using LineGov.Jpki;

namespace LineGov.Cli.Tests;

public sealed class EligibilityEvaluateTests : IDisposable
{
    private const string Address = "北海道上川郡当麻町宇園別1区100番地";

    private const string Program = """
        {
          "id": "tohma-points",
          "name": "生活応援ポイント",
          "referenceDate": "2026-11-01",
          "unit": "household",
          "eligibility": { "residency": [ { "prefecture": "北海道", "municipality": "上川郡当麻町" } ] },
          "amount": { "perPerson": 10000, "paidAs": "points" },
          "applicationWindow": { "from": "2026-12-01", "to": "2027-01-31" },
          "channels": ["line", "counter"],
          "contact": "当麻町役場 福祉課"
        }
        """;

    private const string Register = """
        resident_id,household_id,name,date_of_birth,gender,address,head_of_household
        R001,H1,当麻 太郎,1980-05-10,1,北海道上川郡当麻町宇園別1区100番地,1
        R002,H1,当麻 花子,1982-07-01,2,北海道上川郡当麻町宇園別1区100番地,0
        R003,H2,伊香 牛男,1990-01-01,1,北海道上川郡当麻町宇園別2区5番地,1
        """;

    private const string Applications = """
        application_id,channel,received_at,name,date_of_birth,gender,address
        A-1,counter,2026-12-01T10:30:00+09:00,当麻 太郎,1980-05-10,1,北海道上川郡当麻町宇園別1区100番地
        A-2,line,2026-12-03T21:00,当麻　花子,1982/07/01,女,北海道上川郡当麻町宇園別1区100番地
        A-3,mail,2026-12-04T09:00:00+09:00,伊香 牛男,1990-01-01,male,北海道上川郡当麻町宇園別2区5番地
        A-4,line,2026-12-05T09:00:00+09:00,存在 しない,1999-09-09,2,北海道上川郡当麻町
        A-5,line,not a date,当麻 太郎,1980-05-10,1,北海道上川郡当麻町宇園別1区100番地
        A-6,line,2026-12-06T09:00:00+09:00,伊香 牛男,1990-01-01,1,北海道上川郡当麻町宇園別2区5番地
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("linegov-eligibility-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Applications_are_decided_in_order_and_a_second_household_member_is_already_applied()
    {
        var (summary, lines, notes) = await RunBatchAsync(Applications);

        lines[0].ShouldBe(EligibilityBatch.OutputHeader);
        lines.Length.ShouldBe(7);
        lines[1].ShouldBe("A-1,received,H1,20000,,\"申請を受け付けました。世帯2人分として20,000ポイントを支給する予定です。\"");
        lines[2].ShouldBe("A-2,already_applied,H1,,HouseholdAlreadyApplied,お住まいの世帯はすでに令和8年12月1日に窓口で申請済みです。ご不明な点は当麻町役場 福祉課までお問い合わせください。");
        lines[3].ShouldStartWith("A-3,ineligible,H2,,ChannelNotAccepted,");
        lines[4].ShouldStartWith("A-4,needs_review,,,NotFoundInRegister,");
        lines[5].ShouldStartWith("A-5,needs_review,,,InvalidApplication,");
        lines[6].ShouldBe("A-6,received,H2,10000,,\"申請を受け付けました。世帯1人分として10,000ポイントを支給する予定です。\"");
        summary.ShouldBe(new EligibilityBatchSummary(6, 2, 1, 1, 2, 1));

        // The note names the line and the column, never the value.
        notes.ShouldContain("line 6: received_at is not a date and time");
        notes.ShouldNotContain("当麻 太郎");
    }

    [Fact]
    public async Task A_keyed_program_takes_tickets_each_once_and_says_which_are_mistyped()
    {
        // A bearer voucher (no issued list): a per-person fixed amount, each ticket usable once.
        var program = BenefitProgramJson.Parse(Program
            .Replace("\"household\"", "\"person\"", StringComparison.Ordinal)
            .Replace("\"perPerson\": 10000", "\"fixed\": 3000", StringComparison.Ordinal)
            .Replace("\"contact\"", "\"key\": { \"kind\": \"ticket\", \"length\": 10 }, \"contact\"", StringComparison.Ordinal));
        var tickets = TicketNumbers.Generate(program.Key!, 2);
        var typo = tickets[1][..9] + (char)('0' + ((tickets[1][9] - '0' + 1) % 10));
        var csv = $"""
            application_id,channel,received_at,key
            T-1,line,2026-12-01T09:00,{tickets[0]}
            T-2,counter,2026-12-02T09:00,{tickets[0]}
            T-3,line,2026-12-02T09:00,{typo}
            T-4,line,2026-12-02T09:00,
            """;

        var (_, lines, _) = await RunBatchAsync(csv, program);

        lines[1].ShouldStartWith("T-1,received,,3000,");
        lines[2].ShouldStartWith("T-2,already_applied,,,KeyAlreadyUsed,この番号はすでに令和8年12月1日にLINEで使用されています。");
        lines[3].ShouldStartWith("T-3,ineligible,,,KeyCheckDigitMismatch,");
        lines[4].ShouldStartWith("T-4,needs_review,,,InvalidApplication,");
    }

    [Fact]
    public async Task An_application_id_repeated_in_the_file_needs_review_and_is_never_received_twice()
    {
        const string csv = """
            application_id,channel,received_at,name,date_of_birth,gender,address
            A-1,line,2026-12-01T10:30:00+09:00,伊香 牛男,1990-01-01,1,北海道上川郡当麻町宇園別2区5番地
            A-1,line,2026-12-01T11:00:00+09:00,当麻 太郎,1980-05-10,1,北海道上川郡当麻町宇園別1区100番地
            A-1,line,2026-12-01T11:30:00+09:00,伊香 牛男,1990-01-01,1,北海道上川郡当麻町宇園別2区5番地
            """;

        var (summary, lines, notes) = await RunBatchAsync(csv);

        lines[1].ShouldStartWith("A-1,received,H2,10000,");
        lines[2].ShouldStartWith("A-1,needs_review,,,DuplicateApplicationId,");
        lines[3].ShouldStartWith("A-1,needs_review,,,DuplicateApplicationId,");
        lines.Count(l => l.Contains(",received,", StringComparison.Ordinal)).ShouldBe(1);
        summary.Received.ShouldBe(1);
        notes.ShouldContain("line 3: application_id repeats an earlier line");
        notes.ShouldNotContain("当麻");
    }

    [Theory]
    [InlineData("application_id,channel,name,date_of_birth,gender,address\n", "received_at")]
    [InlineData("application_id,channel,received_at,name,gender,address\n", "date_of_birth")]
    [InlineData("application_id,channel,received_at,name,date_of_birth,gender,address,my_number\n", "My Number")]
    [InlineData("", "empty")]
    public async Task An_applications_file_without_its_columns_is_an_input_error(string csv, string message)
    {
        var error = await Should.ThrowAsync<InputException>(() => RunBatchAsync(csv));

        error.Message.ShouldContain(message);
    }

    [Fact]
    public async Task A_malformed_program_is_one_line_naming_the_field_and_exit_code_2()
    {
        var program = Write("program.json", Program.Replace("10000", "-5", StringComparison.Ordinal));

        var run = await Cli.RunAsync(Args(program));

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("$.amount.perPerson: must be a positive integer (yen)");
        run.Stderr.ShouldNotContain("\u001b");
    }

    [Fact]
    public async Task A_program_that_is_not_JSON_is_one_line_and_exit_code_2()
    {
        var run = await Cli.RunAsync(Args(Write("program.json", "{ \"id\": ")));

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("not valid JSON");
    }

    [Theory]
    [InlineData("--program")]
    [InlineData("--register")]
    [InlineData("--applications")]
    public async Task A_missing_file_is_one_line_and_exit_code_2(string option)
    {
        var args = Args(Write("program.json", Program)).ToList();
        args[args.IndexOf(option) + 1] = Path.Combine(_folder, "missing.csv");

        var run = await Cli.RunAsync([.. args]);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("does not exist");
    }

    [Fact]
    public async Task Missing_options_are_a_usage_error()
    {
        var run = await Cli.RunAsync("eligibility", "evaluate", "--program", "p.json");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("--register");
    }

    [Fact]
    public async Task The_whole_command_reads_the_files_and_writes_the_decisions_without_ANSI_when_redirected()
    {
        var program = Write("program.json", Program);

        var run = await Cli.RunAsync([.. Args(program), "--residency", "register"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldContain("6 applications: 2 received, 1 already applied, 1 ineligible, 2 need review (1 unreadable rows)");
        run.Stderr.ShouldNotContain("\u001b");
        var lines = await File.ReadAllLinesAsync(Path.Combine(_folder, "out.csv"));
        lines[1].ShouldStartWith("A-1,received,H1,20000,");
        lines[2].ShouldStartWith("A-2,already_applied,H1,,HouseholdAlreadyApplied,");
    }

    [Fact]
    public async Task By_default_residency_is_decided_on_the_normalized_registered_address()
    {
        var program = Write("program.json", Program);

        var run = await Cli.RunAsync(Args(program));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldContain("6 applications: 2 received, 1 already applied, 1 ineligible, 2 need review (1 unreadable rows)");
        var lines = await File.ReadAllLinesAsync(Path.Combine(_folder, "out.csv"));
        lines[1].ShouldStartWith("A-1,received,H1,20000,");
    }

    private string[] Args(string program) =>
    [
        "eligibility", "evaluate",
        "--program", program,
        "--register", Write("register.csv", Register),
        "--applications", Write("applications.csv", Applications),
        "--out", Path.Combine(_folder, "out.csv"),
    ];

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(true));
        return path;
    }

    private async Task<(EligibilityBatchSummary Summary, string[] Lines, string Notes)> RunBatchAsync(string applications, BenefitProgram? program = null)
    {
        program ??= BenefitProgramJson.Parse(Program);
        var register = ResidentRegister.Create(
        [
            new Resident("R001", "H1", "当麻 太郎", new DateOnly(1980, 5, 10), JpkiGender.Male, Address, isHeadOfHousehold: true),
            new Resident("R002", "H1", "当麻 花子", new DateOnly(1982, 7, 1), JpkiGender.Female, Address),
            new Resident("R003", "H2", "伊香 牛男", new DateOnly(1990, 1, 1), JpkiGender.Male, "北海道上川郡当麻町宇園別2区5番地", isHeadOfHousehold: true),
        ]);
        using var notes = new StringWriter();
        var context = new CliContext(TextWriter.Null, notes, TimeProvider.System);
        var options = new EligibilityEvaluationOptions { ResidencyCheck = RegisterResidencyCheck.Instance };
        var outPath = Path.Combine(_folder, "out.csv");
        using var reader = new StringReader(applications);

        var summary = await EligibilityEvaluateCommand.WriteDecisionsAsync(program, register, reader, outPath, context, options, "the applications", null, CancellationToken.None);

        var bytes = await File.ReadAllBytesAsync(outPath);
        bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()).ShouldBeTrue();
        return (summary, await File.ReadAllLinesAsync(outPath), notes.ToString());
    }
}
