using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace LineGov.Jpki.Tests.Parsing;

/// <summary>How a character string is encoded (universal tag).</summary>
public enum RawStringKind
{
    Utf8,
    Printable,
    Ia5,
    Visible,
    Bmp,
}

/// <summary>How a validity time is encoded.</summary>
public enum RawTimeKind
{
    /// <summary>UTCTime for 1950-2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5).</summary>
    Auto,
    UtcTime,
    GeneralizedTime,
}

/// <summary>
/// Builds X.509 certificates byte by byte, independently of the library under test: no LineGov.Jpki.Testing,
/// no <see cref="CertificateRequest"/>, no <c>JpkiOids</c> (every OID is spelled out here), so a bug in the
/// parser cannot be mirrored by a bug in the test kit. The TBSCertificate is signed with a shared RSA-2048 key
/// (sha256WithRSAEncryption, PKCS#1 v1.5). Every knob can be set to a value a real CA would never write.
/// </summary>
internal sealed class RawCertificateBuilder
{
    public const string Sha256WithRsaOid = "1.2.840.113549.1.1.11";
    public const string Sha384WithRsaOid = "1.2.840.113549.1.1.12";

    public const string SignaturePolicyOid = "1.2.392.200149.8.5.1.1.20";
    public const string SignatureTestPolicyOid = "1.2.392.200149.8.5.1.0.20";
    public const string AuthenticationPolicyOid = "1.2.392.200149.8.5.1.3.30";

    public const string NameOid = "1.2.392.200149.8.5.5.1";
    public const string NameFlagsOid = "1.2.392.200149.8.5.5.2";
    public const string GenderOid = "1.2.392.200149.8.5.5.3";
    public const string DateOfBirthOid = "1.2.392.200149.8.5.5.4";
    public const string AddressOid = "1.2.392.200149.8.5.5.5";
    public const string AddressFlagsOid = "1.2.392.200149.8.5.5.6";

    public const string SubjectKeyIdentifierOid = "2.5.29.14";
    public const string KeyUsageOid = "2.5.29.15";
    public const string SubjectAltNameOid = "2.5.29.17";
    public const string BasicConstraintsOid = "2.5.29.19";
    public const string CertificatePoliciesOid = "2.5.29.32";
    public const string AuthorityKeyIdentifierOid = "2.5.29.35";

    // Default four facts: every value differs from every other, so any swap of OIDs shows.
    public const string DefaultName = "山田\u3000太郎";
    public const string DefaultNameFlags = "00010";
    public const string DefaultGender = "2";
    public const string DefaultDateOfBirth = "319850412";
    public const string DefaultAddress = "東京都千代田区霞が関二丁目1番2号";
    public const string DefaultAddressFlags = "00000001000000000";

    private const string CommonNameOid = "2.5.4.3";
    private const string CountryOid = "2.5.4.6";
    private const string OrganizationOid = "2.5.4.10";
    private const string OrganizationalUnitOid = "2.5.4.11";
    private const string LocalityOid = "2.5.4.7";

    private static readonly Lazy<RSA> LazyKey = new(() => RSA.Create(2048));

    private readonly List<SanEntry> _subjectAltNames = [];
    private readonly List<(string Oid, bool Critical, byte[] Value)> _extraExtensions = [];

    private RawCertificateBuilder()
    {
    }

    /// <summary>The key every built certificate is signed with (and whose public key it carries).</summary>
    public static RSA Key => LazyKey.Value;

    /// <summary>The integer inside the <c>[0] EXPLICIT</c> version field; <see langword="null"/> omits the field (v1).</summary>
    public int? RawVersion { get; set; } = 2;

    /// <summary>The content bytes of the serial number INTEGER, written as given (not checked for minimality).</summary>
    public byte[] SerialNumber { get; set; } = [0x01, 0x9A, 0x3C, 0x5E, 0x70, 0x11];

    public string SignatureAlgorithmOid { get; set; } = Sha256WithRsaOid;

