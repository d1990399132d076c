using System.Globalization;

namespace LineGov.Jpki;

/// <summary>
/// 基本4情報: the four facts a signature certificate proves (name, date of birth, gender, address).
/// Personal data: <see cref="ToString"/> never prints it, and nothing in LineGov logs it.
/// </summary>
public sealed record JpkiFourFacts
{
    /// <summary>Creates the four facts.</summary>
    public JpkiFourFacts(JpkiName name, JpkiDateOfBirth dateOfBirth, JpkiGender gender, JpkiAddress address)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(address);
        Name = name;
        DateOfBirth = dateOfBirth;
        Gender = gender;
        Address = address;
    }

    /// <summary>氏名.</summary>
    public JpkiName Name { get; }

    /// <summary>生年月日.</summary>
    public JpkiDateOfBirth DateOfBirth { get; }

    /// <summary>性別.</summary>
    public JpkiGender Gender { get; }

    /// <summary>住所.</summary>
    public JpkiAddress Address { get; }

    /// <summary>Whether any character of the name or the address is a 代替文字 (alternate character).</summary>
    public bool HasAlternateCharacters => Name.HasAlternateCharacters || Address.HasAlternateCharacters;

    /// <summary>Returns a redacted description: the four facts are personal data.</summary>
    public override string ToString() => "JpkiFourFacts { (personal data redacted) }";
}

/// <summary>
/// 氏名 as written in a signature certificate. Characters outside JIS level 1/2 and 補助漢字 are replaced by
/// J-LIS with an alternate character (代替文字) and flagged; a flagged position must never be matched silently.
/// Positions count Unicode scalar values (a surrogate pair is one character).
/// </summary>
public sealed record JpkiName
{
    /// <summary>The separator J-LIS puts between family and given name: U+3000 IDEOGRAPHIC SPACE.</summary>
    public const char Separator = '\u3000';

    /// <summary>Creates a name; <paramref name="alternateCharacterFlags"/> holds one <c>0</c>/<c>1</c> per character (empty = none flagged).</summary>
    /// <exception cref="ArgumentException">The flags are not <c>0</c>/<c>1</c> or do not have one flag per character.</exception>
    public JpkiName(string fullName, string alternateCharacterFlags = "")
    {
        ArgumentNullException.ThrowIfNull(fullName);
        ArgumentNullException.ThrowIfNull(alternateCharacterFlags);
        FullName = fullName;
        AlternateCharacterFlags = AlternateFlags.Normalize(fullName, alternateCharacterFlags, nameof(alternateCharacterFlags));
        var separator = fullName.IndexOf(Separator, StringComparison.Ordinal);
        FamilyName = separator < 0 ? fullName : fullName[..separator];
        GivenName = separator < 0 ? string.Empty : fullName[(separator + 1)..];
    }

    /// <summary>The whole name as in the certificate (family, full-width space, given).</summary>
    public string FullName { get; }

    /// <summary>氏 (family name): the part before the first full-width space.</summary>
    public string FamilyName { get; }

    /// <summary>名 (given name): the part after the first full-width space; empty when there is none.</summary>
    public string GivenName { get; }

    /// <summary>One <c>0</c>/<c>1</c> per character of <see cref="FullName"/>; <c>1</c> = 代替文字.</summary>
    public string AlternateCharacterFlags { get; }

    /// <summary>Whether any character is flagged as an alternate character.</summary>
    public bool HasAlternateCharacters => AlternateCharacterFlags.Contains('1', StringComparison.Ordinal);

    /// <summary>Whether the character at <paramref name="position"/> (in Unicode scalar values) is an alternate character.</summary>
    public bool IsAlternateCharacter(int position) => AlternateFlags.IsSet(AlternateCharacterFlags, position);

    /// <summary>Returns a redacted description: a name is personal data.</summary>
    public override string ToString() => "JpkiName { (personal data redacted) }";
}

/// <summary>住所 as written in a signature certificate: starts with the prefecture, no postal code.</summary>
public sealed record JpkiAddress
{
    /// <summary>Creates an address; <paramref name="alternateCharacterFlags"/> holds one <c>0</c>/<c>1</c> per character (empty = none flagged).</summary>
    /// <exception cref="ArgumentException">The flags are not <c>0</c>/<c>1</c> or do not have one flag per character.</exception>
    public JpkiAddress(string value, string alternateCharacterFlags = "")
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(alternateCharacterFlags);
        Value = value;
        AlternateCharacterFlags = AlternateFlags.Normalize(value, alternateCharacterFlags, nameof(alternateCharacterFlags));
    }

    /// <summary>The address text.</summary>
    public string Value { get; }

    /// <summary>One <c>0</c>/<c>1</c> per character of <see cref="Value"/>; <c>1</c> = 代替文字.</summary>
    public string AlternateCharacterFlags { get; }

    /// <summary>Whether any character is flagged as an alternate character.</summary>
    public bool HasAlternateCharacters => AlternateCharacterFlags.Contains('1', StringComparison.Ordinal);

    /// <summary>Whether the character at <paramref name="position"/> (in Unicode scalar values) is an alternate character.</summary>
    public bool IsAlternateCharacter(int position) => AlternateFlags.IsSet(AlternateCharacterFlags, position);

    /// <summary>Returns a redacted description: an address is personal data.</summary>
    public override string ToString() => "JpkiAddress { (personal data redacted) }";
}

