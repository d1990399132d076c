using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LineGov.Eligibility;

/// <summary>The school (学校) of a <see cref="SchoolGrade"/>.</summary>
public enum SchoolStage
{
    /// <summary>小学校 (elementary school): 小1 … 小6.</summary>
    Elementary = 1,

    /// <summary>中学校 (junior high school): 中1 … 中3.</summary>
    JuniorHigh = 2,

    /// <summary>高等学校 (high school): 高1 … 高3.</summary>
    HighSchool = 3,
}

/// <summary>
/// A school grade (学年), 小1 … 高3, as the grade a school cohort is in during a school year (学年相当): a child is
/// counted in the grade of their cohort whether or not they attend that school (high school is not compulsory), which is
/// how benefit programs use it. <c>default(SchoolGrade)</c> is 小1.
/// </summary>
/// <example>
/// <code>
/// JapaneseAge.SchoolGradeOn(new DateOnly(2009, 4, 2), new DateOnly(2025, 6, 1))?.ToString(); // 高1
/// SchoolGrade.Parse("高2").Ordinal;                                                          // 11
/// </code>
/// </example>
public readonly struct SchoolGrade : IEquatable<SchoolGrade>, IComparable<SchoolGrade>
{
    /// <summary>The last ordinal, 高3.</summary>
    public const int MaxOrdinal = 12;

    private static readonly string[] ShortNames =
        ["小1", "小2", "小3", "小4", "小5", "小6", "中1", "中2", "中3", "高1", "高2", "高3"];

    // Zero-based, so that default(SchoolGrade) is a valid grade rather than a hidden invalid one.
    private readonly byte _index;

    /// <summary>Creates the grade <paramref name="year"/> of <paramref name="stage"/> (高2 = HighSchool, 2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The stage is not defined, or the year is not 1–6 (小), 1–3 (中, 高).</exception>
    public SchoolGrade(SchoolStage stage, int year)
    {
        var (offset, years) = stage switch
        {
            SchoolStage.Elementary => (0, 6),
            SchoolStage.JuniorHigh => (6, 3),
            SchoolStage.HighSchool => (9, 3),
            _ => throw new ArgumentOutOfRangeException(nameof(stage)),
        };
        if (year < 1 || year > years)
        {
            throw new ArgumentOutOfRangeException(nameof(year), string.Create(CultureInfo.InvariantCulture, $"A {stage} grade is 1 to {years}."));
        }

        _index = (byte)(offset + year - 1);
    }

    private SchoolGrade(int index) => _index = (byte)index;

    /// <summary>The school.</summary>
    public SchoolStage Stage => _index switch
    {
        < 6 => SchoolStage.Elementary,
        < 9 => SchoolStage.JuniorHigh,
        _ => SchoolStage.HighSchool,
    };

    /// <summary>The year within the school: 1–6 for 小, 1–3 for 中 and 高.</summary>
    public int Year => _index switch
    {
        < 6 => _index + 1,
        < 9 => _index - 5,
        _ => _index - 8,
    };

    /// <summary>The year of schooling counted from 小1 = 1 to 高3 = 12.</summary>
    public int Ordinal => _index + 1;

    /// <summary>The short Japanese name: 小1 … 小6, 中1 … 中3, 高1 … 高3.</summary>
    public string ShortName => ShortNames[_index];

    /// <summary>The grade of an ordinal, 1 (小1) to 12 (高3).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ordinal"/> is not 1 to 12.</exception>
    public static SchoolGrade FromOrdinal(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ordinal, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ordinal, MaxOrdinal);
        return new SchoolGrade(ordinal - 1);
    }

    /// <summary>Reads a short name, 小1 … 高3 (full-width digits too).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="EligibilityFormatException">The text is not one of 小1 … 小6, 中1 … 中3, 高1 … 高3.</exception>
    public static SchoolGrade Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var grade)
            ? grade
            : throw new EligibilityFormatException("Not a school grade: write 小1 … 小6, 中1 … 中3 or 高1 … 高3.");
    }

    /// <summary>Reads a short name, 小1 … 高3; <see langword="false"/> where <see cref="Parse"/> would throw.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SchoolGrade grade)
    {
        grade = default;
        if (text is null)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length != 2)
        {
            return false;
        }

        // Full-width digits (１ … ９) count as their ASCII forms.
        var digit = trimmed[1] is >= '１' and <= '９' ? (char)(trimmed[1] - '１' + '1') : trimmed[1];
        var index = Array.IndexOf(ShortNames, string.Concat(trimmed[0].ToString(), digit.ToString()));
        if (index < 0)
        {
            return false;
        }

        grade = new SchoolGrade(index);
        return true;
    }

    /// <summary>The short name, 小1 … 高3.</summary>
    public override string ToString() => ShortName;

    /// <inheritdoc />
    public bool Equals(SchoolGrade other) => _index == other._index;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SchoolGrade other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _index;

    /// <summary>Orders from 小1 to 高3.</summary>
    public int CompareTo(SchoolGrade other) => _index.CompareTo(other._index);

    /// <summary>Whether two grades are the same.</summary>
    public static bool operator ==(SchoolGrade left, SchoolGrade right) => left.Equals(right);

    /// <summary>Whether two grades differ.</summary>
    public static bool operator !=(SchoolGrade left, SchoolGrade right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> is a lower grade.</summary>
    public static bool operator <(SchoolGrade left, SchoolGrade right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is the same or a lower grade.</summary>
    public static bool operator <=(SchoolGrade left, SchoolGrade right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is a higher grade.</summary>
    public static bool operator >(SchoolGrade left, SchoolGrade right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is the same or a higher grade.</summary>
    public static bool operator >=(SchoolGrade left, SchoolGrade right) => left.CompareTo(right) >= 0;
}