    /// <summary>The outer (Certificate.signatureAlgorithm) OID; <see langword="null"/> = same as the TBS one.</summary>
    public string? OuterSignatureAlgorithmOid { get; set; }

    /// <summary>Whether the outer AlgorithmIdentifier carries NULL parameters (the TBS one always does).</summary>
    public bool OuterSignatureAlgorithmHasNullParameters { get; set; } = true;

    public IReadOnlyList<(string Oid, string Value)> Issuer { get; set; } =
    [
        (CountryOid, "JP"),
        (OrganizationOid, "JPKI"),
        (OrganizationalUnitOid, "JPKI for digital signature"),
        (OrganizationalUnitOid, "Raw Test CA"),
    ];

    public IReadOnlyList<(string Oid, string Value)> Subject { get; set; } =
    [
        (CountryOid, "JP"),
        (LocalityOid, "Chiyoda-ku"),
        (CommonNameOid, "RAWTEST0000000000000001"),
    ];

    /// <summary>A complete encoded Name used instead of <see cref="Issuer"/>.</summary>
    public byte[]? RawIssuer { get; set; }

    public DateTimeOffset NotBefore { get; set; } = new(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset NotAfter { get; set; } = new(2030, 4, 12, 14, 59, 59, TimeSpan.Zero);

    public RawTimeKind NotBeforeKind { get; set; } = RawTimeKind.Auto;

    public RawTimeKind NotAfterKind { get; set; } = RawTimeKind.Auto;

    /// <summary>A complete encoded time (tag, length, value) used instead of <see cref="NotBefore"/>.</summary>
    public byte[]? RawNotBefore { get; set; }

    /// <summary>A complete encoded time (tag, length, value) used instead of <see cref="NotAfter"/>.</summary>
    public byte[]? RawNotAfter { get; set; }

    /// <summary>Certificate policies in order; <see langword="null"/> omits the extension.</summary>
    public IReadOnlyList<string>? Policies { get; set; }

    /// <summary>Key usage; <see langword="null"/> omits the extension.</summary>
    public X509KeyUsageFlags? KeyUsage { get; set; }

    public bool KeyUsageCritical { get; set; } = true;

    /// <summary>basicConstraints (cA, pathLenConstraint); <see langword="null"/> omits the extension.</summary>
    public (bool IsCa, int? PathLength)? BasicConstraints { get; set; }

    public bool BasicConstraintsCritical { get; set; } = true;

    public byte[]? SubjectKeyIdentifier { get; set; }

    public byte[]? AuthorityKeyIdentifier { get; set; }

    /// <summary>Whether to write subjectAltName even when it holds no name (an empty SEQUENCE).</summary>
    public bool WriteEmptySubjectAltName { get; set; }

    /// <summary>A signature certificate (署名用) shaped like J-LIS issues it, with the default four facts.</summary>
    public static RawCertificateBuilder Signature()
    {
        var builder = new RawCertificateBuilder
        {
            Policies = [SignaturePolicyOid],
            KeyUsage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation,
            SubjectKeyIdentifier = [0x5B, 0x1C, 0x0D, 0x2E, 0x3F, 0x40, 0x51, 0x62, 0x73, 0x84, 0x95, 0xA6, 0xB7, 0xC8, 0xD9, 0xEA, 0xFB, 0x0C, 0x1D, 0x2E],
            AuthorityKeyIdentifier = [0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x07, 0x18, 0x29, 0x3A, 0x4B, 0x5C, 0x6D, 0x7E, 0x8F, 0x90, 0xA1, 0xB2, 0xC3, 0xD4],
        };
        builder.WithDefaultFourFacts();
        return builder;
    }

    /// <summary>A user-authentication certificate (利用者証明用): no four facts.</summary>
    public static RawCertificateBuilder Authentication() => new()
    {
        Policies = [AuthenticationPolicyOid],
        KeyUsage = X509KeyUsageFlags.DigitalSignature,
        SubjectKeyIdentifier = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88],
        AuthorityKeyIdentifier = [0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x00],
    };

