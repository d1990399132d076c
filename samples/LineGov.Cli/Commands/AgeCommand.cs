using System.CommandLine;
using System.Globalization;
using System.Text;
using LineGov.Cli.Infrastructure;
using LineGov.Eligibility;

namespace LineGov.Cli.Commands;

/// <summary>
/// <c>linegov age --born &lt;date&gt; [--on &lt;date&gt;] [--json]</c>: the age as 年齢計算ニ関スル法律 counts it, and with
/// <c>--json</c> the school cohort, grade and the 18歳以下 / 高校生世代 bands of the fiscal year.
/// </summary>
internal static class AgeCommand
{
    private const string CommandPath = "linegov age";

    private const string DateForms = "yyyy-MM-dd (2009-04-01) or a Japanese era date (令和5年4月1日, 令和元年5月1日, R5.4.1, H31/4/30, R05.04.01)";

    /// <summary>Japan Standard Time. Japan has kept UTC+9 without daylight saving since 1952, so no time-zone data is needed.</summary>
    private static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    public static Command Create(CliContext context)
    {
        var bornOption = new Option<string>("--born")
        {
            Description = $"The date of birth: {DateForms}.",
            HelpName = "date",
            Required = true,
        };
        var onOption = new Option<string>("--on")
        {
            Description = $"The day to count on, in the same forms. Default: today in Japan (UTC+9).",
            HelpName = "date",
        };
        var jsonOption = new Option<bool>("--json")
        {
            Description = "Print one JSON object: age, born, on, fiscalYear, schoolCohort, schoolGrade, eighteenOrUnder, highSchoolGeneration and the era forms of the dates.",
        };

        var command = new Command(
            "age",
            "Print the age in whole years on a day, counted as the law counts it (年齢計算ニ関スル法律, 民法143条): age n " +
            "is reached on the day before the n-th birthday (born 2009-04-01: 1 on 2010-03-31). With --json, also the " +
            "school cohort (4/2 to 4/1), the school grade (小1 … 高3) and whether the person is 18歳以下 and 高校生世代 in " +
            "the fiscal year (April to March) of that day.\n" +
            "Exit codes: 0 = printed, 2 = usage or input error (a date that cannot be read, --on before --born).")
        {
            bornOption,
            onOption,
            jsonOption,
        };

        command.SetGuardedAction(context, CommandPath, (parseResult, cancellationToken) =>
        {
            var born = ReadDate(parseResult.GetRequiredValue(bornOption), "--born");
            var on = parseResult.GetValue(onOption) is { } onText
                ? ReadDate(onText, "--on")
                : DateOnly.FromDateTime(context.TimeProvider.GetUtcNow().ToOffset(JapanOffset).DateTime);
            if (on < born)
            {
                throw new InputException(
                    parseResult.GetValue(onOption) is null
                        ? "--born is after today (in Japan): give a date of birth in the past, or --on."
                        : "--on is before --born: the age is counted on a day on or after the date of birth.");
            }

            var age = JapaneseAge.AgeOn(born, on);
            if (!parseResult.GetValue(jsonOption))
            {
                context.Out.WriteLine(age.ToString(CultureInfo.InvariantCulture));
                return Task.FromResult(ExitCodes.Success);
            }

            var fiscalYear = JapaneseAge.FiscalYearOf(on);
            Json.WriteObject(context.Out, writer =>
            {
                writer.WriteNumber("age", age);
                writer.WriteString("born", Iso(born));
                writer.WriteStringOrNull("bornJapaneseEra", EraForm(born));
                writer.WriteString("on", Iso(on));
                writer.WriteStringOrNull("onJapaneseEra", EraForm(on));
                writer.WriteStringOrNull("nextAgeOn", age + 1 <= DateOnly.MaxValue.Year - born.Year ? Iso(JapaneseAge.DateAttaining(born, age + 1)) : null);
                writer.WriteNumber("fiscalYear", fiscalYear);
                writer.WriteNumber("schoolCohort", JapaneseAge.SchoolCohortOf(born));
                writer.WriteStringOrNull("schoolGrade", JapaneseAge.SchoolGradeOn(born, on)?.ShortName);
                writer.WriteBoolean("eighteenOrUnder", JapaneseAge.IsEighteenOrUnder(born, fiscalYear));
                writer.WriteBoolean("highSchoolGeneration", JapaneseAge.IsHighSchoolGeneration(born, fiscalYear));
            });
            return Task.FromResult(ExitCodes.Success);
        });

        return command;
    }

    /// <summary>
    /// A date as <c>yyyy-MM-dd</c> (full-width digits too) or a Japanese era date. The value is a date of birth, so an
    /// error names the option and the rule, never the value.
    /// </summary>
    private static DateOnly ReadDate(string text, string option)
    {
        var normalized = Normalize(text);
        if (DateOnly.TryParseExact(normalized, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        if (normalized.Length > 0 && char.IsAsciiDigit(normalized[0]))
        {
            throw new InputException($"{option} is not a date: write {DateForms}.");
        }

        try
        {
            return JapaneseEraDate.Parse(text).ToDate();
        }
        catch (EligibilityFormatException e)
        {
            throw new InputException($"{option}: {e.Message}", e);
        }
    }

    private static string Normalize(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC).Trim();
        }
        catch (ArgumentException)
        {
            // Not valid Unicode (a lone surrogate): left as it is, it is read as no date.
            return text;
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The era form (令和5年4月1日), or null before 1873 (lunisolar era dates are not converted).</summary>
    private static string? EraForm(DateOnly date) => JapaneseEraDate.TryFromDate(date, out var era) ? era.ToString() : null;
}
