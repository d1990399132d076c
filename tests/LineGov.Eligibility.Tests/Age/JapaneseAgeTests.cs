using System.Globalization;

namespace LineGov.Eligibility.Tests.Age;

/// <summary>Age as 年齢計算ニ関スル法律 and 民法143条 count it, school cohorts (4/2 → 4/1), 18歳以下 and 高校生世代.</summary>
public sealed class JapaneseAgeTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    // The examples of DESIGN.md: the age is attained on the day before the birthday.
    [InlineData("2009-04-01", "2010-03-30", 0)]
    [InlineData("2009-04-01", "2010-03-31", 1)]
    [InlineData("2009-04-01", "2010-04-01", 1)]
    [InlineData("1989-01-08", "2025-01-06", 35)]
    [InlineData("1989-01-08", "2025-01-07", 36)]
    [InlineData("1989-01-08", "2025-01-08", 36)]
    // Day of birth and the first days.
    [InlineData("2020-06-15", "2020-06-15", 0)]
    [InlineData("2020-06-15", "2021-06-13", 0)]
    [InlineData("2020-06-15", "2021-06-14", 1)]
    // Born 1 January: the age is attained on 31 December, across a year end.
    [InlineData("2000-01-01", "2000-12-30", 0)]
    [InlineData("2000-01-01", "2000-12-31", 1)]
    [InlineData("2000-01-01", "2001-01-01", 1)]
    [InlineData("2000-01-01", "2017-12-31", 18)]
    // Born 31 December: attained on 30 December.
    [InlineData("1999-12-31", "2017-12-29", 17)]
    [InlineData("1999-12-31", "2017-12-30", 18)]
    [InlineData("1999-12-31", "2017-12-31", 18)]
    // Born 2 January: attained on 1 January.
    [InlineData("2000-01-02", "2000-12-31", 0)]
    [InlineData("2000-01-02", "2001-01-01", 1)]
    // Born 1 March: attained on the last day of February, 28 or 29.
    [InlineData("2003-03-01", "2004-02-28", 0)]
    [InlineData("2003-03-01", "2004-02-29", 1)]
    [InlineData("2004-03-01", "2005-02-27", 0)]
    [InlineData("2004-03-01", "2005-02-28", 1)]
    // Born 29 February: attained on 28 February in common years…
    [InlineData("2004-02-29", "2005-02-27", 0)]
    [InlineData("2004-02-29", "2005-02-28", 1)]
    [InlineData("2004-02-29", "2005-03-01", 1)]
    // …and in leap years (the day before 29 February).
    [InlineData("2004-02-29", "2008-02-27", 3)]
    [InlineData("2004-02-29", "2008-02-28", 4)]
    [InlineData("2004-02-29", "2008-02-29", 4)]
    [InlineData("2004-02-29", "2008-03-01", 4)]
    // 2100 is a common year (divisible by 100), 2000 a leap year (by 400).
    [InlineData("2096-02-29", "2100-02-27", 3)]
    [InlineData("2096-02-29", "2100-02-28", 4)]
    [InlineData("1996-02-29", "2000-02-28", 4)]
    // Born 28 February: attained on 27 February.
    [InlineData("2004-02-28", "2005-02-26", 0)]
    [InlineData("2004-02-28", "2005-02-27", 1)]
    // Born 1 and 2 April, the cohort boundary.
    [InlineData("2007-04-02", "2025-03-31", 17)]
    [InlineData("2007-04-02", "2025-04-01", 18)]
    [InlineData("2007-04-01", "2025-03-30", 17)]
    [InlineData("2007-04-01", "2025-03-31", 18)]
    // The last day DateOnly holds.
    [InlineData("2000-01-01", "9999-12-31", 8000)]
    [InlineData("2000-01-02", "9999-12-31", 7999)]
    [InlineData("9999-12-31", "9999-12-31", 0)]
    public void Age_is_counted_from_the_day_before_the_birthday(string born, string on, int age) =>
        JapaneseAge.AgeOn(D(born), D(on)).ShouldBe(age);

    [Fact]
    public void Age_before_birth_is_an_argument_error() =>
        Should.Throw<ArgumentOutOfRangeException>(() => JapaneseAge.AgeOn(D("2020-06-15"), D("2020-06-14")));

    [Theory]
    [InlineData("2009-04-01", 1, "2010-03-31")]
    [InlineData("1989-01-08", 36, "2025-01-07")]
    [InlineData("2000-01-01", 1, "2000-12-31")]
    [InlineData("2004-02-29", 1, "2005-02-28")]
    [InlineData("2004-02-29", 4, "2008-02-28")]
    [InlineData("2003-03-01", 1, "2004-02-29")]
    [InlineData("2004-03-01", 1, "2005-02-28")]
    [InlineData("2007-04-02", 18, "2025-04-01")]
    [InlineData("2020-06-15", 0, "2020-06-15")]
    public void Date_attaining_is_the_day_before_the_birthday(string born, int age, string attained) =>
        JapaneseAge.DateAttaining(D(born), age).ShouldBe(D(attained));

    [Fact]
    public void Date_attaining_rejects_a_negative_age_and_a_day_past_9999()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => JapaneseAge.DateAttaining(D("2000-01-01"), -1));
        Should.Throw<ArgumentOutOfRangeException>(() => JapaneseAge.DateAttaining(D("2000-06-01"), 8000));
        JapaneseAge.DateAttaining(D("2000-06-01"), 7999).ShouldBe(D("9999-05-31"));
    }

    [Fact]
    public void Age_and_date_attaining_agree_on_every_day_of_eight_years_for_every_birthday_of_a_leap_cycle()
    {
        // Every birthday of 2003-2004 (a common and a leap year), ages 0-8, including 29 February: the age changes
        // exactly on DateAttaining and nowhere else.
        for (var born = D("2003-01-01"); born <= D("2004-12-31"); born = born.AddDays(1))
        {
            var expected = 0;
            var next = JapaneseAge.DateAttaining(born, 1);
            for (var on = born; on < born.AddYears(8); on = on.AddDays(1))
            {
                if (on == next)
                {
                    expected++;
                    next = JapaneseAge.DateAttaining(born, expected + 1);
                }

                // Two million checks: assert only on a difference, so the message is built once.
                if (JapaneseAge.AgeOn(born, on) != expected)
                {
                    Assert.Fail($"born {born:O}, on {on:O}: expected {expected}, got {JapaneseAge.AgeOn(born, on)}");
                }
            }
        }
    }

    [Theory]
    [InlineData("2025-03-31", 2024)]
    [InlineData("2025-04-01", 2025)]
    [InlineData("2025-12-31", 2025)]
    [InlineData("2026-01-01", 2025)]
    [InlineData("2026-03-31", 2025)]
    public void Fiscal_year_runs_April_to_March(string date, int fiscalYear) =>
        JapaneseAge.FiscalYearOf(D(date)).ShouldBe(fiscalYear);

    [Fact]
    public void Fiscal_year_first_and_last_days() =>
        (JapaneseAge.FirstDayOfFiscalYear(2025), JapaneseAge.LastDayOfFiscalYear(2025), JapaneseAge.LastDayOfFiscalYear(2027))
            .ShouldBe((D("2025-04-01"), D("2026-03-31"), D("2028-03-31")));

    [Theory]
    [InlineData("2009-04-01", 2008)]
    [InlineData("2009-04-02", 2009)]
    [InlineData("2009-12-31", 2009)]
    [InlineData("2010-01-01", 2009)]
    [InlineData("2010-03-31", 2009)]
    [InlineData("2010-04-01", 2009)]
    [InlineData("2010-04-02", 2010)]
    [InlineData("2008-02-29", 2007)]
    [InlineData("0001-01-01", 0)]
    public void School_cohort_runs_from_2_April_to_1_April(string born, int cohort) =>
        JapaneseAge.SchoolCohortOf(D(born)).ShouldBe(cohort);

    [Fact]
    public void Cohort_birth_dates_are_2_April_to_1_April()
    {
        JapaneseAge.FirstBirthDateOfCohort(2009).ShouldBe(D("2009-04-02"));
        JapaneseAge.LastBirthDateOfCohort(2009).ShouldBe(D("2010-04-01"));
        for (var born = D("2008-03-25"); born <= D("2010-04-10"); born = born.AddDays(1))
        {
            var cohort = JapaneseAge.SchoolCohortOf(born);
            born.ShouldBeInRange(JapaneseAge.FirstBirthDateOfCohort(cohort), JapaneseAge.LastBirthDateOfCohort(cohort));
        }
    }

    [Theory]
    // Cohort 2009 (born 2009-04-02 … 2010-04-01) enters elementary school in April 2016.
    [InlineData("2009-04-02", "2016-03-31", null)]
    [InlineData("2009-04-02", "2016-04-01", "小1")]
    [InlineData("2010-04-01", "2016-03-31", null)]
    [InlineData("2010-04-01", "2016-04-01", "小1")]
    [InlineData("2010-04-02", "2016-04-01", null)]
    [InlineData("2010-04-02", "2017-04-01", "小1")]
    [InlineData("2009-04-01", "2015-04-01", "小1")]
    [InlineData("2009-04-02", "2022-03-31", "小6")]
    [InlineData("2009-04-02", "2022-04-01", "中1")]
    [InlineData("2009-04-02", "2025-03-31", "中3")]
    [InlineData("2009-04-02", "2025-04-01", "高1")]
    [InlineData("2009-04-02", "2026-06-01", "高2")]
    [InlineData("2009-04-02", "2028-03-31", "高3")]
    [InlineData("2009-04-02", "2028-04-01", null)]
    [InlineData("2012-02-29", "2018-03-31", null)]
    [InlineData("2012-02-29", "2018-04-01", "小1")]
    public void School_grade_is_that_of_the_cohort_in_the_fiscal_year(string born, string on, string? grade) =>
        (JapaneseAge.SchoolGradeOn(D(born), D(on))?.ShortName).ShouldBe(grade);

    [Fact]
    public void School_grade_is_null_outside_school_age_and_before_birth()
    {
        JapaneseAge.SchoolGradeOn(D("2009-04-02"), D("2016-03-31")).ShouldBeNull();
        JapaneseAge.SchoolGradeOn(D("2009-04-02"), D("2028-04-01")).ShouldBeNull();
        JapaneseAge.SchoolGradeOn(D("2020-04-02"), D("2019-04-01")).ShouldBeNull();
        JapaneseAge.SchoolGradeInFiscalYear(D("2009-04-02"), 2027).ShouldBe(new SchoolGrade(SchoolStage.HighSchool, 3));
    }

    [Theory]
    // 18歳以下 for fiscal year 2025: born on or after 2007-04-02.
    [InlineData("2007-04-01", 2025, false)]
    [InlineData("2007-04-02", 2025, true)]
    [InlineData("2007-04-03", 2025, true)]
    [InlineData("2025-04-01", 2025, true)]
    [InlineData("2026-03-31", 2025, true)]
    [InlineData("2008-04-01", 2026, false)]
    [InlineData("2008-04-02", 2026, true)]
    public void Eighteen_or_under_is_born_on_or_after_2_April_eighteen_years_before(string born, int fiscalYear, bool expected) =>
        JapaneseAge.IsEighteenOrUnder(D(born), fiscalYear).ShouldBe(expected);

    [Fact]
    public void Eighteen_or_under_is_eighteen_or_younger_on_31_March_at_the_fiscal_year_end()
    {
        foreach (var fiscalYear in new[] { 2020, 2024, 2025 })
        {
            for (var born = new DateOnly(fiscalYear - 20, 1, 1); born <= JapaneseAge.LastDayOfFiscalYear(fiscalYear); born = born.AddDays(1))
            {
                JapaneseAge.IsEighteenOrUnder(born, fiscalYear).ShouldBe(
                    JapaneseAge.AgeOnFiscalYearEnd(born, fiscalYear) <= 18, $"born {born:O}, fiscal year {fiscalYear}");
            }
        }
    }

    [Theory]
    // 高校生世代 for fiscal year 2025: born 2007-04-02 … 2010-04-01.
    [InlineData("2007-04-01", 2025, false)]
    [InlineData("2007-04-02", 2025, true)]
    [InlineData("2008-12-31", 2025, true)]
    [InlineData("2010-04-01", 2025, true)]
    [InlineData("2010-04-02", 2025, false)]
    // The skeleton's example, and 29 February in the band.
    [InlineData("2008-04-02", 2026, true)]
    [InlineData("2008-02-29", 2026, false)]
    [InlineData("2008-02-29", 2025, true)]
    public void High_school_generation_is_born_2_April_Y_minus_18_to_1_April_Y_minus_15(string born, int fiscalYear, bool expected) =>
        JapaneseAge.IsHighSchoolGeneration(D(born), fiscalYear).ShouldBe(expected);

    [Fact]
    public void High_school_generation_is_exactly_the_cohorts_in_high_school_grades()
    {
        for (var born = D("2005-01-01"); born <= D("2012-12-31"); born = born.AddDays(1))
        {
            var grade = JapaneseAge.SchoolGradeInFiscalYear(born, 2025);
            JapaneseAge.IsHighSchoolGeneration(born, 2025).ShouldBe(grade?.Stage == SchoolStage.HighSchool, $"born {born:O}");
        }
    }

    [Theory]
    [InlineData("2007-04-02", 2025, 18, 18)]
    [InlineData("2007-04-01", 2025, 18, 19)]
    [InlineData("2023-05-10", 2025, 1, 2)]
    [InlineData("2025-04-01", 2025, 0, 1)] // born 1 April attains 1 on the next 31 March
    public void Age_on_fiscal_year_start_and_end(string born, int fiscalYear, int atStart, int atEnd)
    {
        JapaneseAge.AgeOnFiscalYearStart(D(born), fiscalYear).ShouldBe(atStart);
        JapaneseAge.AgeOnFiscalYearEnd(D(born), fiscalYear).ShouldBe(atEnd);
    }

    [Fact]
    public void The_examples_of_the_package_README_hold()
    {
        var born = JapaneseEraDate.Parse("平成21年4月1日").ToDate();
        born.ShouldBe(D("2009-04-01"));
        JapaneseEraDate.Parse("H21.4.1").ToDate().ShouldBe(born);
        JapaneseEraDate.Parse("H21/04/01").ToDate().ShouldBe(born);
        JapaneseAge.AgeOn(born, D("2010-03-31")).ShouldBe(1);
        JapaneseAge.SchoolCohortOf(born).ShouldBe(2008);
        (JapaneseAge.SchoolGradeOn(born, D("2025-06-01"))?.ShortName).ShouldBe("高2");
        JapaneseAge.IsHighSchoolGeneration(born, fiscalYear: 2025).ShouldBeTrue();
        JapaneseEraDate.FromDate(D("2019-05-01")).ToString().ShouldBe("令和元年5月1日");
        JapaneseAge.IsHighSchoolGeneration(D("2008-04-02"), fiscalYear: 2026).ShouldBeTrue();
    }
}
