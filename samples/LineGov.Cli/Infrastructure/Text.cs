using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using LineGov.Jpki;

namespace LineGov.Cli.Infrastructure;

/// <summary>How JPKI values are written: the JSON codes and the labels of the readable reports.</summary>
internal static class Text
{
    public static string Code(JpkiCertificateKind kind) => kind switch
    {
        JpkiCertificateKind.Signature => "signature",
        JpkiCertificateKind.Authentication => "authentication",
        _ => "other",
    };

    public static string Describe(JpkiCertificateKind kind) => kind switch
    {
        JpkiCertificateKind.Signature => "signature (署名用電子証明書)",
        JpkiCertificateKind.Authentication => "authentication (利用者証明用電子証明書)",
        _ => "other (not a JPKI end-entity certificate)",
    };

    public static string Code(JpkiEra era) => era switch
    {
        JpkiEra.Meiji => "meiji",
        JpkiEra.Taisho => "taisho",
        JpkiEra.Showa => "showa",
        JpkiEra.Heisei => "heisei",
        JpkiEra.Reiwa => "reiwa",
        _ => "unknown",
    };

    public static string Code(JpkiGender gender) => gender switch
    {
        JpkiGender.Male => "male",
        JpkiGender.Female => "female",
        _ => "unknown",
    };

    public static string Describe(JpkiGender gender) => gender switch
    {
        JpkiGender.Male => "male (男)",
        JpkiGender.Female => "female (女)",
        _ => "unknown (不明)",
    };

    public static string Code(JpkiValidationPath path) => path == JpkiValidationPath.Direct ? "direct" : "platform";

    /// <summary><c>1985-04-02 (昭和60年4月2日)</c>, or <c>unknown (不明)</c>.</summary>
    public static string Describe(JpkiDateOfBirth dateOfBirth)
    {
        if (dateOfBirth.Date is not { } date)
        {
            return "unknown (不明)";
        }

        var (name, firstYear) = dateOfBirth.Era switch
        {
            JpkiEra.Meiji => ("明治", 1868),
            JpkiEra.Taisho => ("大正", 1912),
            JpkiEra.Showa => ("昭和", 1926),
            JpkiEra.Heisei => ("平成", 1989),
            _ => ("令和", 2019),
        };

        var eraYear = date.Year - firstYear + 1;
        var year = eraYear == 1 ? "元" : eraYear.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} ({name}{year}年{date.Month}月{date.Day}日)");
    }

    public static string Code(JpkiRevocationState state) => state switch
    {
        JpkiRevocationState.Good => "good",
        JpkiRevocationState.Revoked => "revoked",
        _ => "unknown",
    };

    /// <summary>The RFC 5280 name of a revocation reason (CRLReason), as <c>openssl crl -text</c> shows it in words.</summary>
    public static string Code(X509RevocationReason reason) => reason switch
    {
        X509RevocationReason.Unspecified => "unspecified",
        X509RevocationReason.KeyCompromise => "keyCompromise",
        X509RevocationReason.CACompromise => "cACompromise",
        X509RevocationReason.AffiliationChanged => "affiliationChanged",
        X509RevocationReason.Superseded => "superseded",
        X509RevocationReason.CessationOfOperation => "cessationOfOperation",
        X509RevocationReason.CertificateHold => "certificateHold",
        X509RevocationReason.RemoveFromCrl => "removeFromCRL",
        X509RevocationReason.PrivilegeWithdrawn => "privilegeWithdrawn",
        X509RevocationReason.AACompromise => "aACompromise",
        _ => ((int)reason).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The usual name of a signature algorithm OID, or the OID itself when it is not a common one.</summary>
    public static string SignatureAlgorithmName(string oid) => oid switch
    {
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "rsassaPss",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
        "1.2.840.10040.4.3" => "dsa-with-sha1",
        "2.16.840.1.101.3.4.3.1" => "dsa-with-sha224",
        "2.16.840.1.101.3.4.3.2" => "dsa-with-sha256",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.3.101.112" => "Ed25519",
        _ => oid,
    };

    /// <summary>Drops the fraction of a second: certificates, CRLs and the reports count whole seconds.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC: <c>2035-01-01T00:00:00Z</c>, with a fraction only when there is one.</summary>
    public static string IsoInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes <c>label  value</c> rows with the values aligned, counting a CJK character as two columns.</summary>
    public static void WriteTable(TextWriter writer, IEnumerable<(string Label, string Value)> rows, string indent = "")
    {
        var list = rows.ToList();
        var width = list.Max(r => DisplayWidth(r.Label)) + 2;
        foreach (var (label, value) in list)
        {
            writer.Write(indent);
            writer.Write(label);
            writer.Write(new string(' ', width - DisplayWidth(label)));
            writer.WriteLine(value);
        }
    }

    /// <summary>The columns a terminal gives the text: two for East Asian wide and full-width characters.</summary>
    public static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            var wide = v is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
                or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFD;
            width += wide ? 2 : 1;
        }

        return width;
    }
}