    /// <summary>A self-signed CA certificate.</summary>
    public static RawCertificateBuilder CertificateAuthority()
    {
        var builder = new RawCertificateBuilder
        {
            KeyUsage = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign,
            BasicConstraints = (true, null),
            SubjectKeyIdentifier = [0xA1, 0xB2, 0xC3, 0xD4],
            AuthorityKeyIdentifier = [0xA1, 0xB2, 0xC3, 0xD4],
        };
        builder.Subject = builder.Issuer;
        return builder;
    }

    /// <summary>A certificate with nothing but the mandatory fields (v3 without extensions unless changed).</summary>
    public static RawCertificateBuilder Bare() => new();

    public RawCertificateBuilder WithDefaultFourFacts()
    {
        _subjectAltNames.RemoveAll(e => e.Oid is not null);
        return WithOtherName(NameOid, DefaultName)
            .WithOtherName(NameFlagsOid, DefaultNameFlags)
            .WithOtherName(GenderOid, DefaultGender)
            .WithOtherName(DateOfBirthOid, DefaultDateOfBirth)
            .WithOtherName(AddressOid, DefaultAddress)
            .WithOtherName(AddressFlagsOid, DefaultAddressFlags);
    }

    /// <summary>Sets the otherName of <paramref name="oid"/> (replacing every existing one, keeping its position).</summary>
    public RawCertificateBuilder WithOtherName(string oid, string value, RawStringKind kind = RawStringKind.Utf8) =>
        WithOtherNameRawValue(oid, EncodeString(value, kind));

    /// <summary>Sets the otherName of <paramref name="oid"/> with <paramref name="encodedValue"/> (a complete TLV) inside <c>[0] EXPLICIT</c>.</summary>
    public RawCertificateBuilder WithOtherNameRawValue(string oid, byte[] encodedValue)
    {
        var entry = new SanEntry(oid, EncodeOtherName(oid, encodedValue));
        var index = _subjectAltNames.FindIndex(e => e.Oid == oid);
        _subjectAltNames.RemoveAll(e => e.Oid == oid);
        if (index < 0 || index > _subjectAltNames.Count)
        {
            _subjectAltNames.Add(entry);
        }
        else
        {
            _subjectAltNames.Insert(index, entry);
        }

        return this;
    }

    /// <summary>Appends one more otherName (duplicates allowed).</summary>
    public RawCertificateBuilder AddOtherName(string oid, string value, RawStringKind kind = RawStringKind.Utf8)
    {
        _subjectAltNames.Add(new SanEntry(oid, EncodeOtherName(oid, EncodeString(value, kind))));
        return this;
    }

    /// <summary>Removes every otherName of <paramref name="oid"/>.</summary>
    public RawCertificateBuilder WithoutOtherName(string oid)
    {
        _subjectAltNames.RemoveAll(e => e.Oid == oid);
        return this;
    }

    /// <summary>Removes every entry of subjectAltName (the extension is then omitted).</summary>
    public RawCertificateBuilder WithoutSubjectAltNames()
    {
        _subjectAltNames.Clear();
        return this;
    }

    /// <summary>Appends a complete encoded GeneralName (any bytes) to subjectAltName.</summary>
    public RawCertificateBuilder AddRawGeneralName(byte[] encoded)
    {
        _subjectAltNames.Add(new SanEntry(null, encoded));
        return this;
    }

    /// <summary>Reverses the order of the subjectAltName entries.</summary>
    public RawCertificateBuilder ReverseSubjectAltNames()
    {
        _subjectAltNames.Reverse();
        return this;
    }

    /// <summary>Sets the certificate policies in order; <see langword="null"/> omits the extension.</summary>
    public RawCertificateBuilder WithPolicies(params string[]? policies)
    {
        Policies = policies;
        return this;
    }

    /// <summary>Appends an extension with any OID, criticality and extnValue content (duplicates allowed).</summary>
    public RawCertificateBuilder AddExtension(string oid, bool critical, byte[] value)
    {
        _extraExtensions.Add((oid, critical, value));
        return this;
    }

