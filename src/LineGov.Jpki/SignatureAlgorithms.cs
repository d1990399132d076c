using System.Security.Cryptography;

namespace LineGov.Jpki;

/// <summary>
/// The signature algorithms the direct (one-level JPKI) path verifies itself with the platform's RSA. Anything else
/// goes to the platform chain engine.
/// </summary>
internal static class SignatureAlgorithms
{
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string Sha384WithRsa = "1.2.840.113549.1.1.12";
    public const string Sha512WithRsa = "1.2.840.113549.1.1.13";

    private static readonly byte[] DerNull = [0x05, 0x00];

    /// <summary>The hash of an RSA PKCS#1 v1.5 signature algorithm this path handles, or null.</summary>
    public static HashAlgorithmName? RsaPkcs1Hash(in AlgorithmIdentifier algorithm)
    {
        // RFC 4055: parameters are NULL; absent is tolerated as many encoders omit it.
        if (algorithm.Parameters is { } parameters && !parameters.Span.SequenceEqual(DerNull))
        {
            return null;
        }

        return algorithm.Oid switch
        {
            Sha256WithRsa => HashAlgorithmName.SHA256,
            Sha384WithRsa => HashAlgorithmName.SHA384,
            Sha512WithRsa => HashAlgorithmName.SHA512,
            _ => null,
        };
    }

    /// <summary>Imports the certificate's RSA public key, or returns null when the key is not RSA or unreadable.</summary>
    public static RSA? TryImportRsa(JpkiCertificate certificate)
    {
        if (certificate.PublicKeyAlgorithmOid != RsaEncryption)
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
}
