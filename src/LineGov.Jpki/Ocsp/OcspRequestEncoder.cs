using System.Formats.Asn1;
using System.Security.Cryptography;

namespace LineGov.Jpki;

/// <summary>OIDs and their encodings used by the OCSP client (RFC 6960, RFC 8954).</summary>
internal static class OcspOids
{
    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string BasicResponse = "1.3.6.1.5.5.7.48.1.1";
    public const string Nonce = "1.3.6.1.5.5.7.48.1.2";
    public const string CrlReferences = "1.3.6.1.5.5.7.48.1.3";
    public const string NoCheck = "1.3.6.1.5.5.7.48.1.5";
    public const string ArchiveCutoff = "1.3.6.1.5.5.7.48.1.6";
    public const string ExtendedRevoke = "1.3.6.1.5.5.7.48.1.9";
    public const string OcspSigning = "1.3.6.1.5.5.7.3.9";
    public const string ExtendedKeyUsage = "2.5.29.37";
    public const string InvalidityDate = "2.5.29.24";
    public const string EcPublicKey = "1.2.840.10045.2.1";
}

/// <summary>
/// The CertID of one certificate (RFC 6960 §4.1.1): the hash of its issuer's name (the certificate's issuer field), the
/// hash of the issuer's public key (the subjectPublicKey BIT STRING contents) and its serial number.
/// </summary>
internal sealed class OcspCertId
{
    /// <summary>Lazily computed SHA-1 and SHA-256 hashes of one issuer's subject name and public key.</summary>
    private sealed class IssuerHashes(JpkiCertificate issuer)
    {
        private byte[]? _subjectSha1;
        private byte[]? _subjectSha256;
        private byte[]? _keySha1;
        private byte[]? _keySha256;
        private bool _keyUnreadable;

        public byte[] SubjectHash(HashAlgorithmName hash) => hash == HashAlgorithmName.SHA256
            ? _subjectSha256 ??= OcspKeys.HashData(hash, issuer.SubjectRaw.Span)
            : _subjectSha1 ??= OcspKeys.HashData(hash, issuer.SubjectRaw.Span);

        public byte[]? KeyHash(HashAlgorithmName hash)
        {
            if (_keyUnreadable)
            {
                return null;
            }

            var cached = hash == HashAlgorithmName.SHA256 ? _keySha256 : _keySha1;
            if (cached is not null)
            {
                return cached;
            }

            if (!OcspKeys.TryGetSubjectPublicKey(issuer.SubjectPublicKeyInfo.Span, out var key))
            {
                _keyUnreadable = true;
                return null;
            }

            var computed = OcspKeys.HashData(hash, key);
            if (hash == HashAlgorithmName.SHA256)
            {
                _keySha256 = computed;
            }
            else
            {
                _keySha1 = computed;
            }

            return computed;
        }
    }

    private OcspCertId(string hashOid, HashAlgorithmName hash, byte[] issuerNameHash, byte[] issuerKeyHash, byte[] serialNumber, byte[] encoded)
    {
        HashOid = hashOid;
        Hash = hash;
        IssuerNameHash = issuerNameHash;
        IssuerKeyHash = issuerKeyHash;
        SerialNumber = serialNumber;
        Encoded = encoded;
        CacheKey = Convert.ToBase64String(encoded);
    }

    public string HashOid { get; }

    public HashAlgorithmName Hash { get; }

    public byte[] IssuerNameHash { get; }

    public byte[] IssuerKeyHash { get; }

    /// <summary>The serial number's INTEGER content bytes.</summary>
    public byte[] SerialNumber { get; }

    /// <summary>The DER of the CertID.</summary>
    public byte[] Encoded { get; }

    /// <summary>The key of the cache and of the in-flight table: the CertID names one certificate of one issuer key.</summary>
    public string CacheKey { get; }

    /// <summary>
    /// The issuer's name and key hashes, computed once per issuer certificate object: issuers are the few long-lived
    /// anchors, so a warm check hashes nothing.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JpkiCertificate, IssuerHashes> IssuerHashCache = new();

