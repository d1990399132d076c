using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki.Testing;

/// <summary>
/// An OCSP CertID (RFC 6960 §4.1.1): the hash algorithm, the hashes of the issuer's name and key, and the serial
/// number. A CertID read from a request keeps its exact encoding, so a response echoes it byte for byte.
/// </summary>
public sealed class JpkiTestOcspCertId
{
    private const string Sha1Oid = "1.3.14.3.2.26";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private const string Sha384Oid = "2.16.840.1.101.3.4.2.2";
    private const string Sha512Oid = "2.16.840.1.101.3.4.2.3";

    /// <summary>Creates a CertID from its parts (SHA-1, SHA-256, SHA-384 or SHA-512).</summary>
    public JpkiTestOcspCertId(HashAlgorithmName hashAlgorithm, ReadOnlyMemory<byte> issuerNameHash, ReadOnlyMemory<byte> issuerKeyHash, ReadOnlyMemory<byte> serialNumber)
        : this(OidOf(hashAlgorithm), issuerNameHash, issuerKeyHash, serialNumber, null)
    {
    }

    private JpkiTestOcspCertId(string hashAlgorithmOid, ReadOnlyMemory<byte> issuerNameHash, ReadOnlyMemory<byte> issuerKeyHash, ReadOnlyMemory<byte> serialNumber, ReadOnlyMemory<byte>? encoded)
    {
        if (serialNumber.IsEmpty)
        {
            throw new ArgumentException("A serial number has at least one byte.", nameof(serialNumber));
        }

        HashAlgorithmOid = hashAlgorithmOid;
        IssuerNameHash = issuerNameHash;
        IssuerKeyHash = issuerKeyHash;
        SerialNumberBytes = serialNumber;
        RawData = encoded ?? Encode(hashAlgorithmOid, issuerNameHash.Span, issuerKeyHash.Span, serialNumber.Span);
    }

    /// <summary>The hash algorithm's OID as sent (<c>1.3.14.3.2.26</c> for SHA-1).</summary>
    public string HashAlgorithmOid { get; }

    /// <summary>The hash algorithm, when it is SHA-1 or SHA-2; otherwise a name holding the OID.</summary>
    public HashAlgorithmName HashAlgorithm => HashAlgorithmOid switch
    {
        Sha1Oid => HashAlgorithmName.SHA1,
        Sha256Oid => HashAlgorithmName.SHA256,
        Sha384Oid => HashAlgorithmName.SHA384,
        Sha512Oid => HashAlgorithmName.SHA512,
        _ => new HashAlgorithmName(HashAlgorithmOid),
    };

    /// <summary>The hash of the issuer's distinguished name (DER).</summary>
    public ReadOnlyMemory<byte> IssuerNameHash { get; }

    /// <summary>The hash of the issuer's subjectPublicKey (the BIT STRING's contents).</summary>
    public ReadOnlyMemory<byte> IssuerKeyHash { get; }

    /// <summary>The serial number's DER content bytes.</summary>
    public ReadOnlyMemory<byte> SerialNumberBytes { get; }

    /// <summary>The serial number in upper-case hexadecimal, as <see cref="JpkiCertificate.SerialNumber"/> writes it.</summary>
    public string SerialNumber => Convert.ToHexString(SerialNumberBytes.Span);

    /// <summary>The DER encoding of the CertID.</summary>
    public ReadOnlyMemory<byte> RawData { get; }

    /// <summary>The CertID of <paramref name="serialNumber"/> under <paramref name="issuer"/>. Default hash: SHA-1, as most clients send.</summary>
    public static JpkiTestOcspCertId Create(X509Certificate2 issuer, ReadOnlyMemory<byte> serialNumber, HashAlgorithmName? hashAlgorithm = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var algorithm = hashAlgorithm ?? HashAlgorithmName.SHA1;
        return new JpkiTestOcspCertId(algorithm, Hash(algorithm, issuer.SubjectName.RawData), Hash(algorithm, Der.PublicKeyBits(issuer)), serialNumber);
    }

