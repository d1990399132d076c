using System.Formats.Asn1;
using System.Security.Cryptography;

namespace LineGov.Jpki;

/// <summary>
/// The algorithms the direct paths verify themselves with the platform's RSA, recognised by their whole DER encoding
/// (no OID text is built). Anything else goes to the platform engines (X509Chain, SignedCms).
/// </summary>
internal static class SignatureAlgorithms
{
    public const string RsaEncryption = "1.2.840.113549.1.1.1";

    /// <summary>The whole DER of the rsaEncryption OID.</summary>
    public static readonly byte[] RsaEncryptionOid = Oid(RsaEncryption);

    // RFC 4055: the parameters are NULL; absent is tolerated because many encoders omit them.
    private static readonly (byte[] Encoded, HashAlgorithmName Hash)[] RsaPkcs1 =
    [
        .. Variants("1.2.840.113549.1.1.11", HashAlgorithmName.SHA256),
        .. Variants("1.2.840.113549.1.1.12", HashAlgorithmName.SHA384),
        .. Variants("1.2.840.113549.1.1.13", HashAlgorithmName.SHA512),
    ];

    private static readonly (byte[] Encoded, HashAlgorithmName Hash)[] Digests =
    [
        .. Variants("2.16.840.1.101.3.4.2.1", HashAlgorithmName.SHA256),
        .. Variants("2.16.840.1.101.3.4.2.2", HashAlgorithmName.SHA384),
        .. Variants("2.16.840.1.101.3.4.2.3", HashAlgorithmName.SHA512),
    ];

    private static readonly byte[][] RsaEncryptionAlgorithm = [.. Variants(RsaEncryption, default).Select(v => v.Encoded)];

    /// <summary>The hash of an RSA PKCS#1 v1.5 signature AlgorithmIdentifier (whole DER), or null.</summary>
    public static HashAlgorithmName? RsaPkcs1Hash(ReadOnlySpan<byte> algorithmIdentifier) => Find(RsaPkcs1, algorithmIdentifier);

    /// <summary>The hash of a digest AlgorithmIdentifier (whole DER) the direct CMS path handles, or null.</summary>
    public static HashAlgorithmName? DigestHash(ReadOnlySpan<byte> algorithmIdentifier) => Find(Digests, algorithmIdentifier);

    /// <summary>Whether an AlgorithmIdentifier (whole DER) is rsaEncryption.</summary>
    public static bool IsRsaEncryption(ReadOnlySpan<byte> algorithmIdentifier) =>
        algorithmIdentifier.SequenceEqual(RsaEncryptionAlgorithm[0]) || algorithmIdentifier.SequenceEqual(RsaEncryptionAlgorithm[1]);

    /// <summary>Imports the certificate's RSA public key, or returns null when the key is not RSA or unreadable.</summary>
    public static RSA? TryImportRsa(JpkiCertificate certificate)
    {
        if (!certificate.HasRsaPublicKey)
        {
            return null;
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(certificate.SubjectPublicKeyInfo.Span, out _);
            return rsa;
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            return null;
        }
    }

    /// <summary>Verifies <paramref name="subject"/>'s signature with its issuer's RSA key.</summary>
    public static bool VerifyCertificateSignature(JpkiCertificate subject, RSA issuerKey, HashAlgorithmName hash)
    {
        if (subject.SignatureHasUnusedBits)
        {
            return false;
        }

        try
        {
            return issuerKey.VerifyData(subject.TbsCertificate.Span, subject.SignatureValue.Span, hash, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static HashAlgorithmName? Find((byte[] Encoded, HashAlgorithmName Hash)[] table, ReadOnlySpan<byte> algorithmIdentifier)
    {
        foreach (var (encoded, hash) in table)
        {
            if (algorithmIdentifier.SequenceEqual(encoded))
            {
                return hash;
            }
        }

        return null;
    }

    private static (byte[] Encoded, HashAlgorithmName Hash)[] Variants(string oid, HashAlgorithmName hash)
    {
        var withNull = new AsnWriter(AsnEncodingRules.DER);
        using (withNull.PushSequence())
        {
            withNull.WriteObjectIdentifier(oid);
            withNull.WriteNull();
        }

        var absent = new AsnWriter(AsnEncodingRules.DER);
        using (absent.PushSequence())
        {
            absent.WriteObjectIdentifier(oid);
        }

        return [(withNull.Encode(), hash), (absent.Encode(), hash)];
    }

    private static byte[] Oid(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }
}
