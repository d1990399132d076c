using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki;

internal struct ParsedCertificate
{
    public int Version;
    public ReadOnlyMemory<byte> SerialNumber;
    public ReadOnlyMemory<byte> Issuer;
    public ReadOnlyMemory<byte> Subject;
    public DateTimeOffset NotBefore;
    public DateTimeOffset NotAfter;
    public ReadOnlyMemory<byte> Tbs;
    public AlgorithmIdentifier SignatureAlgorithm;
    public ReadOnlyMemory<byte> SignatureValue;
    public bool SignatureHasUnusedBits;
    public ReadOnlyMemory<byte> SubjectPublicKeyInfo;
    public string PublicKeyAlgorithmOid;
    public IReadOnlyList<JpkiCertificateExtension> Extensions;
    public IReadOnlyList<string> PolicyOids;
    public X509KeyUsageFlags? KeyUsage;
    public bool? IsCertificateAuthority;
    public int? PathLengthConstraint;
    public ReadOnlyMemory<byte>? SubjectKeyIdentifier;
    public ReadOnlyMemory<byte>? AuthorityKeyIdentifier;
    public JpkiCertificateKind Kind;
    public JpkiFourFacts? FourFacts;
}

/// <summary>
/// Reads an X.509 certificate (RFC 5280 §4.1) with <see cref="AsnReader"/>. Every structural error becomes a
/// <see cref="JpkiFormatException"/>; nothing from the input is echoed into messages.
/// </summary>
internal static class CertificateParser
{
    internal const string KeyUsageOid = "2.5.29.15";
    internal const string BasicConstraintsOid = "2.5.29.19";
    internal const string CertificatePoliciesOid = "2.5.29.32";
    internal const string SubjectAltNameOid = "2.5.29.17";
    internal const string SubjectKeyIdentifierOid = "2.5.29.14";
    internal const string AuthorityKeyIdentifierOid = "2.5.29.35";
    internal const string CrlDistributionPointsOid = "2.5.29.31";
    internal const string ExtendedKeyUsageOid = "2.5.29.37";
    internal const string IssuerAltNameOid = "2.5.29.18";
    internal const string AuthorityInfoAccessOid = "1.3.6.1.5.5.7.1.1";

    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag Context2 = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag Context3 = new(TagClass.ContextSpecific, 3, isConstructed: true);

    public static JpkiCertificate Parse(byte[] der)
    {
        try
        {
            var parsed = ParseCore(der);
            return new JpkiCertificate(der, parsed);
        }
        catch (AsnContentException e)
        {
            throw new JpkiFormatException("certificate", "The DER encoding is malformed.", e);
        }
        catch (CryptographicException e)
        {
            throw new JpkiFormatException("certificate", "The DER encoding is malformed.", e);
        }
        catch (ArgumentException e)
        {
            throw new JpkiFormatException("certificate", "A value in the certificate is out of range.", e);
        }
        catch (OverflowException e)
        {
            throw new JpkiFormatException("certificate", "A value in the certificate is out of range.", e);
        }
    }

