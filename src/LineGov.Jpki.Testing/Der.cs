using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki.Testing;

/// <summary>DER pieces shared by the certificate, CRL and OCSP writers (RFC 5280, RFC 6960).</summary>
internal static class Der
{
    public const string Sha256WithRsaOid = "1.2.840.113549.1.1.11";
    public const string CrlDistributionPointsOid = "2.5.29.31";
    public const string AuthorityInfoAccessOid = "1.3.6.1.5.5.7.1.1";
    public const string OcspAccessMethodOid = "1.3.6.1.5.5.7.48.1";
    public const string OcspBasicOid = "1.3.6.1.5.5.7.48.1.1";
    public const string OcspNonceOid = "1.3.6.1.5.5.7.48.1.2";
    public const string OcspNoCheckOid = "1.3.6.1.5.5.7.48.1.5";
    public const string OcspSigningOid = "1.3.6.1.5.5.7.3.9";
    public const string CrlNumberOid = "2.5.29.20";
    public const string ReasonCodeOid = "2.5.29.21";
    public const string InvalidityDateOid = "2.5.29.24";
    public const string DeltaCrlIndicatorOid = "2.5.29.27";
    public const string IssuingDistributionPointOid = "2.5.29.28";
    public const string CertificateIssuerOid = "2.5.29.29";
    public const string AuthorityKeyIdentifierOid = "2.5.29.35";
    public const string FreshestCrlOid = "2.5.29.46";

    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>sha256WithRSAEncryption with NULL parameters.</summary>
    public static void WriteSha256WithRsa(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(Sha256WithRsaOid);
            writer.WriteNull();
        }
    }

    /// <summary>An RFC 5280 Time: UTCTime through 2049, GeneralizedTime after, whole seconds.</summary>
    public static void WriteTime(AsnWriter writer, DateTimeOffset value)
    {
        value = FloorToSecond(value);
        if (value.Year is >= 1950 and < 2050)
        {
            writer.WriteUtcTime(value);
        }
        else
        {
            writer.WriteGeneralizedTime(value, omitFractionalSeconds: true);
        }
    }

    /// <summary>A GeneralizedTime in whole seconds (OCSP times, invalidityDate).</summary>
    public static void WriteGeneralizedTime(AsnWriter writer, DateTimeOffset value, Asn1Tag? tag = null) =>
        writer.WriteGeneralizedTime(FloorToSecond(value), omitFractionalSeconds: true, tag);

    public static DateTimeOffset FloorToSecond(DateTimeOffset value) =>
        new(value.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>One Extension: extnID, critical (only when true, DER), extnValue.</summary>
    public static void WriteExtension(AsnWriter writer, string oid, bool critical, ReadOnlySpan<byte> value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (critical)
            {
                writer.WriteBoolean(true);
            }

            writer.WriteOctetString(value);
        }
    }

    public static void WriteExtension(AsnWriter writer, X509Extension extension) =>
        WriteExtension(writer, extension.Oid?.Value ?? throw new ArgumentException("An extension needs an OID."), extension.Critical, extension.RawData);

    /// <summary>One RelativeDistinguishedName with one attribute: PrintableString when the text allows, else UTF8String.</summary>
    public static void WriteRdn(AsnWriter writer, string oid, string value)
    {
        using (writer.PushSetOf())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(oid);
                writer.WriteCharacterString(IsPrintable(value) ? UniversalTagNumber.PrintableString : UniversalTagNumber.UTF8String, value);
            }
        }
    }

    /// <summary>GeneralNames content (no outer tag): a directoryName [4] and/or a uniformResourceIdentifier [6].</summary>
    public static void WriteGeneralNames(AsnWriter writer, X500DistinguishedName? directoryName, Uri? uri)
    {
        if (directoryName is not null)
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
            {
                writer.WriteEncodedValue(directoryName.RawData);
            }
        }

        if (uri is not null)
        {
            writer.WriteCharacterString(UniversalTagNumber.IA5String, uri.AbsoluteUri, new Asn1Tag(TagClass.ContextSpecific, 6));
        }
    }

    /// <summary>A DistributionPointName in its [0] of DistributionPoint or IssuingDistributionPoint: [0] fullName.</summary>
    public static void WriteFullNamePoint(AsnWriter writer, X500DistinguishedName? directoryName, Uri? uri)
    {
        using (writer.PushSequence(Context0))
        {
            using (writer.PushSequence(Context0))
            {
                WriteGeneralNames(writer, directoryName, uri);
            }
        }
    }

    /// <summary>A DistributionPointName in its [0]: [1] nameRelativeToCRLIssuer, the single RDN of <paramref name="relativeName"/>.</summary>
    public static void WriteRelativeNamePoint(AsnWriter writer, X500DistinguishedName relativeName)
    {
        var reader = new AsnReader(relativeName.RawData, AsnEncodingRules.DER);
        var rdns = reader.ReadSequence();
        var rdn = rdns.ReadEncodedValue();
        if (rdns.HasData)
        {
            throw new ArgumentException("nameRelativeToCRLIssuer is one RelativeDistinguishedName: give a name with exactly one RDN.", nameof(relativeName));
        }

        using (writer.PushSequence(Context0))
        {
            // [1] IMPLICIT SET OF AttributeTypeAndValue: the RDN's contents under a new tag.
            using (writer.PushSetOf(Context1))
            {
                var set = new AsnReader(rdn, AsnEncodingRules.DER).ReadSetOf();
                while (set.HasData)
                {
                    writer.WriteEncodedValue(set.ReadEncodedValue().Span);
                }
            }
        }
    }

    /// <summary>CRLDistributionPoints (also the syntax of freshestCRL): one DistributionPoint per name given.</summary>
    public static byte[] EncodeDistributionPoints(IEnumerable<(X500DistinguishedName? DirectoryName, Uri? Uri)> points)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var (directoryName, uri) in points)
            {
                using (writer.PushSequence())
                {
                    WriteFullNamePoint(writer, directoryName, uri);
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>ReasonFlags (RFC 5280 §4.2.1.13) for <paramref name="reasons"/>.</summary>
    public static void WriteReasonFlags(AsnWriter writer, IEnumerable<X509RevocationReason> reasons, Asn1Tag tag)
    {
        var flags = ReasonBits.None;
        foreach (var reason in reasons)
        {
            flags |= reason switch
            {
                X509RevocationReason.KeyCompromise => ReasonBits.KeyCompromise,
                X509RevocationReason.CACompromise => ReasonBits.CACompromise,
                X509RevocationReason.AffiliationChanged => ReasonBits.AffiliationChanged,
                X509RevocationReason.Superseded => ReasonBits.Superseded,
                X509RevocationReason.CessationOfOperation => ReasonBits.CessationOfOperation,
                X509RevocationReason.CertificateHold => ReasonBits.CertificateHold,
                X509RevocationReason.PrivilegeWithdrawn => ReasonBits.PrivilegeWithdrawn,
                X509RevocationReason.AACompromise => ReasonBits.AACompromise,
                _ => throw new ArgumentException($"{reason} has no ReasonFlags bit.", nameof(reasons)),
            };
        }

        writer.WriteNamedBitList(flags, tag);
    }

    /// <summary>SubjectPublicKeyInfo's subjectPublicKey contents (what OCSP's key hashes cover).</summary>
    public static byte[] PublicKeyBits(X509Certificate2 certificate) => certificate.PublicKey.EncodedKeyValue.RawData;

    /// <summary>The DER encoding of an RSA PKCS#1 v1.5 SHA-256 signature BIT STRING over <paramref name="tbs"/>.</summary>
    public static byte[] Sign(RSA key, ReadOnlySpan<byte> tbs, bool corrupt)
    {
        var signature = key.SignData(tbs, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (corrupt)
        {
            signature[^1] ^= 0x01;
        }

        return signature;
    }

    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    private static bool IsPrintable(string value)
    {
        foreach (var c in value)
        {
            var ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9')
                or ' ' or '\'' or '(' or ')' or '+' or ',' or '-' or '.' or '/' or ':' or '=' or '?';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ReasonFlags bits, first named bit first (as <see cref="AsnWriter.WriteNamedBitList(Enum, Asn1Tag?)"/> numbers them).</summary>
    [Flags]
    private enum ReasonBits
    {
        None = 0,
        Unused = 1 << 0,
        KeyCompromise = 1 << 1,
        CACompromise = 1 << 2,
        AffiliationChanged = 1 << 3,
        Superseded = 1 << 4,
        CessationOfOperation = 1 << 5,
        CertificateHold = 1 << 6,
        PrivilegeWithdrawn = 1 << 7,
        AACompromise = 1 << 8,
    }
}