    /// <summary>The CertID of <paramref name="certificate"/> under <paramref name="issuer"/>. Default hash: SHA-1.</summary>
    public static JpkiTestOcspCertId Create(JpkiTestCa issuer, JpkiCertificate certificate, HashAlgorithmName? hashAlgorithm = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(certificate);
        return Create(issuer.Certificate, certificate.SerialNumberBytes, hashAlgorithm);
    }

    /// <summary>Whether this CertID names <paramref name="issuer"/> (by both hashes, with this CertID's algorithm).</summary>
    public bool Matches(X509Certificate2 issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var algorithm = HashAlgorithm;
        if (algorithm.Name == HashAlgorithmOid)
        {
            return false;
        }

        return Hash(algorithm, issuer.SubjectName.RawData).AsSpan().SequenceEqual(IssuerNameHash.Span)
            && Hash(algorithm, Der.PublicKeyBits(issuer)).AsSpan().SequenceEqual(IssuerKeyHash.Span);
    }

    /// <inheritdoc />
    public override string ToString() => $"CertID {{ {HashAlgorithm.Name}, serial {SerialNumber} }}";

    internal static JpkiTestOcspCertId Read(AsnReader reader)
    {
        var encoded = reader.ReadEncodedValue();
        var certId = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence();
        var algorithm = certId.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        if (algorithm.HasData)
        {
            algorithm.ReadEncodedValue();
        }

        algorithm.ThrowIfNotEmpty();
        var nameHash = certId.ReadOctetString();
        var keyHash = certId.ReadOctetString();
        var serial = certId.ReadIntegerBytes();
        certId.ThrowIfNotEmpty();
        return new JpkiTestOcspCertId(oid, nameHash, keyHash, serial, encoded);
    }

#pragma warning disable CA5350 // OCSP CertIDs are SHA-1 by default: RFC 6960 and most clients use it to name the issuer, not to sign.
    internal static byte[] Hash(HashAlgorithmName algorithm, ReadOnlySpan<byte> data) => algorithm.Name switch
    {
        "SHA1" => SHA1.HashData(data),
        "SHA256" => SHA256.HashData(data),
        "SHA384" => SHA384.HashData(data),
        "SHA512" => SHA512.HashData(data),
        _ => throw new ArgumentException($"OCSP CertIDs here use SHA-1 or SHA-2, not {algorithm.Name}.", nameof(algorithm)),
    };
#pragma warning restore CA5350

    private static string OidOf(HashAlgorithmName algorithm) => algorithm.Name switch
    {
        "SHA1" => Sha1Oid,
        "SHA256" => Sha256Oid,
        "SHA384" => Sha384Oid,
        "SHA512" => Sha512Oid,
        _ => throw new ArgumentException($"OCSP CertIDs here use SHA-1 or SHA-2, not {algorithm.Name}.", nameof(algorithm)),
    };

    private static byte[] Encode(string oid, ReadOnlySpan<byte> nameHash, ReadOnlySpan<byte> keyHash, ReadOnlySpan<byte> serial)
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

        return writer.Encode();
    }
}

/// <summary>
/// An OCSP request (RFC 6960 §4.1) as the test responder reads it: the CertIDs asked about and the nonce. Create one
/// with <see cref="Create"/> to drive a responder without a client library.
/// </summary>
public sealed class JpkiTestOcspRequest
{
    private JpkiTestOcspRequest(ReadOnlyMemory<byte> rawData, int version, IReadOnlyList<JpkiTestOcspCertId> certIds, ReadOnlyMemory<byte>? nonce, bool isSigned)
    {
        RawData = rawData;
        Version = version;
        CertIds = certIds;
        Nonce = nonce;
        IsSigned = isSigned;
    }

    /// <summary>The DER encoding.</summary>
    public ReadOnlyMemory<byte> RawData { get; }

    /// <summary>The version: 1 (the only one defined).</summary>
    public int Version { get; }

    /// <summary>The certificates asked about, in request order.</summary>
    public IReadOnlyList<JpkiTestOcspCertId> CertIds { get; }