    private static ParsedCertificate ParseCore(byte[] der)
    {
        var memory = new ReadOnlyMemory<byte>(der);
        var outer = new AsnReader(memory, AsnEncodingRules.DER);
        var certificate = outer.ReadSequence();
        outer.ThrowIfNotEmpty();

        var result = default(ParsedCertificate);
        result.Tbs = certificate.ReadEncodedValue();
        var outerAlgorithm = ReadAlgorithm(certificate);
        // A signature that is not a whole number of bytes cannot verify; keep the certificate readable so validation
        // can say "bad signature" rather than "unreadable" (PKITS 4.1.6 is such a case).
        if (!certificate.TryReadPrimitiveBitString(out var unusedBits, out var signatureValue))
        {
            throw new JpkiFormatException("signatureValue", "The signature is not a primitive BIT STRING.");
        }

        result.SignatureValue = signatureValue;
        result.SignatureHasUnusedBits = unusedBits != 0;
        certificate.ThrowIfNotEmpty();

        var tbs = new AsnReader(result.Tbs, AsnEncodingRules.DER).ReadSequence();
        result.Version = 1;
        if (tbs.PeekTag().HasSameClassAndValue(Context0))
        {
            var versionReader = tbs.ReadSequence(Context0);
            if (!versionReader.TryReadInt32(out var version) || version is < 0 or > 2)
            {
                throw new JpkiFormatException("version", "The version is not v1, v2 or v3.");
            }

            versionReader.ThrowIfNotEmpty();
            result.Version = version + 1;
        }

        result.SerialNumber = tbs.ReadIntegerBytes();
        if (result.SerialNumber.Length == 0)
        {
            throw new JpkiFormatException("serialNumber", "The serial number is empty.");
        }

        result.SignatureAlgorithm = ReadAlgorithm(tbs);
        if (!result.SignatureAlgorithm.Encoded.Span.SequenceEqual(outerAlgorithm.Encoded.Span))
        {
            throw new JpkiFormatException("signatureAlgorithm", "The signature algorithm differs between the certificate and its TBSCertificate.");
        }

        result.Issuer = ReadName(tbs);
        var validity = tbs.ReadSequence();
        result.NotBefore = ReadTime(validity);
        result.NotAfter = ReadTime(validity);
        validity.ThrowIfNotEmpty();
        result.Subject = ReadName(tbs);
        result.SubjectPublicKeyInfo = tbs.ReadEncodedValue();
        result.PublicKeyAlgorithmOid = ReadPublicKeyAlgorithm(result.SubjectPublicKeyInfo);

        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Context1))
        {
            tbs.ReadEncodedValue();
        }

        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Context2))
        {
            tbs.ReadEncodedValue();
        }

        var extensions = new List<JpkiCertificateExtension>();
        if (tbs.HasData)
        {
            if (result.Version != 3)
            {
                throw new JpkiFormatException("extensions", "Only a v3 certificate may carry extensions.");
            }

            var wrapper = tbs.ReadSequence(Context3);
            var sequence = wrapper.ReadSequence();
            wrapper.ThrowIfNotEmpty();
            while (sequence.HasData)
            {
                var extension = sequence.ReadSequence();
                var oid = extension.ReadObjectIdentifier();
                var critical = false;
                if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
                {
                    critical = extension.ReadBoolean();
                }

                if (!extension.TryReadPrimitiveOctetString(out var value))
                {
                    throw new JpkiFormatException("extensions", "An extension value is not a primitive OCTET STRING.");
                }

                extension.ThrowIfNotEmpty();
                foreach (var existing in extensions)
                {
                    if (existing.Oid == oid)
                    {
                        throw new JpkiFormatException("extensions", $"Extension {oid} appears more than once.");
                    }
                }

                extensions.Add(new JpkiCertificateExtension(oid, critical, value));
            }

            if (extensions.Count == 0)
            {
                throw new JpkiFormatException("extensions", "The extensions field is present but empty.");
            }
        }

        tbs.ThrowIfNotEmpty();
        result.Extensions = extensions;
        result.PolicyOids = [];
        ReadExtensions(ref result);
        return result;
    }

    private static void ReadExtensions(ref ParsedCertificate result)
    {
        ReadOnlyMemory<byte>? subjectAltName = null;
        foreach (var extension in result.Extensions)
        {
            switch (extension.Oid)
            {
                case KeyUsageOid:
                    result.KeyUsage = ReadKeyUsage(extension.Value);
                    break;
                case BasicConstraintsOid:
                    (result.IsCertificateAuthority, result.PathLengthConstraint) = ReadBasicConstraints(extension.Value);
                    break;
                case CertificatePoliciesOid:
                    result.PolicyOids = ReadPolicies(extension.Value);
                    break;
                case SubjectKeyIdentifierOid:
                    var ski = new AsnReader(extension.Value, AsnEncodingRules.DER);
                    result.SubjectKeyIdentifier = ski.ReadOctetString();
                    ski.ThrowIfNotEmpty();
                    break;
                case AuthorityKeyIdentifierOid:
                    result.AuthorityKeyIdentifier = ReadAuthorityKeyIdentifier(extension.Value);
                    break;
                case SubjectAltNameOid:
                    subjectAltName = extension.Value;
                    break;
            }
        }

        result.Kind = KindOf(result.PolicyOids);
        if (result.Kind == JpkiCertificateKind.Signature && subjectAltName is { } san)
        {
            result.FourFacts = FourFactsReader.Read(san);
        }
    }

    private static JpkiCertificateKind KindOf(IReadOnlyList<string> policies)
    {
        var kind = JpkiCertificateKind.Other;
        foreach (var policy in policies)
        {
            var next = policy switch
            {
                JpkiOids.SignaturePolicy or JpkiOids.SignatureTestPolicy => JpkiCertificateKind.Signature,
                JpkiOids.AuthenticationPolicy => JpkiCertificateKind.Authentication,
                _ => JpkiCertificateKind.Other,
            };

            if (next == JpkiCertificateKind.Other)
            {
                continue;
            }

            if (kind != JpkiCertificateKind.Other && kind != next)
            {
                // Both JPKI policies in one certificate: it is neither, and validation will say so.
                return JpkiCertificateKind.Other;
            }

            kind = next;
        }

        return kind;
    }

    internal static AlgorithmIdentifier ReadAlgorithm(AsnReader reader)
    {
        var encoded = reader.ReadEncodedValue();
        var algorithm = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        ReadOnlyMemory<byte>? parameters = algorithm.HasData ? algorithm.ReadEncodedValue() : null;
        algorithm.ThrowIfNotEmpty();
        return new AlgorithmIdentifier(oid, parameters, encoded);
    }

    private static string ReadPublicKeyAlgorithm(ReadOnlyMemory<byte> spki)
    {
        var reader = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
        var algorithm = ReadAlgorithm(reader);
        ReadBitStringContents(reader, "subjectPublicKey");
        reader.ThrowIfNotEmpty();
        return algorithm.Oid;
    }

    internal static ReadOnlyMemory<byte> ReadBitStringContents(AsnReader reader, string element)
    {
        if (!reader.TryReadPrimitiveBitString(out var unused, out var contents) || unused != 0)
        {
            throw new JpkiFormatException(element, "The BIT STRING is not a whole number of bytes.");
        }

        return contents;
    }

    private static ReadOnlyMemory<byte> ReadName(AsnReader reader)
    {
        var name = reader.ReadEncodedValue();
        var sequence = new AsnReader(name, AsnEncodingRules.DER).ReadSequence();
        while (sequence.HasData)
        {
            var rdn = sequence.ReadSetOf();
            if (!rdn.HasData)
            {
                throw new JpkiFormatException("name", "A relative distinguished name is empty.");
            }

            while (rdn.HasData)
            {
                var attribute = rdn.ReadSequence();
                attribute.ReadObjectIdentifier();
                attribute.ReadEncodedValue();
                attribute.ThrowIfNotEmpty();
            }
        }

        return name;
    }

    internal static DateTimeOffset ReadTime(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.HasSameClassAndValue(Asn1Tag.UtcTime))
        {
            return reader.ReadUtcTime(2049);
        }

        if (tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime))
        {
            return reader.ReadGeneralizedTime();
        }

        throw new JpkiFormatException("validity", "A time is neither UTCTime nor GeneralizedTime.");
    }

    private static X509KeyUsageFlags ReadKeyUsage(ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var bits = reader.ReadBitString(out _);
        reader.ThrowIfNotEmpty();
        var flags = 0;
        if (bits.Length > 0)
        {
            flags |= bits[0];
        }

        if (bits.Length > 1)
        {
            flags |= (bits[1] & 0x80) << 8;
        }

        return (X509KeyUsageFlags)flags;
    }

    private static (bool IsCa, int? PathLength) ReadBasicConstraints(ReadOnlyMemory<byte> value)
    {
        var outer = new AsnReader(value, AsnEncodingRules.DER);
        var reader = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var isCa = false;
        int? pathLength = null;
        if (reader.HasData && reader.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
        {
            isCa = reader.ReadBoolean();
        }

        if (reader.HasData)
        {
            var length = reader.ReadInteger();
            if (length < BigInteger.Zero)
            {
                throw new JpkiFormatException("basicConstraints", "pathLenConstraint is negative.");
            }

            pathLength = length > int.MaxValue ? int.MaxValue : (int)length;
        }

        reader.ThrowIfNotEmpty();
        return (isCa, pathLength);
    }

    private static string[] ReadPolicies(ReadOnlyMemory<byte> value)
    {
        var outer = new AsnReader(value, AsnEncodingRules.DER);
        var reader = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var policies = new List<string>(1);
        while (reader.HasData)
        {
            var information = reader.ReadSequence();
            var oid = information.ReadObjectIdentifier();
            if (information.HasData)
            {
                information.ReadSequence();
            }

            information.ThrowIfNotEmpty();
            if (policies.Contains(oid))
            {
                throw new JpkiFormatException("certificatePolicies", "A policy appears more than once.");
            }

            policies.Add(oid);
        }

        if (policies.Count == 0)
        {
            throw new JpkiFormatException("certificatePolicies", "The extension lists no policy.");
        }

        return [.. policies];
    }

    private static ReadOnlyMemory<byte>? ReadAuthorityKeyIdentifier(ReadOnlyMemory<byte> value)
    {
        var outer = new AsnReader(value, AsnEncodingRules.DER);
        var reader = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        ReadOnlyMemory<byte>? keyIdentifier = null;
        var keyIdTag = new Asn1Tag(TagClass.ContextSpecific, 0);
        if (reader.HasData && reader.PeekTag().HasSameClassAndValue(keyIdTag))
        {
            if (!reader.TryReadPrimitiveOctetString(out var contents, keyIdTag))
            {
                throw new JpkiFormatException("authorityKeyIdentifier", "keyIdentifier is not primitive.");
            }

            keyIdentifier = contents;
        }

        // authorityCertIssuer [1] and authorityCertSerialNumber [2] are read past, not used.
        while (reader.HasData)
        {
            var tag = reader.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific || tag.TagValue is not (1 or 2))
            {
                throw new JpkiFormatException("authorityKeyIdentifier", "An unexpected field is present.");
            }

            reader.ReadEncodedValue();
        }

        return keyIdentifier;
    }
}
