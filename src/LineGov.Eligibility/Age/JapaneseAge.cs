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
        var tomorrow = on.DayNumber == DateOnly.MaxValue.DayNumber ? on : on.AddDays(1);
        var age = tomorrow.Year - dateOfBirth.Year;
        if (tomorrow.Month < dateOfBirth.Month || (tomorrow.Month == dateOfBirth.Month && tomorrow.Day < dateOfBirth.Day))
        {
            age--;
        }

        return age;
    }

    /// <summary>The day on which <paramref name="age"/> is attained (満n歳に達する日): the day before the n-th birthday.</summary>
    /// <param name="dateOfBirth">The date of birth.</param>
    /// <param name="age">The age, 0 or more.</param>
    /// <returns>The day; for a 29 February birth in a common year, 28 February.</returns>
    public static DateOnly DateAttaining(DateOnly dateOfBirth, int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        if (age == 0)
        {
            return dateOfBirth;
        }

        // A 29 February birth has no corresponding day in a common year; either way the day before is 28 February.
        return dateOfBirth is { Month: 2, Day: 29 }
            ? new DateOnly(dateOfBirth.Year + age, 2, 28)
            : dateOfBirth.AddYears(age).AddDays(-1);
    }

    /// <summary>The fiscal year (年度, April to March) a day belongs to.</summary>
    public static int FiscalYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    /// <summary>
    /// The school cohort of a date of birth, named by the fiscal year its births start in: born 2 April Y … 1 April Y+1
    /// is cohort Y (they enter elementary school in April Y+7).
    /// </summary>
    public static int SchoolCohortOf(DateOnly dateOfBirth) => FiscalYearOf(dateOfBirth.AddDays(-1));

    /// <summary>
    /// 18歳以下 for fiscal year <paramref name="fiscalYear"/>: not yet 19 on 1 April of that fiscal year, i.e. born on or after
    /// (Y−18)-04-02 (as DESIGN.md defines it for benefits: 18 is attained by 31 March of the fiscal year at most).
    /// </summary>
    public static bool IsEighteenOrUnder(DateOnly dateOfBirth, int fiscalYear) => dateOfBirth >= new DateOnly(fiscalYear - 18, 4, 2);

    /// <summary>高校生世代 for fiscal year <paramref name="fiscalYear"/>: born (Y−18)-04-02 … (Y−15)-04-01.</summary>
    public static bool IsHighSchoolGeneration(DateOnly dateOfBirth, int fiscalYear) =>
        dateOfBirth >= new DateOnly(fiscalYear - 18, 4, 2) && dateOfBirth <= new DateOnly(fiscalYear - 15, 4, 1);
}
