using System.Formats.Asn1;
using System.Security.Cryptography;

namespace LineGov.Jpki;

/// <summary>
/// Signature verification with a subjectPublicKeyInfo and an AlgorithmIdentifier, for the general path validator and
/// CRLs: RSA PKCS#1 v1.5, DSA and ECDSA with SHA-1/SHA-2, all done by the platform. A DSA key without parameters takes
/// them from its issuer (RFC 5280 §6.1.4 (f)).
/// </summary>
internal static class PublicKeys
{
    private const string DsaKeyOid = "1.2.840.10040.4.1";

    private enum KeyKind
    {
        Rsa,
        Dsa,
        Ecdsa,
    }

    private static readonly Dictionary<string, (KeyKind Kind, HashAlgorithmName Hash)> Algorithms = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.5"] = (KeyKind.Rsa, HashAlgorithmName.SHA1),
        ["1.2.840.113549.1.1.14"] = (KeyKind.Rsa, new HashAlgorithmName("SHA224")),
        ["1.2.840.113549.1.1.11"] = (KeyKind.Rsa, HashAlgorithmName.SHA256),
        ["1.2.840.113549.1.1.12"] = (KeyKind.Rsa, HashAlgorithmName.SHA384),
        ["1.2.840.113549.1.1.13"] = (KeyKind.Rsa, HashAlgorithmName.SHA512),
        ["1.2.840.10040.4.3"] = (KeyKind.Dsa, HashAlgorithmName.SHA1),
        ["2.16.840.1.101.3.4.3.2"] = (KeyKind.Dsa, HashAlgorithmName.SHA256),
        ["1.2.840.10045.4.1"] = (KeyKind.Ecdsa, HashAlgorithmName.SHA1),
        ["1.2.840.10045.4.3.2"] = (KeyKind.Ecdsa, HashAlgorithmName.SHA256),
        ["1.2.840.10045.4.3.3"] = (KeyKind.Ecdsa, HashAlgorithmName.SHA384),
        ["1.2.840.10045.4.3.4"] = (KeyKind.Ecdsa, HashAlgorithmName.SHA512),
    };

    /// <summary>The hash of a signature AlgorithmIdentifier (whole DER) this class can verify, or null.</summary>
    public static HashAlgorithmName? HashOf(ReadOnlySpan<byte> algorithmIdentifier) =>
        TryDescribe(algorithmIdentifier, out var description) && description.Hash.Name != "SHA224" ? description.Hash : null;

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="data"/>.</summary>
    public static bool VerifyData(ReadOnlyMemory<byte> spki, ReadOnlyMemory<byte>? inheritedDsaParameters, ReadOnlySpan<byte> algorithmIdentifier, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (HashOf(algorithmIdentifier) is not { } hash)
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[64];
        var written = CryptographicOperations.HashData(hash, data, digest);
        return VerifyHash(spki, inheritedDsaParameters, algorithmIdentifier, digest[..written], signature);
    }

    /// <summary>Verifies <paramref name="signature"/> over a digest made with the algorithm's hash.</summary>
    public static bool VerifyHash(ReadOnlyMemory<byte> spki, ReadOnlyMemory<byte>? inheritedDsaParameters, ReadOnlySpan<byte> algorithmIdentifier, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (!TryDescribe(algorithmIdentifier, out var description))
        {
            return false;
        }

        try
        {
            switch (description.Kind)
            {
                case KeyKind.Rsa:
                {
                    using var rsa = RSA.Create();
                    rsa.ImportSubjectPublicKeyInfo(spki.Span, out _);
                    return rsa.VerifyHash(digest, signature, description.Hash, RSASignaturePadding.Pkcs1);
                }

                case KeyKind.Dsa:
                {
                    using var dsa = DSA.Create();
                    dsa.ImportSubjectPublicKeyInfo(WithDsaParameters(spki, inheritedDsaParameters).Span, out _);
                    return dsa.VerifySignature(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
                }

                default:
                {
                    using var ecdsa = ECDsa.Create();
                    ecdsa.ImportSubjectPublicKeyInfo(spki.Span, out _);
                    return ecdsa.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
                }
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>The Dss-Parms of a DSA key, or null when the key is not DSA or has none.</summary>
    public static ReadOnlyMemory<byte>? DsaParametersOf(ReadOnlyMemory<byte> spki)
    {
        try
        {
            var outer = new DerReader(spki.Span);
            var info = outer.ReadSequence();
            var algorithm = info.ReadSequence();
            var oid = DerOid.ToText(algorithm.ReadOidEncoded());
            if (oid != DsaKeyOid || !algorithm.HasData || algorithm.NextIs(Asn1Tag.Null))
            {
                return null;
            }

            var parameters = algorithm.ReadEncodedValue();
            return spki.Slice(parameters.Offset, parameters.Length);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>Whether the key is a DSA key that carries no parameters (and so inherits its issuer's).</summary>
    public static bool IsDsaWithoutParameters(ReadOnlyMemory<byte> spki)
    {
        try
        {
            var outer = new DerReader(spki.Span);
            var info = outer.ReadSequence();
            var algorithm = info.ReadSequence();
            return DerOid.ToText(algorithm.ReadOidEncoded()) == DsaKeyOid && (!algorithm.HasData || algorithm.NextIs(Asn1Tag.Null));
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static ReadOnlyMemory<byte> WithDsaParameters(ReadOnlyMemory<byte> spki, ReadOnlyMemory<byte>? inherited)
    {
        if (inherited is not { } parameters || !IsDsaWithoutParameters(spki))
        {
            return spki;
        }

        var outer = new DerReader(spki.Span);
        var info = outer.ReadSequence();
        info.ReadSequence();
        var key = info.ReadEncodedSpan();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(DsaKeyOid);
                writer.WriteEncodedValue(parameters.Span);
            }

            writer.WriteEncodedValue(key);
        }

        return writer.Encode();
    }

    private static bool TryDescribe(ReadOnlySpan<byte> algorithmIdentifier, out (KeyKind Kind, HashAlgorithmName Hash) description)
    {
        description = default;
        try
        {
            var outer = new DerReader(algorithmIdentifier);
            var sequence = outer.ReadSequence();
            var oid = DerOid.ToText(sequence.ReadOidEncoded());
            if (!Algorithms.TryGetValue(oid, out description))
            {
                return false;
            }

            // RSA takes NULL or nothing; DSA and ECDSA take nothing.
            if (sequence.HasData)
            {
                if (description.Kind != KeyKind.Rsa || !sequence.NextIs(Asn1Tag.Null))
                {
                    return false;
                }

                sequence.ReadEncodedValue();
            }

            sequence.ThrowIfNotEmpty();
            outer.ThrowIfNotEmpty();
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