    public byte[] Build()
    {
        var tbs = BuildTbs();
        var signature = Key.SignData(tbs, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(tbs);
            writer.WriteEncodedValue(EncodeAlgorithm(OuterSignatureAlgorithmOid ?? SignatureAlgorithmOid, OuterSignatureAlgorithmHasNullParameters));
            writer.WriteBitString(signature);
        }

        return writer.Encode();
    }

    public string BuildPem() => PemEncoding.WriteString("CERTIFICATE", Build());

    public byte[] BuildTbs()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (RawVersion is { } version)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    writer.WriteInteger(version);
                }
            }

            writer.WriteEncodedValue(Tlv(0x02, SerialNumber));
            writer.WriteEncodedValue(EncodeAlgorithm(SignatureAlgorithmOid, withNullParameters: true));
            writer.WriteEncodedValue(RawIssuer ?? EncodeName(Issuer));
            using (writer.PushSequence())
            {
                writer.WriteEncodedValue(RawNotBefore ?? EncodeTime(NotBefore, NotBeforeKind));
                writer.WriteEncodedValue(RawNotAfter ?? EncodeTime(NotAfter, NotAfterKind));
            }

            writer.WriteEncodedValue(EncodeName(Subject));
            writer.WriteEncodedValue(Key.ExportSubjectPublicKeyInfo());
            var extensions = BuildExtensions();
            if (extensions.Count > 0)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true)))
                using (writer.PushSequence())
                {
                    foreach (var (oid, critical, value) in extensions)
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
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>A complete TLV with a one-byte tag and a DER length.</summary>
    public static byte[] Tlv(byte tag, ReadOnlySpan<byte> content)
    {
        var length = content.Length;
        byte[] header;
        if (length < 0x80)
        {
            header = [tag, (byte)length];
        }
        else if (length <= 0xFF)
        {
            header = [tag, 0x81, (byte)length];
        }
        else if (length <= 0xFFFF)
        {
            header = [tag, 0x82, (byte)(length >> 8), (byte)length];
        }
        else
        {
            header = [tag, 0x83, (byte)(length >> 16), (byte)(length >> 8), (byte)length];
        }

        return [.. header, .. content];
    }

    public static byte[] EncodeString(string value, RawStringKind kind) => kind switch
    {
        RawStringKind.Utf8 => Tlv(0x0C, Encoding.UTF8.GetBytes(value)),
        RawStringKind.Printable => Tlv(0x13, Encoding.Latin1.GetBytes(value)),
        RawStringKind.Ia5 => Tlv(0x16, Encoding.Latin1.GetBytes(value)),
        RawStringKind.Visible => Tlv(0x1A, Encoding.Latin1.GetBytes(value)),
        RawStringKind.Bmp => Tlv(0x1E, Encoding.BigEndianUnicode.GetBytes(value)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary><c>[0] { type-id OID, [0] EXPLICIT value }</c>, <paramref name="encodedValue"/> being a complete TLV.</summary>
    public static byte[] EncodeOtherName(string oid, byte[] encodedValue)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        var content = writer.Encode();
        return Tlv(0xA0, [.. content, .. Tlv(0xA0, encodedValue)]);
    }

    private List<(string Oid, bool Critical, byte[] Value)> BuildExtensions()
    {
        var extensions = new List<(string Oid, bool Critical, byte[] Value)>();
        if (SubjectKeyIdentifier is { } ski)
        {
            extensions.Add((SubjectKeyIdentifierOid, false, Tlv(0x04, ski)));
        }

        if (AuthorityKeyIdentifier is { } aki)
        {
            extensions.Add((AuthorityKeyIdentifierOid, false, Tlv(0x30, Tlv(0x80, aki))));
        }

        if (KeyUsage is { } keyUsage)
        {
            extensions.Add((KeyUsageOid, KeyUsageCritical, EncodeKeyUsage(keyUsage)));
        }

        if (Policies is { } policies)
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                foreach (var policy in policies)
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(policy);
                    }
                }
            }

            extensions.Add((CertificatePoliciesOid, false, writer.Encode()));
        }

        if (_subjectAltNames.Count > 0 || WriteEmptySubjectAltName)
        {
            byte[] content = [.. _subjectAltNames.SelectMany(e => e.Encoded)];
            extensions.Add((SubjectAltNameOid, false, Tlv(0x30, content)));
        }

        if (BasicConstraints is var (isCa, pathLength))
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                if (isCa)
                {
                    writer.WriteBoolean(true);
                }

                if (pathLength is { } length)
                {
                    writer.WriteInteger(length);
                }
            }

            extensions.Add((BasicConstraintsOid, BasicConstraintsCritical, writer.Encode()));
        }

        extensions.AddRange(_extraExtensions);
        return extensions;
    }

    /// <summary>KeyUsage ::= BIT STRING, bit 0 = digitalSignature … bit 8 = decipherOnly, trailing zero bits dropped (DER).</summary>
    private static byte[] EncodeKeyUsage(X509KeyUsageFlags flags)
    {
        X509KeyUsageFlags[] bitOrder =
        [
            X509KeyUsageFlags.DigitalSignature,
            X509KeyUsageFlags.NonRepudiation,
            X509KeyUsageFlags.KeyEncipherment,
            X509KeyUsageFlags.DataEncipherment,
            X509KeyUsageFlags.KeyAgreement,
            X509KeyUsageFlags.KeyCertSign,
            X509KeyUsageFlags.CrlSign,
            X509KeyUsageFlags.EncipherOnly,
            X509KeyUsageFlags.DecipherOnly,
        ];
        var highest = -1;
        for (var bit = 0; bit < bitOrder.Length; bit++)
        {
            if ((flags & bitOrder[bit]) != 0)
            {
                highest = bit;
            }
        }

        if (highest < 0)
        {
            return [0x03, 0x01, 0x00];
        }

        var bytes = new byte[(highest / 8) + 1];
        for (var bit = 0; bit <= highest; bit++)
        {
            if ((flags & bitOrder[bit]) != 0)
            {
                bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
            }
        }

        var unused = (byte)(7 - (highest % 8));
        return Tlv(0x03, [unused, .. bytes]);
    }

    private static byte[] EncodeAlgorithm(string oid, bool withNullParameters)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (withNullParameters)
            {
                writer.WriteNull();
            }
        }

        return writer.Encode();
    }

    private static byte[] EncodeName(IReadOnlyList<(string Oid, string Value)> attributes)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var (oid, value) in attributes)
            {
                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(oid);
                    writer.WriteEncodedValue(oid == CountryOid ? EncodeString(value, RawStringKind.Printable) : EncodeString(value, RawStringKind.Utf8));
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>Encodes a time by hand (not through AsnWriter's time writers).</summary>
    public static byte[] EncodeTime(DateTimeOffset value, RawTimeKind kind)
    {
        var utc = value.UtcDateTime;
        if (kind == RawTimeKind.Auto)
        {
            kind = utc.Year is >= 1950 and <= 2049 ? RawTimeKind.UtcTime : RawTimeKind.GeneralizedTime;
        }

        return kind == RawTimeKind.UtcTime
            ? Tlv(0x17, Encoding.ASCII.GetBytes(utc.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture) + "Z"))
            : Tlv(0x18, Encoding.ASCII.GetBytes(utc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z"));
    }

    /// <summary>A UTCTime or GeneralizedTime TLV holding exactly <paramref name="text"/>.</summary>
    public static byte[] EncodeTimeText(string text, RawTimeKind kind) =>
        Tlv(kind == RawTimeKind.GeneralizedTime ? (byte)0x18 : (byte)0x17, Encoding.ASCII.GetBytes(text));

    private sealed record SanEntry(string? Oid, byte[] Encoded);
}
