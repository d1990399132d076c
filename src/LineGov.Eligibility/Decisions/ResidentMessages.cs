using System.Globalization;

namespace LineGov.Eligibility;

/// <summary>
/// The Japanese sentences shown to residents: polite, short, saying what to do next, and never naming anyone (the
/// resident is told when and through which channel the household applied, never by whom).
/// </summary>
internal static class ResidentMessages
{
    private const string GenericContact = "お住まいの市区町村の担当窓口";

    private static readonly (DateOnly Start, string Name)[] Eras =
    [
        (new DateOnly(2019, 5, 1), "令和"),
        (new DateOnly(1989, 1, 8), "平成"),
        (new DateOnly(1926, 12, 25), "昭和"),
        (new DateOnly(1912, 7, 30), "大正"),
        (new DateOnly(1868, 1, 25), "明治"),
    ];

    /// <summary>令和8年12月1日 (元年 for the first year).</summary>
    public static string Wareki(DateOnly date)
    {
        foreach (var (start, name) in Eras)
        {
            if (date >= start)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{name}{EraYear(date.Year - start.Year + 1)}年{date.Month}月{date.Day}日");
            }
        }

        return date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
    }

    /// <summary>令和8年度: named after the era of 1 April of the fiscal year.</summary>
    public static string FiscalYear(int fiscalYear)
    {
        var april = new DateOnly(fiscalYear, 4, 1);
        foreach (var (start, name) in Eras)
        {
            if (april >= start)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{name}{EraYear(fiscalYear - start.Year + 1)}年度");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{fiscalYear}年度");
    }

    /// <summary>The day of an instant in Japan.</summary>
    public static DateOnly JapanDay(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ApplicationWindow.JapanOffset).DateTime);

    public static string Contact(BenefitProgram program) => program.Contact ?? GenericContact;

    public static string Ask(BenefitProgram program) => $"ご不明な点は{Contact(program)}までお問い合わせください。";

    public const string StaffWillContact = "担当者が確認してご連絡しますので、お待ちください。";

    /// <summary>The areas as residents say them: 当麻町 rather than 上川郡当麻町.</summary>
    public static string AreaName(BenefitProgram program) =>
        string.Join("・", program.Eligibility.Areas.Select(a => WithoutCounty(a.Municipality)).Distinct(StringComparer.Ordinal));

    public static string Yen(long amount, PaidAs paidAs) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount:N0}{(paidAs == PaidAs.Points ? "ポイント" : "円")}");

    public static string Cohort(ProgramCohort cohort) => cohort == ProgramCohort.HighSchoolGeneration ? "高校生世代" : "18歳以下";

    public static string Eligible(BenefitProgram program) => $"{program.Name}の対象です。";

    public static string Received(BenefitProgram program, long? amount, int countedMembers)
    {
        if (amount is not { } value)
        {
            return "申請を受け付けました。";
        }

        return program.Unit == BenefitUnit.Household && program.Amount.Kind != AmountKind.Fixed
            ? string.Create(CultureInfo.InvariantCulture, $"申請を受け付けました。世帯{countedMembers}人分として{Yen(value, program.Amount.PaidAs)}を支給する予定です。")
            : $"申請を受け付けました。{Yen(value, program.Amount.PaidAs)}を支給する予定です。";
    }

    public static string AlreadyApplied(BenefitProgram program, HouseholdClaim claim)
    {
        var when = Wareki(JapanDay(claim.ClaimedAt));
        var how = claim.Channel.DisplayName;
        var what = program.IsKeyed
            ? $"この番号はすでに{when}に{how}で使用されています。"
            : program.Unit == BenefitUnit.Household
                ? $"お住まいの世帯はすでに{when}に{how}で申請済みです。"
                : $"すでに{when}に{how}で申請済みです。";
        return what + Ask(program);
    }

    private static string EraYear(int year) => year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture);

    private static string WithoutCounty(string municipality)
    {
        // 上川郡当麻町 → 当麻町. Only towns and villages sit in a 郡 (大和郡山市 and 郡山市 are cities: kept whole).
        var county = municipality.IndexOf('郡', StringComparison.Ordinal);
        return county > 0 && county < municipality.Length - 2 && municipality[^1] is '町' or '村' ? municipality[(county + 1)..] : municipality;
    }
}
