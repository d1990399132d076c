using System.Globalization;
using LineGov.Jpki;

namespace LineGov.Eligibility.Tests.Age;

/// <summary>The era calendar (明治 … 令和) both ways, checked against .NET's JapaneseCalendar as an independent implementation.</summary>
public sealed class JapaneseEraTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(JapaneseEra.Meiji, "1868-01-25", "1912-07-29", "明治", 'M')]
    [InlineData(JapaneseEra.Taisho, "1912-07-30", "1926-12-24", "大正", 'T')]
    [InlineData(JapaneseEra.Showa, "1926-12-25", "1989-01-07", "昭和", 'S')]
    [InlineData(JapaneseEra.Heisei, "1989-01-08", "2019-04-30", "平成", 'H')]
    [InlineData(JapaneseEra.Reiwa, "2019-05-01", null, "令和", 'R')]
    public void Each_era_has_its_first_and_last_day_and_names(JapaneseEra era, string first, string? last, string name, char letter)
    {
        era.FirstDay().ShouldBe(D(first));
        era.LastDay().ShouldBe(last is null ? null : D(last));
        era.JapaneseName().ShouldBe(name);
        era.Letter().ShouldBe(letter);
        JapaneseEras.Of(D(first)).ShouldBe(era);
        if (era != JapaneseEra.Meiji)
        {
            JapaneseEras.Of(D(first).AddDays(-1)).ShouldBe(era - 1);
        }
    }

    [Fact]
    public void There_is_no_era_before_Meiji()
    {
        JapaneseEras.TryGetEra(D("1868-01-24"), out _).ShouldBeFalse();
        Should.Throw<ArgumentOutOfRangeException>(() => JapaneseEras.Of(D("1868-01-24")));
        JapaneseEras.All.ShouldBe([JapaneseEra.Meiji, JapaneseEra.Taisho, JapaneseEra.Showa, JapaneseEra.Heisei, JapaneseEra.Reiwa]);
        Should.Throw<ArgumentOutOfRangeException>(() => ((JapaneseEra)0).FirstDay());
        Should.Throw<ArgumentOutOfRangeException>(() => ((JapaneseEra)6).JapaneseName());
    }

    [Theory]
    [InlineData(JpkiEra.Unknown, null)]
    [InlineData(JpkiEra.Meiji, JapaneseEra.Meiji)]
    [InlineData(JpkiEra.Taisho, JapaneseEra.Taisho)]
    [InlineData(JpkiEra.Showa, JapaneseEra.Showa)]
    [InlineData(JpkiEra.Heisei, JapaneseEra.Heisei)]
    [InlineData(JpkiEra.Reiwa, JapaneseEra.Reiwa)]
    public void Jpki_era_codes_convert_both_ways(JpkiEra jpki, JapaneseEra? era)
    {
        jpki.ToJapaneseEra().ShouldBe(era);
        if (era is { } known)
        {
            known.ToJpkiEra().ShouldBe(jpki);
        }
    }

    [Fact]
    public void An_undefined_Jpki_era_code_is_an_argument_error() =>
        Should.Throw<ArgumentOutOfRangeException>(() => ((JpkiEra)9).ToJapaneseEra());

    [Fact]
    public void Jpki_date_of_birth_and_the_era_calendar_agree_on_the_era_of_every_day()
    {
        // LineGov.Jpki keeps its own table of era first days; the two must never drift apart.
        for (var date = D("1868-01-25"); date <= D("2030-12-31"); date = date.AddDays(1))
        {
            var jpki = JpkiDateOfBirth.FromDate(date).Era.ToJapaneseEra();
            if (jpki != JapaneseEras.Of(date))
            {
                Assert.Fail($"{date:O}: JPKI says {jpki}, the era calendar says {JapaneseEras.Of(date)}");
            }
        }
    }

    [Theory]
    [InlineData("2019-04-30", JapaneseEra.Heisei, 31, 4, 30, "平成31年4月30日")]
    [InlineData("2019-05-01", JapaneseEra.Reiwa, 1, 5, 1, "令和元年5月1日")]
    [InlineData("2023-04-01", JapaneseEra.Reiwa, 5, 4, 1, "令和5年4月1日")]
    [InlineData("1989-01-07", JapaneseEra.Showa, 64, 1, 7, "昭和64年1月7日")]
    [InlineData("1989-01-08", JapaneseEra.Heisei, 1, 1, 8, "平成元年1月8日")]
    [InlineData("1926-12-24", JapaneseEra.Taisho, 15, 12, 24, "大正15年12月24日")]
    [InlineData("1926-12-25", JapaneseEra.Showa, 1, 12, 25, "昭和元年12月25日")]
    [InlineData("1912-07-29", JapaneseEra.Meiji, 45, 7, 29, "明治45年7月29日")]
    [InlineData("1912-07-30", JapaneseEra.Taisho, 1, 7, 30, "大正元年7月30日")]
    [InlineData("1873-01-01", JapaneseEra.Meiji, 6, 1, 1, "明治6年1月1日")]
    [InlineData("2000-02-29", JapaneseEra.Heisei, 12, 2, 29, "平成12年2月29日")]
    [InlineData("9999-12-31", JapaneseEra.Reiwa, 7981, 12, 31, "令和7981年12月31日")]
    public void Gregorian_days_convert_to_era_dates_and_back(string iso, JapaneseEra era, int year, int month, int day, string text)
    {
        var date = JapaneseEraDate.FromDate(D(iso));

        (date.Era, date.Year, date.Month, date.Day).ShouldBe((era, year, month, day));
        date.ToString().ShouldBe(text);
        date.ToDate().ShouldBe(D(iso));
        new JapaneseEraDate(era, year, month, day).ShouldBe(date);
        JapaneseEraDate.Parse(text).ShouldBe(date);
    }

    [Theory]
    [InlineData(JapaneseEra.Heisei, 31, 5, 1)] // that day is 令和元年5月1日
    [InlineData(JapaneseEra.Heisei, 32, 1, 1)]
    [InlineData(JapaneseEra.Showa, 64, 1, 8)] // 平成元年1月8日
    [InlineData(JapaneseEra.Showa, 1, 12, 24)] // 大正15年12月24日
    [InlineData(JapaneseEra.Taisho, 15, 12, 25)] // 昭和元年12月25日
    [InlineData(JapaneseEra.Taisho, 1, 7, 29)] // 明治45年7月29日
    [InlineData(JapaneseEra.Meiji, 45, 7, 30)] // 大正元年7月30日
    [InlineData(JapaneseEra.Reiwa, 1, 4, 30)] // 平成31年4月30日
    [InlineData(JapaneseEra.Heisei, 1, 1, 7)] // 昭和64年1月7日
    [InlineData(JapaneseEra.Reiwa, 0, 5, 1)]
    [InlineData(JapaneseEra.Reiwa, -1, 5, 1)]
    [InlineData(JapaneseEra.Reiwa, 5, 0, 1)]
    [InlineData(JapaneseEra.Reiwa, 5, 13, 1)]
    [InlineData(JapaneseEra.Reiwa, 5, 2, 29)] // 2023 is a common year
    [InlineData(JapaneseEra.Reiwa, 5, 4, 31)]
    [InlineData(JapaneseEra.Reiwa, 5, 4, 0)]
    [InlineData(JapaneseEra.Reiwa, 7982, 1, 1)] // after 9999-12-31
    [InlineData(JapaneseEra.Reiwa, int.MaxValue, 1, 1)]
    [InlineData(JapaneseEra.Meiji, 5, 12, 2)] // lunisolar calendar
    [InlineData(JapaneseEra.Meiji, 1, 1, 1)]
    [InlineData((JapaneseEra)0, 1, 1, 1)]
    [InlineData((JapaneseEra)6, 1, 1, 1)]
    public void Days_that_are_not_in_the_era_they_name_are_rejected(JapaneseEra era, int year, int month, int day)
    {
        JapaneseEraDate.IsValid(era, year, month, day).ShouldBeFalse();
        JapaneseEraDate.TryCreate(era, year, month, day, out _).ShouldBeFalse();
        Should.Throw<ArgumentOutOfRangeException>(() => new JapaneseEraDate(era, year, month, day));
    }

    [Theory]
    [InlineData("令和5年4月1日", "2023-04-01")]
    [InlineData("令和元年5月1日", "2019-05-01")]
    [InlineData("令和1年5月1日", "2019-05-01")]
    [InlineData("令和５年４月１日", "2023-04-01")]
    [InlineData("令和五年四月一日", "2023-04-01")]
    [InlineData("平成三十一年四月三十日", "2019-04-30")]
    [InlineData("昭和六十四年一月七日", "1989-01-07")]
    [InlineData("平成十年十二月二十日", "1998-12-20")]
    [InlineData("平成一〇年一二月二〇日", "1998-12-20")]
    [InlineData("令和 5 年 4 月 1 日", "2023-04-01")]
    [InlineData("  令和5年4月1日\u3000", "2023-04-01")]
    [InlineData("令和05年04月01日", "2023-04-01")]
    [InlineData("令和5年4月1", "2023-04-01")]
    [InlineData("㋿5年4月1日", "2023-04-01")]
    [InlineData("㍻31年4月30日", "2019-04-30")]
    [InlineData("㍼64年1月7日", "1989-01-07")]
    [InlineData("R5.4.1", "2023-04-01")]
    [InlineData("r5.4.1", "2023-04-01")]
    [InlineData("R05.04.01", "2023-04-01")]
    [InlineData("R1.5.1", "2019-05-01")]
    [InlineData("R元.5.1", "2019-05-01")]
    [InlineData("H31/4/30", "2019-04-30")]
    [InlineData("H31-4-30", "2019-04-30")]
    [InlineData("S64.1.7", "1989-01-07")]
    [InlineData("T15.12.24", "1926-12-24")]
    [InlineData("M45.7.29", "1912-07-29")]
    [InlineData("M6.1.1", "1873-01-01")]
    [InlineData("Ｒ５．４．１", "2023-04-01")]
    [InlineData("令和5.4.1", "2023-04-01")]
    [InlineData("R5年4月1日", "2023-04-01")]
    public void Japanese_forms_are_parsed(string text, string iso)
    {
        JapaneseEraDate.Parse(text).ToDate().ShouldBe(D(iso));
        JapaneseEraDate.TryParse(text, out var parsed).ShouldBeTrue();
        parsed.ToDate().ShouldBe(D(iso));
        JapaneseEraDate.TryParse(text.AsSpan(), out parsed).ShouldBeTrue();
        parsed.ToDate().ShouldBe(D(iso));
    }

    [Theory]
    [InlineData("平成31年5月1日", "平成")]
    [InlineData("H31.5.1", "2019-04-30")]
    [InlineData("昭和64年1月8日", "1989-01-07")]
    [InlineData("S64.1.8", "平成元年1月8日")]
    [InlineData("令和元年4月30日", "令和")]
    [InlineData("令和0年5月1日", "元年")]
    [InlineData("令和5年2月29日", "does not exist")]
    [InlineData("令和5年13月1日", "1 to 12")]
    [InlineData("明治5年12月2日", "lunisolar")]
    [InlineData("明治元年1月1日", "lunisolar")]
    [InlineData("2023-04-01", "must begin with an era")]
    [InlineData("2023年4月1日", "must begin with an era")]
    [InlineData("X5.4.1", "must begin with an era")]
    [InlineData("", "must begin with an era")]
    [InlineData("令和", "R5.4.1")]
    [InlineData("令和5年", "R5.4.1")]
    [InlineData("令和5年4月", "R5.4.1")]
    [InlineData("R5.4", "R5.4.1")]
    [InlineData("R5.4/1", "R5.4.1")]
    [InlineData("R5年4.1", "R5.4.1")]
    [InlineData("R5.4.1日", "more text")]
    [InlineData("R5.4.1.2", "more text")]
    [InlineData("令和5年4月1日生", "more text")]
    [InlineData("R00005.4.1", "R5.4.1")]
    [InlineData("令和十十年1月1日", "R5.4.1")]
    [InlineData("令和〇十年1月1日", "R5.4.1")]
    [InlineData("令和-5年4月1日", "R5.4.1")]
    [InlineData("R\uD800.4.1", "R5.4.1")]
    public void Bad_forms_give_a_clear_EligibilityFormatException(string text, string messagePart)
    {
        var error = Should.Throw<EligibilityFormatException>(() => JapaneseEraDate.Parse(text));
        error.Message.ShouldContain(messagePart);
        JapaneseEraDate.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void Messages_never_repeat_the_text()
    {
        // A date of birth is personal data: the message names the rule, never the value.
        var error = Should.Throw<EligibilityFormatException>(() => JapaneseEraDate.Parse("令和3年2月30日"));
        error.Message.ShouldNotContain("3年2月30日");
        Should.Throw<EligibilityFormatException>(() => JapaneseEraDate.Parse("R3.2.30")).Message.ShouldNotContain("R3.2.30");
    }

    [Fact]
    public void Null_and_overlong_text_are_handled()
    {
        Should.Throw<ArgumentNullException>(() => JapaneseEraDate.Parse(null!));
        JapaneseEraDate.TryParse((string?)null, out _).ShouldBeFalse();
        JapaneseEraDate.TryParse("R5.4.1" + new string(' ', 100), out _).ShouldBeFalse();
        JapaneseEraDate.TryParse(new string('9', 100_000), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2019-05-01", JapaneseEraDateStyle.Kanji, "令和元年5月1日")]
    [InlineData("2019-05-01", JapaneseEraDateStyle.KanjiNumeric, "令和1年5月1日")]
    [InlineData("2019-05-01", JapaneseEraDateStyle.Abbreviated, "R1.5.1")]
    [InlineData("2019-05-01", JapaneseEraDateStyle.AbbreviatedPadded, "R01.05.01")]
    [InlineData("2023-04-01", JapaneseEraDateStyle.Kanji, "令和5年4月1日")]
    [InlineData("1998-12-20", JapaneseEraDateStyle.AbbreviatedPadded, "H10.12.20")]
    [InlineData("1989-01-07", JapaneseEraDateStyle.Abbreviated, "S64.1.7")]
    public void Styles_format_and_parse_back(string iso, JapaneseEraDateStyle style, string text)
    {
        var date = JapaneseEraDate.FromDate(D(iso));
        date.ToString(style).ShouldBe(text);
        JapaneseEraDate.Parse(text).ShouldBe(date);
    }

    [Fact]
    public void Days_before_the_Gregorian_calendar_are_refused()
    {
        JapaneseEraDate.TryFromDate(D("1872-12-31"), out _).ShouldBeFalse();
        JapaneseEraDate.TryFromDate(D("1868-01-25"), out _).ShouldBeFalse();
        JapaneseEraDate.TryFromDate(D("1800-01-01"), out _).ShouldBeFalse();
        Should.Throw<ArgumentOutOfRangeException>(() => JapaneseEraDate.FromDate(D("1872-12-31"))).Message.ShouldContain("lunisolar");
        JapaneseEraDate.TryFromDate(D("1873-01-01"), out var first).ShouldBeTrue();
        first.ToString().ShouldBe("明治6年1月1日");
    }

    [Fact]
    public void Default_is_not_a_date()
    {
        var none = default(JapaneseEraDate);
        ((int)none.Era, none.Year, none.Month, none.Day).ShouldBe((0, 0, 0, 0));
        Should.Throw<InvalidOperationException>(() => none.ToDate());
        none.ToString().ShouldBeEmpty();
        none.ShouldNotBe(JapaneseEraDate.FromDate(D("2019-05-01")));
        none.CompareTo(JapaneseEraDate.FromDate(D("1873-01-01"))).ShouldBeLessThan(0);
    }

    [Fact]
    public void Era_dates_order_by_day()
    {
        var heisei = JapaneseEraDate.Parse("H31.4.30");
        var reiwa = JapaneseEraDate.Parse("R1.5.1");
        (heisei < reiwa).ShouldBeTrue();
        (reiwa >= heisei).ShouldBeTrue();
        (heisei != reiwa).ShouldBeTrue();
        heisei.CompareTo(reiwa).ShouldBeLessThan(0);
        heisei.GetHashCode().ShouldBe(JapaneseEraDate.Parse("平成31年4月30日").GetHashCode());
    }

    [Fact]
    public void Every_day_from_1873_to_2100_agrees_with_dotnet_JapaneseCalendar_both_ways()
    {
        // .NET's JapaneseCalendar (from 1868-09-08, with Gregorian month and day) is an independent implementation of the
        // same eras; it agrees with ours on every day of the Gregorian calendar in Japan.
        var calendar = new JapaneseCalendar();
        for (var date = D("1873-01-01"); date <= D("2100-12-31"); date = date.AddDays(1))
        {
            var time = date.ToDateTime(TimeOnly.MinValue);
            var era = JapaneseEraDate.FromDate(date);
            if ((int)era.Era != calendar.GetEra(time) || era.Year != calendar.GetYear(time) ||
                era.Month != calendar.GetMonth(time) || era.Day != calendar.GetDayOfMonth(time))
            {
                Assert.Fail($"{date:O}: ours {era.Era} {era.Year}-{era.Month}-{era.Day}, JapaneseCalendar {calendar.GetEra(time)} {calendar.GetYear(time)}-{calendar.GetMonth(time)}-{calendar.GetDayOfMonth(time)}");
            }

            var back = DateOnly.FromDateTime(calendar.ToDateTime(era.Year, era.Month, era.Day, 0, 0, 0, 0, (int)era.Era));
            if (back != date || new JapaneseEraDate(era.Era, era.Year, era.Month, era.Day).ToDate() != date)
            {
                Assert.Fail($"{date:O} does not convert back");
            }
        }
    }

    [Fact]
    public void Era_days_that_JapaneseCalendar_accepts_leniently_are_rejected()
    {
        // JapaneseCalendar does not enforce era ends by default (so that software kept working across the 2019 change):
        // it reads 平成31年5月1日 as 2019-05-01 and 平成32年1月1日 as 2020-01-01. A benefit form with such a date is a
        // mistake to report, so this type validates on its own.
        var calendar = new JapaneseCalendar();
        DateOnly.FromDateTime(calendar.ToDateTime(31, 5, 1, 0, 0, 0, 0, (int)JapaneseEra.Heisei)).ShouldBe(D("2019-05-01"));
        JapaneseEraDate.IsValid(JapaneseEra.Heisei, 31, 5, 1).ShouldBeFalse();
        JapaneseEraDate.IsValid(JapaneseEra.Heisei, 32, 1, 1).ShouldBeFalse();
    }
}
