namespace LineGov.Eligibility;

/// <summary>
/// Age as 年齢計算ニ関スル法律 and 民法 143条 count it: age n is attained (満n歳に達する) on the day <em>before</em> the n-th
/// birthday, and every date-based rule counts the person as n from that day. School cohorts (学年) run from 2 April to
/// 1 April: a child born on 1 April belongs to the earlier school year.
/// </summary>
/// <example>
/// <code>
/// JapaneseAge.AgeOn(new DateOnly(2009, 4, 1), new DateOnly(2010, 3, 31)); // 1
/// JapaneseAge.IsHighSchoolGeneration(new DateOnly(2008, 4, 2), fiscalYear: 2026); // true
/// </code>
/// </example>
public static class JapaneseAge
{
    /// <summary>The age in whole years on <paramref name="on"/>, counted as the law does.</summary>
    /// <param name="dateOfBirth">The date of birth.</param>
    /// <param name="on">The day to count on.</param>
    /// <returns>The age; 0 before the day the first year is attained.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="on"/> is before <paramref name="dateOfBirth"/>.</exception>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly on)
    {
        if (on < dateOfBirth)
        {
            throw new ArgumentOutOfRangeException(nameof(on), "The day to count on is before the date of birth.");
        }

        // Counted as the law does, the person is n on the day before the n-th birthday: count birthdays as of tomorrow.
        // Tomorrow is taken as numbers because the day after 9999-12-31 is not a DateOnly.
        var (year, month, day) = on is { Month: 12, Day: 31 }
            ? (on.Year + 1, 1, 1)
            : (on.AddDays(1).Year, on.AddDays(1).Month, on.AddDays(1).Day);
        var age = year - dateOfBirth.Year;
        if (month < dateOfBirth.Month || (month == dateOfBirth.Month && day < dateOfBirth.Day))
        {
            age--;
        }

        return age;
    }

    /// <summary>The day on which <paramref name="age"/> is attained (満n歳に達する日): the day before the n-th birthday.</summary>
    /// <param name="dateOfBirth">The date of birth.</param>
    /// <param name="age">The age, 0 or more.</param>
    /// <returns>The day; for a 29 February birth, 28 February in leap and common years alike; for age 0, the date of birth.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="age"/> is negative, or the day would be after 9999-12-31.</exception>
    public static DateOnly DateAttaining(DateOnly dateOfBirth, int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        if (age == 0)
        {
            return dateOfBirth;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(age, DateOnly.MaxValue.Year - dateOfBirth.Year);

        // A 29 February birth has no corresponding day in a common year (民法143条: the period then ends on the last day
        // of the month, 28 February); in a leap year the day before 29 February is 28 February too.
        return dateOfBirth is { Month: 2, Day: 29 }
            ? new DateOnly(dateOfBirth.Year + age, 2, 28)
            : dateOfBirth.AddYears(age).AddDays(-1);
    }

    /// <summary>
    /// The age on the last day of fiscal year <paramref name="fiscalYear"/> (31 March of <paramref name="fiscalYear"/> + 1):
    /// 年度末年齢, the age many benefits count (児童手当's "18歳に達する日以後の最初の3月31日まで").
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The person is born after that day.</exception>
    public static int AgeOnFiscalYearEnd(DateOnly dateOfBirth, int fiscalYear) => AgeOn(dateOfBirth, LastDayOfFiscalYear(fiscalYear));

    /// <summary>
    /// The age on the first day of fiscal year <paramref name="fiscalYear"/> (1 April): the age class (0歳児クラス …) of
    /// nursery schools (保育所) for the whole year.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The person is born after that day.</exception>
    public static int AgeOnFiscalYearStart(DateOnly dateOfBirth, int fiscalYear) => AgeOn(dateOfBirth, FirstDayOfFiscalYear(fiscalYear));

    /// <summary>The fiscal year (年度, April to March) a day belongs to.</summary>
    public static int FiscalYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    /// <summary>1 April of <paramref name="fiscalYear"/>, the first day of the fiscal year.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fiscal year is outside 1 … 9998.</exception>
    public static DateOnly FirstDayOfFiscalYear(int fiscalYear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fiscalYear, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fiscalYear, DateOnly.MaxValue.Year - 1);
        return new DateOnly(fiscalYear, 4, 1);
    }