/// <summary>
/// 生年月日 as written in a signature certificate (<c>EYYYYMMDD</c>): the era code and the Gregorian date.
/// An unknown date of birth (era code <c>0</c>) has no <see cref="Date"/>.
/// </summary>
public readonly record struct JpkiDateOfBirth
{
    private readonly string? _rawValue;

    private JpkiDateOfBirth(JpkiEra era, DateOnly? date, string rawValue)
    {
        Era = era;
        Date = date;
        _rawValue = rawValue;
    }

    /// <summary>A date of birth that is not known (era code <c>0</c>).</summary>
    public static JpkiDateOfBirth Unknown { get; } = new(JpkiEra.Unknown, null, "000000000");

    /// <summary>The era code.</summary>
    public JpkiEra Era { get; }

    /// <summary>The Gregorian date, or <see langword="null"/> when unknown.</summary>
    public DateOnly? Date { get; }

    /// <summary>Whether the date is known.</summary>
    public bool IsKnown => Date.HasValue;

    /// <summary>The nine characters as in the certificate.</summary>
    public string RawValue => _rawValue ?? "000000000";

    /// <summary>A known date of birth; the era follows from the date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 明治 (1868-01-25).</exception>
    public static JpkiDateOfBirth FromDate(DateOnly date)
    {
        var era = JapaneseEras.EraOf(date)
            ?? throw new ArgumentOutOfRangeException(nameof(date), "A JPKI date of birth cannot be before the Meiji era.");
        return new JpkiDateOfBirth(era, date, Format(era, date));
    }

    /// <summary>Parses <c>EYYYYMMDD</c>.</summary>
    /// <exception cref="FormatException">The value is not nine digits, the era is unknown, the date does not exist or lies outside its era.</exception>
    public static JpkiDateOfBirth Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var result, out var error) ? result : throw new FormatException(error);
    }

    internal static bool TryParse(string value, out JpkiDateOfBirth result, out string error)
    {
        result = default;
        if (value.Length != 9 || !value.All(char.IsAsciiDigit))
        {
            error = "A JPKI date of birth is nine ASCII digits (EYYYYMMDD).";
            return false;
        }

        var eraCode = value[0] - '0';
        if (eraCode > (int)JpkiEra.Reiwa)
        {
            error = "The era code of the date of birth is not 0-5.";
            return false;
        }

        var era = (JpkiEra)eraCode;
        if (era == JpkiEra.Unknown)
        {
            result = new JpkiDateOfBirth(era, null, value);
            error = string.Empty;
            return true;
        }

        if (!DateOnly.TryParseExact(value.AsSpan(1), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            error = "The date of birth is not a valid Gregorian date.";
            return false;
        }

        if (JapaneseEras.EraOf(date) != era)
        {
            error = "The era code of the date of birth does not match its Gregorian date.";
            return false;
        }

        result = new JpkiDateOfBirth(era, date, value);
        error = string.Empty;
        return true;
    }

    /// <summary>Returns a redacted description: a date of birth is personal data.</summary>
    public override string ToString() => "JpkiDateOfBirth { (personal data redacted) }";

    private static string Format(JpkiEra era, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)era}{date:yyyyMMdd}");
}

/// <summary>The Gregorian first days of the eras JPKI can encode.</summary>
internal static class JapaneseEras
{
    private static readonly (DateOnly Start, JpkiEra Era)[] Starts =
    [
        (new DateOnly(2019, 5, 1), JpkiEra.Reiwa),
        (new DateOnly(1989, 1, 8), JpkiEra.Heisei),
        (new DateOnly(1926, 12, 25), JpkiEra.Showa),
        (new DateOnly(1912, 7, 30), JpkiEra.Taisho),
        (new DateOnly(1868, 1, 25), JpkiEra.Meiji),
    ];

    public static JpkiEra? EraOf(DateOnly date)
    {
        foreach (var (start, era) in Starts)
        {
            if (date >= start)
            {
                return era;
            }
        }

        return null;
    }
}

internal static class AlternateFlags
{
    public static string Normalize(string text, string flags, string parameterName)
    {
        if (flags.Length == 0)
        {
            return new string('0', CountScalars(text));
        }

        if (!IsValid(text, flags))
        {
            throw new ArgumentException("Alternate-character flags must be one '0' or '1' per character.", parameterName);
        }

        return flags;
    }

    public static bool IsValid(string text, string flags)
    {
        foreach (var c in flags)
        {
            if (c is not ('0' or '1'))
            {
                return false;
            }
        }

        return flags.Length == CountScalars(text);
    }

    public static bool IsSet(string flags, int position) =>
        (uint)position < (uint)flags.Length && flags[position] == '1';

    public static int CountScalars(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
