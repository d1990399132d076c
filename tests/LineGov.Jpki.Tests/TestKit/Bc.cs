using System.Collections;
using LineGov.Jpki.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BcX509Extension = Org.BouncyCastle.Asn1.X509.X509Extension;
using BcX509Extensions = Org.BouncyCastle.Asn1.X509.X509Extensions;

namespace LineGov.Jpki.Tests.TestKit;

/// <summary>
/// BouncyCastle as the independent oracle of the test kit's CRLs and OCSP responses (LineGov.Jpki's own revocation
/// code must not judge the data it will be tested with).
/// </summary>
internal static class Bc
{
    private static int _partitions;

    /// <summary>A partition no other test uses, so that the shared authority's state does not leak between tests.</summary>
    public static JpkiTestCrlPartition NewPartition() =>
        new("Testkit-ken", $"P{Interlocked.Increment(ref _partitions)}-{Guid.NewGuid():N}"[..20] + "-cho");

    public static X509Certificate Certificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        new X509CertificateParser().ReadCertificate(certificate.RawData);

    public static X509Certificate Certificate(JpkiCertificate certificate) =>
        new X509CertificateParser().ReadCertificate(certificate.RawData.ToArray());

    public static X509Crl Crl(byte[] der) => new X509CrlParser().ReadCrl(der);

    /// <summary>Whether BouncyCastle verifies <paramref name="crl"/>'s signature with <paramref name="issuer"/>'s public key.</summary>
    public static bool Verifies(X509Crl crl, System.Security.Cryptography.X509Certificates.X509Certificate2 issuer)
    {
        try
        {
            crl.Verify(Certificate(issuer).GetPublicKey());
            return true;
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException)
        {
            return false;
        }
    }

    public static BcBigInteger Serial(JpkiCertificate certificate) => new(1, certificate.SerialNumberBytes.ToArray());

    public static BcBigInteger Serial(ReadOnlyMemory<byte> serial) => new(serial.ToArray());

    /// <summary>The parsed value of an extension of a CRL, CRL entry or certificate, or null.</summary>
    public static Asn1Object? Extension(IX509Extension owner, string oid) =>
        owner.GetExtensionValue(new DerObjectIdentifier(oid)) is { } value ? X509ExtensionUtilities.FromExtensionValue(value) : null;

    public static bool IsCritical(IX509Extension owner, string oid) =>
        owner.GetCriticalExtensionOids()?.Contains(oid) == true;

    /// <summary>An OCSP request made by BouncyCastle's generator, with a nonce extension (OCTET STRING in the value, RFC 8954) when given.</summary>
    public static OcspReq Request(IEnumerable<CertificateID> ids, byte[]? nonce)
    {
        var generator = new OcspReqGenerator();
        foreach (var id in ids)
        {
            generator.AddRequest(id);
        }

        if (nonce is not null)
        {
            var oids = new ArrayList { OcspObjectIdentifiers.PkixOcspNonce };
            var values = new ArrayList { new BcX509Extension(false, new DerOctetString(new DerOctetString(nonce).GetEncoded())) };
            generator.SetRequestExtensions(new BcX509Extensions((IList)oids, (IList)values));
        }

        return generator.Generate();
    }

    public static CertificateID CertId(JpkiTestCa issuer, JpkiCertificate certificate, string hashAlgorithm = CertificateID.HashSha1) =>
        new(hashAlgorithm, Certificate(issuer.Certificate), Serial(certificate));

    /// <summary>The nonce inside a response's nonce extension, or null.</summary>
    public static byte[]? ResponseNonce(BasicOcspResp response) =>
        response.GetExtensionValue(OcspObjectIdentifiers.PkixOcspNonce) is { } value
            ? Asn1OctetString.GetInstance(X509ExtensionUtilities.FromExtensionValue(value)).GetOctets()
            : null;

    public static BasicOcspResp Basic(byte[] response)
    {
        var parsed = new OcspResp(response);
        parsed.Status.ShouldBe(OcspRespStatus.Successful);
        return (BasicOcspResp)parsed.GetResponseObject();
    }
}