    /// <summary>31 March of <paramref name="fiscalYear"/> + 1, the last day of the fiscal year.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fiscal year is outside 1 … 9998.</exception>
    public static DateOnly LastDayOfFiscalYear(int fiscalYear) => FirstDayOfFiscalYear(fiscalYear).AddYears(1).AddDays(-1);

    /// <summary>
    /// The school cohort of a date of birth, named by the fiscal year its births start in: born 2 April Y … 1 April Y+1
    /// is cohort Y (they enter elementary school in April Y+7). A child born on 1 April belongs to the earlier cohort
    /// because they attain 6 on 31 March (学校教育法17条: school starts with the first school year after the day 6 is attained).
    /// </summary>
    public static int SchoolCohortOf(DateOnly dateOfBirth) =>
        dateOfBirth.Month > 4 || (dateOfBirth.Month == 4 && dateOfBirth.Day >= 2) ? dateOfBirth.Year : dateOfBirth.Year - 1;

    /// <summary>The first date of birth of school cohort <paramref name="cohort"/>: 2 April of <paramref name="cohort"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside 1 … 9998.</exception>
    public static DateOnly FirstBirthDateOfCohort(int cohort) => FirstDayOfFiscalYear(cohort).AddDays(1);

    /// <summary>The last date of birth of school cohort <paramref name="cohort"/>: 1 April of <paramref name="cohort"/> + 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside 1 … 9998.</exception>
    public static DateOnly LastBirthDateOfCohort(int cohort) => FirstDayOfFiscalYear(cohort).AddYears(1);

    /// <summary>
    /// The school grade (学年相当) a date of birth's cohort is in during fiscal year <paramref name="fiscalYear"/>: 小1 in
    /// the fiscal year cohort + 7, up to 高3 in cohort + 18; <see langword="null"/> before and after.
    /// </summary>
    public static SchoolGrade? SchoolGradeInFiscalYear(DateOnly dateOfBirth, int fiscalYear)
    {
        var ordinal = (long)fiscalYear - SchoolCohortOf(dateOfBirth) - 6;
        return ordinal is >= 1 and <= SchoolGrade.MaxOrdinal ? SchoolGrade.FromOrdinal((int)ordinal) : null;
    }

    /// <summary>The school grade (学年相当) on a day: that of the fiscal year the day is in; <see langword="null"/> when not of school age (小1 … 高3).</summary>
    public static SchoolGrade? SchoolGradeOn(DateOnly dateOfBirth, DateOnly on) => SchoolGradeInFiscalYear(dateOfBirth, FiscalYearOf(on));

    /// <summary>
    /// 18歳以下 for fiscal year <paramref name="fiscalYear"/>: born on or after (Y−18)-04-02. These are the people who
    /// are 18 or younger on the last day of the fiscal year (18歳に達する日以後の最初の3月31日までの間にある者): born
    /// (Y−18)-04-01 attains 19 on 31 March Y+1 and is not counted. Births after the fiscal year are not excluded here:
    /// a program judges people on its register as of its reference date.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fiscal year is outside 19 … 10016.</exception>
    public static bool IsEighteenOrUnder(DateOnly dateOfBirth, int fiscalYear) => dateOfBirth >= FirstBirthDateOfCohort(fiscalYear - 18);

    /// <summary>
    /// 高校生世代 for fiscal year <paramref name="fiscalYear"/>: born (Y−18)-04-02 … (Y−15)-04-01, the three cohorts in
    /// 高1 … 高3 that year, whether or not they attend high school.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fiscal year is outside 19 … 10013.</exception>
    public static bool IsHighSchoolGeneration(DateOnly dateOfBirth, int fiscalYear) =>
        dateOfBirth >= FirstBirthDateOfCohort(fiscalYear - 18) && dateOfBirth <= LastBirthDateOfCohort(fiscalYear - 16);
}
