namespace LineGov.Jpki;

/// <summary>
/// Object identifiers used by JPKI (公的個人認証サービス) certificates, as published by J-LIS.
/// </summary>
public static class JpkiOids
{
    /// <summary>Certificate policy of 署名用電子証明書 (signature certificate) on production cards.</summary>
    public const string SignaturePolicy = "1.2.392.200149.8.5.1.1.20";

    /// <summary>Certificate policy of 署名用電子証明書 on J-LIS test cards. Never accepted unless a policy says so.</summary>
    public const string SignatureTestPolicy = "1.2.392.200149.8.5.1.0.20";

    /// <summary>Certificate policy of 利用者証明用電子証明書 (user-authentication certificate).</summary>
    public const string AuthenticationPolicy = "1.2.392.200149.8.5.1.3.30";

    /// <summary>otherName type of 氏名 (the name: family and given part separated by a full-width space).</summary>
    public const string Name = "1.2.392.200149.8.5.5.1";

    /// <summary>otherName type of the 代替文字 flags of 氏名: one <c>0</c>/<c>1</c> per character.</summary>
    public const string NameAlternateCharacterFlags = "1.2.392.200149.8.5.5.2";

    /// <summary>otherName type of 性別 (gender): <c>1</c> male, <c>2</c> female, <c>3</c> unknown.</summary>
    public const string Gender = "1.2.392.200149.8.5.5.3";

    /// <summary>otherName type of 生年月日 (date of birth): <c>EYYYYMMDD</c>, E the era code, then the Gregorian date.</summary>
    public const string DateOfBirth = "1.2.392.200149.8.5.5.4";

    /// <summary>otherName type of 住所 (address, starting with the prefecture, no postal code).</summary>
    public const string Address = "1.2.392.200149.8.5.5.5";

    /// <summary>otherName type of the 代替文字 flags of 住所: one <c>0</c>/<c>1</c> per character.</summary>
    public const string AddressAlternateCharacterFlags = "1.2.392.200149.8.5.5.6";
}
