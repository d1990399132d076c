using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>
/// A Japanese era (元号) since the Meiji restoration. The numbers are the era codes JPKI writes before a date of birth
/// (<see cref="JpkiEra"/>) and the era numbers of <see cref="System.Globalization.JapaneseCalendar"/>.
/// </summary>
/// <remarks>The facts of each era (first and last day, names) are in <see cref="JapaneseEras"/>.</remarks>
public enum JapaneseEra
{
    /// <summary>明治 (M): from 1868-01-25, the Gregorian day of 慶応4年1月1日 to which the era was dated back.</summary>
    Meiji = 1,

    /// <summary>大正 (T): from 1912-07-30.</summary>
    Taisho = 2,

    /// <summary>昭和 (S): from 1926-12-25.</summary>
    Showa = 3,

    /// <summary>平成 (H): from 1989-01-08.</summary>
    Heisei = 4,

    /// <summary>令和 (R): from 2019-05-01.</summary>
    Reiwa = 5,
}

/// <summary>
/// The facts of the Japanese eras (元号): the Gregorian day each began, their names and one-letter abbreviations, and the
/// era a Gregorian day belongs to.
/// </summary>
/// <remarks>
/// <para>
/// Each era begins on the day its 改元 took effect: 大正 and 昭和 on the day of the emperor's death (so 1926-12-25 is
/// 昭和元年12月25日, not 大正15年), 平成 on the day after it (昭和64年1月7日 is the last day of 昭和), 令和 on the day of the
/// accession (平成31年4月30日 is the last day of 平成).
/// </para>
/// <para>
/// 明治 was proclaimed on 1868-10-23 and dated back to the first day of that lunar year, 慶応4年1月1日, which is
/// 1868-01-25 in the Gregorian calendar; that is the first day used here, as JPKI does. (.NET's
/// <see cref="System.Globalization.JapaneseCalendar"/> starts 明治 on 1868-09-08 instead.) Japan kept the lunisolar
/// calendar until 明治5年12月2日; the next day was 明治6年1月1日 = <see cref="GregorianCalendarAdopted"/> (1873-01-01).
/// The month and day of an era date before then are lunisolar and do not map to the Gregorian month and day, so
/// <see cref="JapaneseEraDate"/> refuses them; <see cref="Of"/> still names the era of any day from 1868-01-25.
/// </para>
/// </remarks>
public static class JapaneseEras
{
    private static readonly DateOnly[] FirstDays =
    [
        default, // no era 0
        new(1868, 1, 25),
        new(1912, 7, 30),
        new(1926, 12, 25),
        new(1989, 1, 8),
        new(2019, 5, 1),
    ];

    private static readonly string[] Names = [string.Empty, "明治", "大正", "昭和", "平成", "令和"];

    private static readonly char[] Letters = ['\0', 'M', 'T', 'S', 'H', 'R'];

    /// <summary>The eras, oldest first.</summary>
    public static IReadOnlyList<JapaneseEra> All { get; } =
        [JapaneseEra.Meiji, JapaneseEra.Taisho, JapaneseEra.Showa, JapaneseEra.Heisei, JapaneseEra.Reiwa];

    /// <summary>
    /// 1873-01-01 (明治6年1月1日), the first day of the Gregorian calendar in Japan: era dates from this day on have the
    /// Gregorian month and day.
    /// </summary>
    public static DateOnly GregorianCalendarAdopted { get; } = new(1873, 1, 1);

    /// <summary>The Gregorian day the era began (its 元年 is the Gregorian year of that day).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="era"/> is not a defined era.</exception>
    public static DateOnly FirstDay(this JapaneseEra era) => FirstDays[Index(era)];

    /// <summary>The last day of the era, or <see langword="null"/> for the present era (令和).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="era"/> is not a defined era.</exception>
    public static DateOnly? LastDay(this JapaneseEra era)
    {
        var index = Index(era);
        return index + 1 < FirstDays.Length ? FirstDays[index + 1].AddDays(-1) : null;
    }

    /// <summary>The name in kanji: 明治, 大正, 昭和, 平成, 令和.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="era"/> is not a defined era.</exception>
    public static string JapaneseName(this JapaneseEra era) => Names[Index(era)];

    /// <summary>The one-letter abbreviation used on forms and in systems: M, T, S, H, R.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="era"/> is not a defined era.</exception>
    public static char Letter(this JapaneseEra era) => Letters[Index(era)];

    /// <summary>The era a Gregorian day belongs to.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is before 明治 (1868-01-25).</exception>
    public static JapaneseEra Of(DateOnly date) =>
        TryGetEra(date, out var era)
            ? era
            : throw new ArgumentOutOfRangeException(nameof(date), "The day is before the Meiji era (1868-01-25).");

    /// <summary>The era a Gregorian day belongs to; <see langword="false"/> before 明治 (1868-01-25).</summary>
    public static bool TryGetEra(DateOnly date, out JapaneseEra era)
    {
        for (var index = FirstDays.Length - 1; index >= 1; index--)
        {
            if (date >= FirstDays[index])
            {
                era = (JapaneseEra)index;
                return true;
            }
        }

        era = default;
        return false;
    }

    /// <summary>The era of a JPKI date of birth's era code; <see langword="null"/> for <see cref="JpkiEra.Unknown"/> (生年月日 not known).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="era"/> is not a defined <see cref="JpkiEra"/>.</exception>
    public static JapaneseEra? ToJapaneseEra(this JpkiEra era) => era switch
    {
        JpkiEra.Unknown => null,
        JpkiEra.Meiji => JapaneseEra.Meiji,
        JpkiEra.Taisho => JapaneseEra.Taisho,
        JpkiEra.Showa => JapaneseEra.Showa,
        JpkiEra.Heisei => JapaneseEra.Heisei,
        JpkiEra.Reiwa => JapaneseEra.Reiwa,
        _ => throw new ArgumentOutOfRangeException(nameof(era), "Not a JPKI era code (0-5)."),
    };

    /// <summary>The JPKI era code of an era.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="era"/> is not a defined era.</exception>
    public static JpkiEra ToJpkiEra(this JapaneseEra era) => (JpkiEra)Index(era);

    /// <summary>The era whose kanji name or letter (either case) this is.</summary>
    internal static bool TryFromNameOrLetter(ReadOnlySpan<char> token, out JapaneseEra era)
    {
        for (var index = 1; index < Names.Length; index++)
        {
            if (token.SequenceEqual(Names[index]) ||
                (token.Length == 1 && char.ToUpperInvariant(token[0]) == Letters[index]))
            {
                era = (JapaneseEra)index;
                return true;
            }
        }

        era = default;
        return false;
    }

    private static int Index(JapaneseEra era) =>
        era is >= JapaneseEra.Meiji and <= JapaneseEra.Reiwa
            ? (int)era
            : throw new ArgumentOutOfRangeException(nameof(era), "Not a Japanese era (Meiji=1 … Reiwa=5).");
}
