using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki.Testing;

/// <summary>
/// One municipality's CRL partition. J-LIS splits its CRLs by municipality: a certificate's CRL distribution point
/// is a directory name such as <c>C=JP, O=JPKI, OU=JPKI for digital signature, OU=CRL Distribution Points,
/// OU=Ibaraki-ken, CN=Tsukuba-shi CRLDP</c>, and only that municipality's CRL lists it. The test authority names its
/// partitions the same way, under its own organizational unit.
/// </summary>
/// <param name="Prefecture">The prefecture as J-LIS spells it in names (<c>Hokkaido</c>, <c>Ibaraki-ken</c>, <c>Tokyo-to</c>).</param>
/// <param name="Municipality">The municipality as J-LIS spells it in names (<c>Tohma-cho</c>, <c>Tsukuba-shi</c>).</param>
/// <example>
/// <code>
/// var partition = new JpkiTestCrlPartition("Ibaraki-ken", "Tsukuba-shi");
/// var certificate = authority.IssueSignatureCertificate(identity, new JpkiTestCertificateOptions { CrlPartition = partition });
/// byte[] crl = authority.CreateCrl(authority.GetCa(JpkiCertificateKind.Signature), partition);
/// </code>
/// </example>
public sealed record JpkiTestCrlPartition(string Prefecture, string Municipality)
{
    /// <summary>The partition of certificates issued without one: 当麻町 (<c>Hokkaido</c>, <c>Tohma-cho</c>), a fixed choice that depends on nobody's data.</summary>
    public static JpkiTestCrlPartition Default { get; } = new("Hokkaido", "Tohma-cho");

    /// <summary>The prefecture as J-LIS spells it in names (<c>Hokkaido</c>, <c>Ibaraki-ken</c>).</summary>
    public string Prefecture { get; } = Validate(Prefecture, nameof(Prefecture));

    /// <summary>The municipality as J-LIS spells it in names (<c>Tohma-cho</c>, <c>Tsukuba-shi</c>).</summary>
    public string Municipality { get; } = Validate(Municipality, nameof(Municipality));

    /// <summary>
    /// The partition's distribution point name for certificates of <paramref name="kind"/>, in J-LIS's order (country
    /// first in the encoding): <c>C=JP, O=JPKI, OU=LineGov TEST JPKI for digital signature, OU=CRL Distribution Points,
    /// OU=Hokkaido, CN=Tohma-cho CRLDP</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is neither signature nor authentication.</exception>
    public X500DistinguishedName GetDistributionPointName(JpkiCertificateKind kind)
    {
        var unit = kind switch
        {
            JpkiCertificateKind.Signature => JpkiTestAuthority.SignatureUnit,
            JpkiCertificateKind.Authentication => JpkiTestAuthority.AuthenticationUnit,
            _ => throw new ArgumentException("A test CA issues signature or authentication certificates.", nameof(kind)),
        };

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            Der.WriteRdn(writer, "2.5.4.6", "JP");
            Der.WriteRdn(writer, "2.5.4.10", "JPKI");
            Der.WriteRdn(writer, "2.5.4.11", unit);
            Der.WriteRdn(writer, "2.5.4.11", "CRL Distribution Points");
            Der.WriteRdn(writer, "2.5.4.11", Prefecture);
            Der.WriteRdn(writer, "2.5.4.3", Municipality + " CRLDP");
        }

        return new X500DistinguishedName(writer.Encode());
    }

    /// <inheritdoc />
    public override string ToString() => $"{Prefecture}/{Municipality}";

    private static string Validate(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (value.AsSpan().IndexOfAny(['/', '\\', '?', '#', '%']) >= 0 || value.Any(char.IsControl))
        {
            throw new ArgumentException("A partition name is used in URLs: it may not contain '/', '\\', '?', '#', '%' or control characters.", name);
        }

        return value;
    }
}
