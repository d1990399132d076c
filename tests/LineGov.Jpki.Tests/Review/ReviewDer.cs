using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace LineGov.Jpki.Tests.Review;

/// <summary>One extension as written: the whole DER of its OID (so a malformed OID can be written), criticality, extnValue content.</summary>
internal sealed record ReviewExtension(byte[] OidTlv, bool Critical, byte[] Value)
{
    public static ReviewExtension Of(string oid, bool critical, byte[] value) => new(ReviewDer.OidTlv(oid), critical, value);
}

/// <summary>
/// Byte-level builders for the hostile inputs of the security review: certificates whose names, OIDs and algorithms are
/// given as raw DER, signed with one shared RSA-2048 key (so a certificate is self-signed unless another key is given).
/// </summary>
internal static class ReviewDer
{
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string Sha1WithRsa = "1.2.840.113549.1.1.5";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string SignaturePolicy = "1.2.392.200149.8.5.1.1.20";
    public const string CertificatePoliciesOid = "2.5.29.32";
    public const string KeyUsageOid = "2.5.29.15";
    public const string SubjectAltNameOid = "2.5.29.17";
    public const string CrlDistributionPointsOid = "2.5.29.31";
    public const string CommonNameOid = "2.5.4.3";

    /// <summary>Inside the test authority's validity, around the fixture's clock (2026-11-22).</summary>
    public static readonly DateTimeOffset DefaultNotBefore = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset DefaultNotAfter = new(2029, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<RSA> LazyKey = new(() => RSA.Create(2048));

    /// <summary>The key of every certificate built here (subject key and, unless told otherwise, the signing key).</summary>
    public static RSA Key => LazyKey.Value;

    public static byte[] OidTlv(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }

    /// <summary>An OBJECT IDENTIFIER TLV with exactly these content bytes (any length, not checked).</summary>
    public static byte[] OidTlvFromContents(byte[] contents) => Tlv(0x06, contents);

    /// <summary>A complete TLV with a one-byte tag and a DER length.</summary>
    public static byte[] Tlv(byte tag, ReadOnlySpan<byte> content)
    {
        var length = content.Length;
        byte[] header = length switch
        {
            < 0x80 => [tag, (byte)length],
            <= 0xFF => [tag, 0x81, (byte)length],
            <= 0xFFFF => [tag, 0x82, (byte)(length >> 8), (byte)length],
            _ => [tag, 0x83, (byte)(length >> 16), (byte)(length >> 8), (byte)length],
        };
        return [.. header, .. content];
    }

    public static byte[] Octets(ReadOnlySpan<byte> value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(value);
        return writer.Encode();
    }

    public static byte[] Name(string distinguishedName) => new X500DistinguishedName(distinguishedName).RawData;

    /// <summary>A Name of one RDN, <c>CN = </c> <paramref name="valueTlv"/> (any bytes as the value).</summary>
    public static byte[] NameWithRawCommonName(byte[] valueTlv)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSetOf())
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(CommonNameOid);
            writer.WriteEncodedValue(valueTlv);
        }

        return writer.Encode();
    }

    /// <summary>AlgorithmIdentifier with NULL parameters.</summary>
    public static byte[] Algorithm(string oid) => AlgorithmFromOidTlv(OidTlv(oid), withNull: true);

    public static byte[] AlgorithmFromOidTlv(byte[] oidTlv, bool withNull)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(oidTlv);
            if (withNull)
            {
                writer.WriteNull();
            }
        }

        return writer.Encode();
    }

    /// <summary>The shared key's SubjectPublicKeyInfo under another algorithm identifier.</summary>
    public static byte[] SpkiWithAlgorithm(byte[] algorithm)
    {
        var spki = new AsnReader(Key.ExportSubjectPublicKeyInfo(), AsnEncodingRules.DER).ReadSequence();
        spki.ReadEncodedValue();
        var keyBits = spki.ReadBitString(out _);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(algorithm);
            writer.WriteBitString(keyBits);
        }

        return writer.Encode();
    }

    public static byte[] Policies(params byte[][] policyOidTlvs)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var policy in policyOidTlvs)
            {
                using (writer.PushSequence())
                {
                    writer.WriteEncodedValue(policy);
                }
            }
        }

        return writer.Encode();
    }

    public static byte[] KeyUsage(X509KeyUsageFlags flags) => new X509KeyUsageExtension(flags, critical: true).RawData;

    /// <summary>A subjectAltName with the four facts as J-LIS writes them (fictitious values).</summary>
    public static byte[] FourFacts()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            OtherName(writer, "1.2.392.200149.8.5.5.1", "見本\u3000花子");
            OtherName(writer, "1.2.392.200149.8.5.5.2", "00000");
            OtherName(writer, "1.2.392.200149.8.5.5.3", "2");
            OtherName(writer, "1.2.392.200149.8.5.5.4", "419900101");
            OtherName(writer, "1.2.392.200149.8.5.5.5", "北海道上川郡当麻町見本1番地");
            OtherName(writer, "1.2.392.200149.8.5.5.6", "00000000000000");
        }

        return writer.Encode();
    }

    /// <summary>cRLDistributionPoints with one point whose full name is this URI.</summary>
    public static byte[] CrlDistributionPointUri(string uri)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        {
            writer.WriteCharacterString(UniversalTagNumber.IA5String, uri, new Asn1Tag(TagClass.ContextSpecific, 6));
        }

        return writer.Encode();
    }

    /// <summary>A subjectAltName holding one uniformResourceIdentifier with these bytes.</summary>
    public static byte[] SubjectAltNameUri(string text) => Tlv(0x30, Tlv(0x86, Encoding.ASCII.GetBytes(text)));

    public static byte[] BuildCertificate(
        byte[] issuer,
        byte[] subject,
        IEnumerable<ReviewExtension> extensions,
        byte[]? signatureAlgorithm = null,
        byte[]? subjectPublicKeyInfo = null,
        RSA? issuerKey = null,
        byte[]? serial = null)
    {
        signatureAlgorithm ??= Algorithm(Sha256WithRsa);
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                tbs.WriteInteger(2);
            }

            tbs.WriteIntegerUnsigned(serial ?? [0x01, 0x52, 0x45, 0x56, 0x49, 0x45, 0x57]);
            tbs.WriteEncodedValue(signatureAlgorithm);
            tbs.WriteEncodedValue(issuer);
            using (tbs.PushSequence())
            {
                tbs.WriteUtcTime(DefaultNotBefore);
                tbs.WriteUtcTime(DefaultNotAfter);
            }

            tbs.WriteEncodedValue(subject);
            tbs.WriteEncodedValue(subjectPublicKeyInfo ?? Key.ExportSubjectPublicKeyInfo());
            var list = extensions.ToList();
            if (list.Count > 0)
            {
                using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true)))
                using (tbs.PushSequence())
                {
                    foreach (var extension in list)
                    {
                        using (tbs.PushSequence())
                        {
                            tbs.WriteEncodedValue(extension.OidTlv);
                            if (extension.Critical)
                            {
                                tbs.WriteBoolean(true);
                            }

                            tbs.WriteOctetString(extension.Value);
                        }
                    }
                }
            }
        }

        var tbsBytes = tbs.Encode();
        var signature = (issuerKey ?? Key).SignData(tbsBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = new AsnWriter(AsnEncodingRules.DER);
        using (certificate.PushSequence())
        {
            certificate.WriteEncodedValue(tbsBytes);
            certificate.WriteEncodedValue(signatureAlgorithm);
            certificate.WriteBitString(signature);
        }

        return certificate.Encode();
    }

    private static void OtherName(AsnWriter writer, string oid, string value)
    {
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
            }
        }
    }
}
