using System.Text.Json;

namespace LineGov.Cli.Tests;

/// <summary><c>linegov age</c>: the age as the law counts it, and with --json the cohort, grade and bands of the fiscal year.</summary>
public sealed class AgeCommandTests
{
    [Theory]
    [InlineData("2009-04-01", "2010-03-30", "0")]
    [InlineData("2009-04-01", "2010-03-31", "1")]
    [InlineData("1989-01-08", "2025-01-06", "35")]
    [InlineData("1989-01-08", "2025-01-07", "36")]
    [InlineData("2004-02-29", "2005-02-28", "1")]
    [InlineData("2004-02-29", "2008-02-28", "4")]
    [InlineData("2020-06-15", "2020-06-15", "0")]
    // Era forms and full-width digits, for either date.
    [InlineData("平成21年4月1日", "R5.4.1", "14")]
    [InlineData("H1.1.8", "令和元年5月1日", "30")]
    [InlineData("S64.1.7", "H31/4/30", "30")]
    [InlineData("R05.04.01", "２０２５－０４－０１", "2")]
    [InlineData("令和５年４月１日", "2025-03-31", "2")]
    public async Task Prints_the_age_as_a_bare_integer(string born, string on, string age)
    {
        var run = await Cli.RunAsync("age", "--born", born, "--on", on);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldBe(age + Environment.NewLine);
        run.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Json_has_the_age_the_dates_the_cohort_the_grade_and_the_bands()
    {
        var run = await Cli.RunAsync("age", "--born", "2009-04-02", "--on", "2026-06-01", "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var json = run.Json();
        json.GetProperty("age").GetInt32().ShouldBe(17);
        json.GetProperty("born").GetString().ShouldBe("2009-04-02");
        json.GetProperty("bornJapaneseEra").GetString().ShouldBe("平成21年4月2日");
        json.GetProperty("on").GetString().ShouldBe("2026-06-01");
        json.GetProperty("onJapaneseEra").GetString().ShouldBe("令和8年6月1日");
        json.GetProperty("nextAgeOn").GetString().ShouldBe("2027-04-01");
        json.GetProperty("fiscalYear").GetInt32().ShouldBe(2026);
        json.GetProperty("schoolCohort").GetInt32().ShouldBe(2009);
        json.GetProperty("schoolGrade").GetString().ShouldBe("高2");
        json.GetProperty("eighteenOrUnder").GetBoolean().ShouldBeTrue();
        json.GetProperty("highSchoolGeneration").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    // Born 1 April belongs to the earlier cohort: a grade above a child born the next day.
    [InlineData("2010-04-01", "2025-04-01", 2009, "高1", true, true)]
    [InlineData("2010-04-02", "2025-04-01", 2010, "中3", true, false)]
    // The last day of the fiscal year, and the day after: a new grade, and 高3 leaves both bands.
    [InlineData("2007-04-02", "2026-03-31", 2007, "高3", true, true)]
    [InlineData("2007-04-02", "2026-04-01", 2007, null, false, false)]
    [InlineData("2019-04-02", "2026-03-31", 2019, null, true, false)]
    [InlineData("2019-04-02", "2026-04-01", 2019, "小1", true, false)]
    [InlineData("1970-01-01", "2026-04-01", 1969, null, false, false)]
    public async Task Json_cohort_grade_and_bands_at_the_fiscal_year_boundaries(
        string born, string on, int cohort, string? grade, bool eighteenOrUnder, bool highSchoolGeneration)
    {
        var json = (await Cli.RunAsync("age", "--born", born, "--on", on, "--json")).Json();

        json.GetProperty("schoolCohort").GetInt32().ShouldBe(cohort);
        if (grade is null)
        {
            json.GetProperty("schoolGrade").ValueKind.ShouldBe(JsonValueKind.Null);
        }
        else
        {
            json.GetProperty("schoolGrade").GetString().ShouldBe(grade);
        }

        json.GetProperty("eighteenOrUnder").GetBoolean().ShouldBe(eighteenOrUnder);
        json.GetProperty("highSchoolGeneration").GetBoolean().ShouldBe(highSchoolGeneration);
    }

    [Fact]
    public async Task Json_era_form_is_null_before_the_Gregorian_calendar()
    {
        var json = (await Cli.RunAsync("age", "--born", "1870-05-01", "--on", "1900-01-01", "--json")).Json();

        json.GetProperty("age").GetInt32().ShouldBe(29);
        json.GetProperty("bornJapaneseEra").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("onJapaneseEra").GetString().ShouldBe("明治33年1月1日");
    }

    [Theory]
    // 2025-03-31 15:00 UTC is already 1 April in Japan: the default --on is Japan's day, not UTC's.
    [InlineData("2025-03-31T14:59:59Z", "2007-04-02", "17")]
    [InlineData("2025-03-31T15:00:00Z", "2007-04-02", "18")]
    [InlineData("2025-01-06T15:00:00Z", "1989-01-08", "36")]
    public async Task On_defaults_to_today_in_Japan(string utcNow, string born, string age)
    {
        var run = await RunAtAsync(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture), "age", "--born", born);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldBe(age + Environment.NewLine);
    }

    [Fact]
    public async Task A_date_of_birth_after_today_is_an_input_error()
    {
        var run = await RunAtAsync(new DateTimeOffset(2025, 3, 31, 15, 0, 0, TimeSpan.Zero), "age", "--born", "2025-04-02");

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("today");
    }

    [Fact]
    public async Task On_before_born_is_a_one_line_input_error()
    {
        var run = await Cli.RunAsync("age", "--born", "2020-06-15", "--on", "2020-06-14");

        run.ShouldBeOneLineError();
        run.Stderr.ShouldStartWith("linegov age: error: --on is before --born");
    }

    [Theory]
    [InlineData("--born", "平成31年5月1日", "令和元年5月1日")]
    [InlineData("--born", "S64.1.8", "平成元年1月8日")]
    [InlineData("--born", "2025-02-29", "yyyy-MM-dd")]
    [InlineData("--born", "2025/04/01", "yyyy-MM-dd")]
    [InlineData("--born", "2025-4-1", "yyyy-MM-dd")]
    [InlineData("--born", "yesterday", "must begin with an era")]
    [InlineData("--born", "", "must begin with an era")]
    [InlineData("--on", "R5.2.29", "does not exist")]
    [InlineData("--on", "明治5年1月1日", "lunisolar")]
    public async Task A_date_that_cannot_be_read_is_a_one_line_input_error_naming_the_option_not_the_value(string option, string value, string messagePart)
    {
        string[] args = option == "--born" ? ["age", "--born", value, "--on", "2025-06-01"] : ["age", "--born", "1860-01-01", "--on", value];

        var run = await Cli.RunAsync(args);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldStartWith($"linegov age: error: {option}");
        run.Stderr.ShouldContain(messagePart);
        if (value.Length > 0)
        {
            run.Stderr.ShouldNotContain(value);
        }
    }

    [Theory]
    [InlineData]
    [InlineData("--on", "2025-01-01")]
    [InlineData("--born", "2025-01-01", "--unknown")]
    [InlineData("--born")]
    public async Task A_command_line_error_is_a_usage_error(params string[] rest)
    {
        var run = await Cli.RunAsync(["age", .. rest]);

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldStartWith("linegov age: error: ");
    }

    /// <summary>Runs the CLI with "now" pinned, through the internal overload that takes a <see cref="TimeProvider"/>.</summary>
    private static async Task<CliRun> RunAtAsync(DateTimeOffset utcNow, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await LinegovCli.RunAsync(args, stdout, stderr, new FixedTimeProvider(utcNow), CancellationToken.None);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    private sealed class FixedTimeProvider(DateTimeOffset utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utcNow;
    }
}
