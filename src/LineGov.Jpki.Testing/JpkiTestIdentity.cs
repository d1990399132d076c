namespace LineGov.Jpki.Testing;

/// <summary>
/// The four facts to write into a test signature certificate, as raw strings so that any value (an era boundary, an
/// unknown date of birth, alternate-character flags, even malformed ones) can be minted. All defaults are fictitious.
/// </summary>
public sealed record JpkiTestIdentity
{
    /// <summary>A fictitious resident: 見本　花子, born 昭和 60 (1985-04-02), female, in 北海道上川郡当麻町.</summary>
    public static JpkiTestIdentity Default { get; } = new();

    /// <summary>氏名: family and given name separated by U+3000.</summary>
    public string Name { get; init; } = "見本\u3000花子";

    /// <summary>One <c>0</c>/<c>1</c> per character of <see cref="Name"/>; <see langword="null"/> = all <c>0</c>.</summary>
    public string? NameAlternateCharacterFlags { get; init; }

    /// <summary>生年月日 as <c>EYYYYMMDD</c>.</summary>
    public string DateOfBirth { get; init; } = "319850402";

    /// <summary>性別 code: <c>1</c> male, <c>2</c> female, <c>3</c> unknown.</summary>
    public string Gender { get; init; } = "2";

    /// <summary>住所, starting with the prefecture.</summary>
    public string Address { get; init; } = "北海道上川郡当麻町３条東２丁目１１番１号";

    /// <summary>One <c>0</c>/<c>1</c> per character of <see cref="Address"/>; <see langword="null"/> = all <c>0</c>.</summary>
    public string? AddressAlternateCharacterFlags { get; init; }

    /// <summary>An identity with a known date of birth; the era code follows from the date.</summary>
    public static JpkiTestIdentity Create(string name, DateOnly dateOfBirth, JpkiGender gender, string address) => new()
    {
        Name = name,
        DateOfBirth = JpkiDateOfBirth.FromDate(dateOfBirth).RawValue,
        Gender = ((int)gender).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Address = address,
    };

    /// <summary>Returns a redacted description (test identities stand in for personal data).</summary>
    public override string ToString() => "JpkiTestIdentity { (redacted) }";
}