    /// <summary>Builds the CertID, or returns null when the issuer's key or the serial cannot be read.</summary>
    public static OcspCertId? TryCreate(JpkiCertificate certificate, JpkiCertificate issuer, JpkiOcspHashAlgorithm algorithm)
    {
        var hashes = IssuerHashCache.GetValue(issuer, static i => new IssuerHashes(i));
        var (oid, hash) = algorithm == JpkiOcspHashAlgorithm.Sha256
            ? (OcspOids.Sha256, HashAlgorithmName.SHA256)
            : (OcspOids.Sha1, HashAlgorithmName.SHA1);
        if (hashes.KeyHash(hash) is not { } keyHash)
        {
            return null;
        }

        // issuerNameHash is over the name as the certificate's issuer field has it; usually the issuer's subject bytes.
        var nameHash = certificate.IssuerRaw.Span.SequenceEqual(issuer.SubjectRaw.Span)
            ? hashes.SubjectHash(hash)
            : OcspKeys.HashData(hash, certificate.IssuerRaw.Span);
        var serial = certificate.SerialNumberBytes.ToArray();
        try
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(oid);
                    writer.WriteNull();
                }

                writer.WriteOctetString(nameHash);
                writer.WriteOctetString(keyHash);
                writer.WriteInteger(serial);
            }

            return new OcspCertId(oid, hash, nameHash, keyHash, serial, writer.Encode());
        }
        catch (ArgumentException)
        {
            // A serial number that is not a minimal INTEGER cannot be named in a request.
            return null;
        }
    }
}

/// <summary>Builds OCSPRequest DER (RFC 6960 §4.1.1): one Request, optionally a nonce extension, unsigned.</summary>
internal static class OcspRequestEncoder
{
    /// <summary>RFC 8954 §2.1: a nonce of 32 octets.</summary>
    public const int NonceLength = 32;

    /// <summary>RFC 5019 §5: requests of at most this many bytes may be sent with GET.</summary>
    public const int MaxGetRequestLength = 255;

    public static byte[] Encode(OcspCertId certId, ReadOnlySpan<byte> nonce)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteEncodedValue(certId.Encoded);
                    }
                }

                if (!nonce.IsEmpty)
                {
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
                    using (writer.PushSequence())
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(OcspOids.Nonce);
                        writer.WriteOctetString(EncodeNonceValue(nonce));
                    }
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>The nonce extension's extnValue content: an OCTET STRING holding the nonce (RFC 8954 §2.1).</summary>
    public static byte[] EncodeNonceValue(ReadOnlySpan<byte> nonce)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(nonce);
        return writer.Encode();
    }

    /// <summary>RFC 6960 Appendix A.1: the responder URI, a slash, then the URL-escaped base64 of the request.</summary>
    public static Uri GetUri(Uri responder, byte[] request)
    {
        var text = responder.AbsoluteUri;
        var separator = text.EndsWith('/') ? string.Empty : "/";
        return new Uri(text + separator + Uri.EscapeDataString(Convert.ToBase64String(request)), UriKind.Absolute);
    }
}

/// <summary>Public-key helpers: the subjectPublicKey bits, key hashes and key import.</summary>
internal static class OcspKeys
{
    /// <summary>Reads the subjectPublicKey BIT STRING contents out of a SubjectPublicKeyInfo.</summary>
    public static bool TryGetSubjectPublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo, out ReadOnlySpan<byte> key)
    {
        try
        {
            var spki = new DerReader(subjectPublicKeyInfo).ReadSequence();
            spki.ReadEncodedValue();
            if (spki.TryReadPrimitiveBitString(out var unused, out var contents) && unused == 0)
            {
                key = contents.Of(subjectPublicKeyInfo);
                return true;
            }
        }
        catch (AsnContentException)
        {
        }

        key = default;
        return false;
    }

    public static byte[] HashData(HashAlgorithmName hash, ReadOnlySpan<byte> data)
    {
        if (hash == HashAlgorithmName.SHA256)
        {
            return SHA256.HashData(data);
        }

        if (hash == HashAlgorithmName.SHA384)
        {
            return SHA384.HashData(data);
        }

        if (hash == HashAlgorithmName.SHA512)
        {
            return SHA512.HashData(data);
        }

#pragma warning disable CA5350 // SHA-1 is what RFC 6960 CertIDs and ResponderID byKey are defined with, not a signature.
        return SHA1.HashData(data);
#pragma warning restore CA5350
    }

    /// <summary>The SHA-1 of a certificate's subjectPublicKey bits: what ResponderID byKey carries (RFC 6960 §4.2.1).</summary>
    public static byte[]? KeyHash(JpkiCertificate certificate) =>
        TryGetSubjectPublicKey(certificate.SubjectPublicKeyInfo.Span, out var key) ? HashData(HashAlgorithmName.SHA1, key) : null;
}
