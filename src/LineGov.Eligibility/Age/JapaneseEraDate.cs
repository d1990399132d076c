using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace LineGov.Eligibility;

/// <summary>
/// A day written in the Japanese era calendar (和暦): era, era year (元年 = 1), month and day, for example 令和5年4月1日.
/// Converts both ways with the Gregorian <see cref="DateOnly"/>, validating that the day lies in the era it names
/// (平成31年4月30日 exists, 平成31年5月1日 does not: that day is 令和元年5月1日).
/// </summary>
/// <remarks>
/// <para>
/// Only days from <see cref="JapaneseEras.GregorianCalendarAdopted"/> (明治6年1月1日 = 1873-01-01) on are taken: before
/// that, an era date's month and day are those of the lunisolar calendar, which this type does not convert. Creating or
/// parsing such a date fails with a message that says so.
/// </para>
/// <para>
/// <c>default(JapaneseEraDate)</c> is not a date (its <see cref="Era"/> is 0); every instance made by a constructor,
/// <see cref="FromDate"/> or <see cref="Parse(string)"/> is valid. Like <see cref="DateOnly"/>, <see cref="ToString()"/>
/// prints the date: do not log one that holds a date of birth.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// JapaneseEraDate.Parse("R5.4.1").ToDate();                        // 2023-04-01
/// JapaneseEraDate.FromDate(new DateOnly(2019, 5, 1)).ToString();   // 令和元年5月1日
/// JapaneseEraDate.TryParse("平成31年5月1日", out _);                 // false: that day is in 令和
/// </code>
/// </example>
public readonly struct JapaneseEraDate : IEquatable<JapaneseEraDate>, IComparable<JapaneseEraDate>
{
    /// <summary>The longest text <see cref="Parse(string)"/> looks at: an era date is a few characters, padding included.</summary>
    private const int MaxTextLength = 64;

    private const string FormsHint = "write it as 令和5年4月1日, 令和元年5月1日, R5.4.1 or R05.04.01";

    private readonly DateOnly _date;

    /// <summary>Creates the date <paramref name="era"/> <paramref name="year"/>年 <paramref name="month"/>月 <paramref name="day"/>日.</summary>
    /// <param name="era">The era.</param>
    /// <param name="year">The era year: 1 for 元年.</param>
    /// <param name="month">The month, 1 to 12.</param>
    /// <param name="day">The day of the month.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The era is not defined, the day does not exist, lies outside the era, or is before 1873-01-01.
    /// </exception>
    public JapaneseEraDate(JapaneseEra era, int year, int month, int day)
    {
        var error = Validate(era, year, month, day, out _date, out var parameter);
        if (error is not null)
        {
            throw new ArgumentOutOfRangeException(parameter, error);
        }

        Era = era;
    }

    private JapaneseEraDate(JapaneseEra era, DateOnly date)
    {
        Era = era;
        _date = date;
    }

    /// <summary>The era.</summary>
    public JapaneseEra Era { get; }

    /// <summary>The era year, 1 for 元年.</summary>
    public int Year => Era == 0 ? 0 : _date.Year - Era.FirstDay().Year + 1;

    /// <summary>The month, 1 to 12 (the Gregorian month: every date here is from 1873 on).</summary>
    public int Month => Era == 0 ? 0 : _date.Month;

    /// <summary>The day of the month.</summary>
    public int Day => Era == 0 ? 0 : _date.Day;

    /// <summary>The era date of a Gregorian day.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is before 1873-01-01 (see the remarks on the type).</exception>
    public static JapaneseEraDate FromDate(DateOnly date) =>
        TryFromDate(date, out var result)
            ? result
            : throw new ArgumentOutOfRangeException(nameof(date), LunisolarMessage);

    /// <summary>The era date of a Gregorian day; <see langword="false"/> before 1873-01-01 (see the remarks on the type).</summary>
    public static bool TryFromDate(DateOnly date, out JapaneseEraDate result)
    {
        if (date < JapaneseEras.GregorianCalendarAdopted || !JapaneseEras.TryGetEra(date, out var era))
        {
            result = default;
            return false;
        }

        result = new JapaneseEraDate(era, date);
        return true;
    }

    /// <summary>Creates an era date; <see langword="false"/> where the constructor would throw.</summary>
    public static bool TryCreate(JapaneseEra era, int year, int month, int day, out JapaneseEraDate result)
    {
        if (Validate(era, year, month, day, out var date, out _) is not null)
        {
            result = default;
            return false;
        }

        result = new JapaneseEraDate(era, date);
        return true;
    }

    /// <summary>
    /// Reads an era date: <c>令和5年4月1日</c>, <c>令和元年5月1日</c>, <c>令和1年5月1日</c>, kanji numerals
    /// (<c>令和五年四月一日</c>), full-width characters (<c>令和５年４月１日</c>, <c>Ｒ５．４．１</c>), the one-character era
    /// signs (<c>㋿5年4月1日</c>), and the abbreviations <c>R5.4.1</c>, <c>H31/4/30</c>, <c>S64-1-7</c>, <c>R05.04.01</c>
    /// (letters M, T, S, H, R in either case; separators <c>.</c>, <c>/</c> or <c>-</c>). Spaces between the parts are allowed.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The date.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="EligibilityFormatException">
    /// The text is not in one of these forms, the day does not exist, lies outside the era it names (平成31年5月1日), or
    /// is before 1873-01-01. The message says which; it never repeats the text (it may be a date of birth).
    /// </exception>
    public static JapaneseEraDate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.AsSpan(), out var result, out var error) ? result : throw new EligibilityFormatException(error);
    }

    /// <summary>Reads an era date in the forms <see cref="Parse(string)"/> takes; <see langword="false"/> where it would throw.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out JapaneseEraDate result)
    {
        if (text is null)
        {
            result = default;
            return false;
        }

        return TryParse(text.AsSpan(), out result, out _);
    }

    /// <summary>Reads an era date in the forms <see cref="Parse(string)"/> takes; <see langword="false"/> where it would throw.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out JapaneseEraDate result) => TryParse(text, out result, out _);

    /// <summary>Whether <paramref name="era"/> <paramref name="year"/>年 <paramref name="month"/>月 <paramref name="day"/>日 is a day this type can hold.</summary>
    public static bool IsValid(JapaneseEra era, int year, int month, int day) => Validate(era, year, month, day, out _, out _) is null;

    /// <summary>The Gregorian day.</summary>
    /// <exception cref="InvalidOperationException">This is <c>default(JapaneseEraDate)</c>, not a date.</exception>
    public DateOnly ToDate() =>
        Era != 0 ? _date : throw new InvalidOperationException("default(JapaneseEraDate) is not a date.");

    /// <summary>The date as <c>令和5年4月1日</c> (<see cref="JapaneseEraDateStyle.Kanji"/>, 元年 for the first year).</summary>
    public override string ToString() => ToString(JapaneseEraDateStyle.Kanji);

    /// <summary>The date in the given style.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="style"/> is not defined.</exception>
    public string ToString(JapaneseEraDateStyle style)
    {
        if (Era == 0)
        {
            return string.Empty;
        }

        var invariant = CultureInfo.InvariantCulture;
        return style switch
        {
            JapaneseEraDateStyle.Kanji when Year == 1 => string.Create(invariant, $"{Era.JapaneseName()}元年{Month}月{Day}日"),
            JapaneseEraDateStyle.Kanji or JapaneseEraDateStyle.KanjiNumeric => string.Create(invariant, $"{Era.JapaneseName()}{Year}年{Month}月{Day}日"),
            JapaneseEraDateStyle.Abbreviated => string.Create(invariant, $"{Era.Letter()}{Year}.{Month}.{Day}"),
            JapaneseEraDateStyle.AbbreviatedPadded => string.Create(invariant, $"{Era.Letter()}{Year:00}.{Month:00}.{Day:00}"),
            _ => throw new ArgumentOutOfRangeException(nameof(style)),
        };
    }

    /// <inheritdoc />
    public bool Equals(JapaneseEraDate other) => Era == other.Era && _date == other._date;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JapaneseEraDate other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Era, _date);

    /// <summary>Orders by the Gregorian day (<c>default</c> first).</summary>
    public int CompareTo(JapaneseEraDate other) => Era == other.Era || (Era != 0 && other.Era != 0)
        ? _date.CompareTo(other._date)
        : Era.CompareTo(other.Era);

    /// <summary>Whether two era dates are the same day.</summary>
    public static bool operator ==(JapaneseEraDate left, JapaneseEraDate right) => left.Equals(right);

    /// <summary>Whether two era dates are different days.</summary>
    public static bool operator !=(JapaneseEraDate left, JapaneseEraDate right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> is before <paramref name="right"/>.</summary>
    public static bool operator <(JapaneseEraDate left, JapaneseEraDate right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is on or before <paramref name="right"/>.</summary>
    public static bool operator <=(JapaneseEraDate left, JapaneseEraDate right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is after <paramref name="right"/>.</summary>
    public static bool operator >(JapaneseEraDate left, JapaneseEraDate right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is on or after <paramref name="right"/>.</summary>
    public static bool operator >=(JapaneseEraDate left, JapaneseEraDate right) => left.CompareTo(right) >= 0;

    private static string LunisolarMessage =>
        "Era dates before 明治6年1月1日 (1873-01-01) are in the lunisolar calendar, which is not converted; give the Gregorian date.";

    /// <summary>Why the parts are not a date this type holds and which part is at fault, or <see langword="null"/> (and the Gregorian day) when they are.</summary>
    private static string? Validate(JapaneseEra era, int year, int month, int day, out DateOnly date, out string parameter)
    {
        date = default;
        if (era is < JapaneseEra.Meiji or > JapaneseEra.Reiwa)
        {
            parameter = nameof(era);
            return "Not a Japanese era (明治, 大正, 昭和, 平成, 令和).";
        }

        parameter = nameof(year);
        if (year < 1)
        {
            return "The era year must be 1 (元年) or more.";
        }

        var first = era.FirstDay();
        var last = era.LastDay();
        var gregorianYear = (long)first.Year + year - 1;
        if (gregorianYear > (last?.Year ?? DateOnly.MaxValue.Year))
        {
            return OutsideEraMessage(era);
        }

        if (gregorianYear < JapaneseEras.GregorianCalendarAdopted.Year)
        {
            return LunisolarMessage;
        }

        parameter = nameof(month);
        if (month is < 1 or > 12)
        {
            return "The month must be 1 to 12.";
        }

        parameter = nameof(day);
        if (day < 1 || day > DateTime.DaysInMonth((int)gregorianYear, month))
        {
            return "The day does not exist in that month.";
        }

        var candidate = new DateOnly((int)gregorianYear, month, day);
        if (candidate < first || candidate > last)
        {
            return OutsideEraMessage(era);
        }

        date = candidate;
        return null;
    }

    /// <summary>The era's span, in both calendars where it helps (平成31年4月30日 and 令和元年5月1日 are the usual confusion).</summary>
    private static string OutsideEraMessage(JapaneseEra era)
    {
        var invariant = CultureInfo.InvariantCulture;
        var first = era.FirstDay();
        if (era.LastDay() is not { } last)
        {
            return string.Create(invariant, $"The date is not in {era.JapaneseName()}, which began on {first:yyyy-MM-dd} ({FromDate(first)}).");
        }

        var firstText = first >= JapaneseEras.GregorianCalendarAdopted
            ? string.Create(invariant, $"{first:yyyy-MM-dd} ({FromDate(first)})")
            : string.Create(invariant, $"{first:yyyy-MM-dd}");
        return string.Create(
            invariant,
            $"The date is not in {era.JapaneseName()}, which ran from {firstText} to {last:yyyy-MM-dd} ({FromDate(last)}); the next day is {FromDate(last.AddDays(1))}.");
    }

    private static bool TryParse(ReadOnlySpan<char> text, out JapaneseEraDate result, out string error)
    {
        result = default;
        if (text.Length > MaxTextLength)
        {
            error = $"Not a Japanese era date: the text is longer than {MaxTextLength} characters.";
            return false;
        }

        // NFKC turns full-width digits, letters and punctuation into ASCII, the ideographic space into a space, and the
        // era signs ㍾ ㍽ ㍼ ㍻ ㋿ into 明治 … 令和.
        string normalized;
        try
        {
            normalized = text.ToString().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate: not text anyone typed as a date.
            error = $"Not a Japanese era date: {FormsHint}.";
            return false;
        }

        var reader = new Reader(normalized.AsSpan().Trim());
        if (!reader.TryReadEra(out var era))
        {
            error = $"Not a Japanese era date: it must begin with an era (明治, 大正, 昭和, 平成, 令和 or M, T, S, H, R); {FormsHint}.";
            return false;
        }

        if (!reader.TryReadNumber(allowGannen: true, out var year) ||
            !reader.TryReadSeparator(expected: null, out var separator) ||
            !reader.TryReadNumber(allowGannen: false, out var month) ||
            !reader.TryReadSeparator(expected: separator == '年' ? '月' : separator, out _) ||
            !reader.TryReadNumber(allowGannen: false, out var day))
        {
            error = $"Not a Japanese era date: {FormsHint}.";
            return false;
        }

        reader.SkipSpaces();
        if (separator == '年')
        {
            reader.TryRead('日');
        }

        if (!reader.AtEnd)
        {
            error = $"Not a Japanese era date: there is more text after the day; {FormsHint}.";
            return false;
        }

        var invalid = Validate(era, year, month, day, out var date, out _);
        if (invalid is not null)
        {
            error = invalid;
            return false;
        }

        result = new JapaneseEraDate(era, date);
        error = string.Empty;
        return true;
    }

    /// <summary>Reads the parts of an NFKC-normalized era date left to right.</summary>
    private ref struct Reader(ReadOnlySpan<char> text)
    {
        private const string KanjiDigits = "〇一二三四五六七八九";

        /// <summary>An era year, month or day has at most 4 digits (令和 reaches 4 digits in year 9999).</summary>
        private const int MaxDigits = 4;

        private ReadOnlySpan<char> _rest = text;

        public readonly bool AtEnd => _rest.IsEmpty;

        public bool TryReadEra(out JapaneseEra era)
        {
            if (_rest.Length >= 2 && JapaneseEras.TryFromNameOrLetter(_rest[..2], out era))
            {
                _rest = _rest[2..];
                return true;
            }

            if (_rest.Length >= 1 && char.IsAsciiLetter(_rest[0]) && JapaneseEras.TryFromNameOrLetter(_rest[..1], out era))
            {
                _rest = _rest[1..];
                return true;
            }

            era = default;
            return false;
        }

        public bool TryReadNumber(bool allowGannen, out int value)
        {
            SkipSpaces();
            value = 0;
            if (allowGannen && TryRead('元'))
            {
                value = 1;
                return true;
            }

            var digits = 0;
            while (digits < _rest.Length && char.IsAsciiDigit(_rest[digits]))
            {
                digits++;
            }

            if (digits > 0)
            {
                if (digits > MaxDigits)
                {
                    return false;
                }

                value = int.Parse(_rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
                _rest = _rest[digits..];
                return true;
            }

            return TryReadKanjiNumber(out value);
        }

        /// <summary>Kanji numerals as dates are written: 五, 十, 十二, 二十, 三十一, and positional 二〇, 一二.</summary>
        public bool TryReadKanjiNumber(out int value)
        {
            value = 0;
            var length = 0;
            while (length < _rest.Length && length <= MaxDigits && (KanjiDigits.Contains(_rest[length]) || _rest[length] == '十'))
            {
                length++;
            }

            if (length == 0 || length > MaxDigits)
            {
                return false;
            }

            var numeral = _rest[..length];
            var ten = numeral.IndexOf('十');
            if (ten < 0)
            {
                foreach (var c in numeral)
                {
                    value = (value * 10) + KanjiDigits.IndexOf(c);
                }
            }
            else
            {
                // 十 with at most one digit (not 〇) before it (the tens) and one after it (the units).
                var tens = numeral[..ten];
                var units = numeral[(ten + 1)..];
                if (tens.Length > 1 || units.Length > 1 || units.Contains('十') || tens.Contains('〇') || units.Contains('〇'))
                {
                    return false;
                }

                value = ((tens.IsEmpty ? 1 : KanjiDigits.IndexOf(tens[0])) * 10) + (units.IsEmpty ? 0 : KanjiDigits.IndexOf(units[0]));
            }

            _rest = _rest[length..];
            return true;
        }

        /// <summary>Reads 年 or one of <c>. / -</c> (when <paramref name="expected"/> is null), or exactly <paramref name="expected"/>.</summary>
        public bool TryReadSeparator(char? expected, out char separator)
        {
            SkipSpaces();
            separator = _rest.IsEmpty ? '\0' : _rest[0];
            var accepted = expected is { } wanted ? separator == wanted : separator is '年' or '.' or '/' or '-';
            if (!accepted)
            {
                return false;
            }

            _rest = _rest[1..];
            return true;
        }

        public bool TryRead(char c)
        {
            if (!_rest.IsEmpty && _rest[0] == c)
            {
                _rest = _rest[1..];
                return true;
            }

            return false;
        }

        public void SkipSpaces() => _rest = _rest.TrimStart();
    }
}
