namespace LineGov.Eligibility;

/// <summary>How <see cref="JapaneseEraDate.ToString(JapaneseEraDateStyle)"/> writes a date. Every style is also read by <see cref="JapaneseEraDate.Parse(string)"/>.</summary>
public enum JapaneseEraDateStyle
{
    /// <summary><c>令和元年5月1日</c>, <c>令和5年4月1日</c>: the first year of an era is 元年, as official documents write it.</summary>
    Kanji = 0,

    /// <summary><c>令和1年5月1日</c>: as <see cref="Kanji"/> with the first year as the number 1, for systems that cannot take 元年.</summary>
    KanjiNumeric = 1,

    /// <summary><c>R1.5.1</c>, <c>R5.4.1</c>: the era letter and the numbers, as forms and spreadsheets abbreviate.</summary>
    Abbreviated = 2,

    /// <summary><c>R01.05.01</c>: as <see cref="Abbreviated"/> with two-digit numbers, for fixed-width fields.</summary>
    AbbreviatedPadded = 3,
}