    /// <summary>
    /// The value of the nonce extension (id-pkix-ocsp-nonce) exactly as sent: normally the DER of an OCTET STRING
    /// holding the nonce (RFC 8954). <see langword="null"/> when the request has none.
    /// </summary>
    public ReadOnlyMemory<byte>? Nonce { get; }

    /// <summary>Whether the request carries an optionalSignature (not verified).</summary>
    public bool IsSigned { get; }

    /// <summary>Reads a DER OCSPRequest.</summary>
    /// <exception cref="FormatException">The bytes are not an OCSP request.</exception>
    public static JpkiTestOcspRequest Parse(ReadOnlyMemory<byte> der)
    {
        try
        {
            return ParseCore(der);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException)
        {
            throw new FormatException("The bytes are not a DER OCSP request.", e);
        }
    }

    /// <summary>Reads a DER OCSPRequest, or says it is not one.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> der, [NotNullWhen(true)] out JpkiTestOcspRequest? request)
    {
        try
        {
            request = ParseCore(der);
            return true;
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException)
        {
            request = null;
            return false;
        }
    }

    /// <summary>
    /// Builds an unsigned request for <paramref name="certIds"/>. <paramref name="nonce"/> is the nonce itself; it is
    /// sent as an OCTET STRING inside the extension, as RFC 8954 says.
    /// </summary>
    public static JpkiTestOcspRequest Create(IEnumerable<JpkiTestOcspCertId> certIds, ReadOnlyMemory<byte>? nonce = null)
    {
        ArgumentNullException.ThrowIfNull(certIds);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    foreach (var certId in certIds)
                    {
                        using (writer.PushSequence())
                        {
                            writer.WriteEncodedValue(certId.RawData.Span);
                        }
                    }
                }

                if (nonce is { } value)
                {
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
                    {
                        using (writer.PushSequence())
                        {
                            Der.WriteExtension(writer, Der.OcspNonceOid, false, EncodeNonce(value.Span));
                        }
                    }
                }
            }
        }

        return Parse(writer.Encode());
    }

    /// <summary>A nonce extension value: the nonce as a DER OCTET STRING.</summary>
    internal static byte[] EncodeNonce(ReadOnlySpan<byte> nonce)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(nonce);
        return writer.Encode();
    }

    private static JpkiTestOcspRequest ParseCore(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var request = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var tbs = request.ReadSequence();
        var version = 1;
        var versionTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (tbs.PeekTag().HasSameClassAndValue(versionTag))
        {
            var explicitVersion = tbs.ReadSequence(versionTag);
            if (!explicitVersion.TryReadInt32(out var v))
            {
                throw new AsnContentException("The OCSP request version is out of range.");
            }

            version = v + 1;
            explicitVersion.ThrowIfNotEmpty();
        }

        var requestorTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(requestorTag))
        {
            tbs.ReadEncodedValue();
        }

        var list = tbs.ReadSequence();
        var certIds = new List<JpkiTestOcspCertId>();
        while (list.HasData)
        {
            var single = list.ReadSequence();
            certIds.Add(JpkiTestOcspCertId.Read(single));
            if (single.HasData)
            {
                single.ReadEncodedValue();
            }

            single.ThrowIfNotEmpty();
        }

        if (certIds.Count == 0)
        {
            throw new AsnContentException("An OCSP request asks about at least one certificate.");
        }

        ReadOnlyMemory<byte>? nonce = null;
        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(extensionsTag))
        {
            var extensions = tbs.ReadSequence(extensionsTag).ReadSequence();
            while (extensions.HasData)
            {
                var extension = extensions.ReadSequence();
                var oid = extension.ReadObjectIdentifier();
                if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
                {
                    extension.ReadBoolean();
                }

                var value = extension.ReadOctetString();
                extension.ThrowIfNotEmpty();
                if (oid == Der.OcspNonceOid)
                {
                    nonce = value;
                }
            }
        }

        tbs.ThrowIfNotEmpty();
        var isSigned = request.HasData;
        if (isSigned)
        {
            request.ReadEncodedValue();
        }

        request.ThrowIfNotEmpty();
        return new JpkiTestOcspRequest(der, version, certIds, nonce, isSigned);
    }
}
