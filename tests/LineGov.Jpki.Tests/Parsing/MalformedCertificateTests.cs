using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using B = LineGov.Jpki.Tests.Parsing.RawCertificateBuilder;

namespace LineGov.Jpki.Tests.Parsing;

/// <summary>Malformed input is always a <see cref="JpkiFormatException"/>, never another exception type.</summary>
public sealed class MalformedCertificateTests
{
    private static readonly string[] FourFactsOids =
    [
        B.NameOid, B.NameFlagsOid, B.GenderOid, B.DateOfBirthOid, B.AddressOid, B.AddressFlagsOid,
    ];

    private static JpkiFormatException Rejects(byte[] input) =>
        Should.Throw<JpkiFormatException>(() => JpkiCertificate.Parse(input));

    private static JpkiFormatException Rejects(B builder) => Rejects(builder.Build());

    private static JpkiFormatException RejectsPem(string pem) =>
        Should.Throw<JpkiFormatException>(() => JpkiCertificate.Parse(pem));

    [Fact]
    public void Empty_input_is_rejected()
    {
        Rejects([]);
        RejectsPem(string.Empty);
        RejectsPem("   \r\n");
        Rejects("   \r\n"u8.ToArray());
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("authentication")]
    [InlineData("ca")]
    public void Every_truncation_of_a_valid_certificate_is_rejected(string shape)
    {
        var der = shape switch
        {
            "signature" => B.Signature().Build(),
            "authentication" => B.Authentication().Build(),
            _ => B.CertificateAuthority().Build(),
        };
        JpkiCertificate.Parse(der).ShouldNotBeNull();

        for (var length = 0; length < der.Length; length++)
        {
            var prefix = der.AsSpan(0, length).ToArray();
            var thrown = Record.Exception(() => JpkiCertificate.Parse(prefix));
            thrown.ShouldNotBeNull($"prefix of length {length} was accepted");
            thrown.ShouldBeOfType<JpkiFormatException>($"prefix of length {length} threw {thrown.GetType().Name}");
        }
    }

    [Fact]
    public void Every_truncation_of_the_tbs_inside_a_well_formed_envelope_is_rejected()
    {
        // Keep the outer SEQUENCE well formed so the TBS reader itself meets the truncation.
        var builder = B.Signature();
        var tbs = builder.BuildTbs();
        var algorithm = B.Tlv(0x30, [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B, 0x05, 0x00]);
        var signature = B.Tlv(0x03, [0x00, .. new byte[256]]);
        for (var length = 0; length < tbs.Length; length++)
        {
            var truncatedTbs = tbs.AsSpan(0, length).ToArray();
            var der = B.Tlv(0x30, [.. truncatedTbs, .. algorithm, .. signature]);
            var thrown = Record.Exception(() => JpkiCertificate.Parse(der));
            thrown.ShouldNotBeNull($"TBS prefix of length {length} was accepted");
            thrown.ShouldBeOfType<JpkiFormatException>($"TBS prefix of length {length} threw {thrown.GetType().Name}");
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x0A })]
    [InlineData(new byte[] { 0x30, 0x00 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF })]
    public void Trailing_garbage_is_rejected(byte[] garbage)
    {
        Rejects([.. B.Signature().Build(), .. garbage]);
    }

    [Fact]
    public void Two_concatenated_certificates_are_rejected()
    {
        var der = B.Signature().Build();

        Rejects([.. der, .. der]);
    }

    [Fact]
    public void Pem_with_another_label_only_is_rejected()
    {
        var der = B.Signature().Build();

        RejectsPem(PemEncoding.WriteString("PUBLIC KEY", der)).Element.ShouldBe("pem");
        RejectsPem(PemEncoding.WriteString("X509 CRL", der)).Element.ShouldBe("pem");
        RejectsPem(PemEncoding.WriteString("TRUSTED CERTIFICATE", der)).Element.ShouldBe("pem");
        Rejects(Encoding.ASCII.GetBytes(PemEncoding.WriteString("CERTIFICATE REQUEST", der))).Element.ShouldBe("pem");
    }

    [Theory]
    [InlineData("-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMII=BA==\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\u00e9\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nQUJD\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nQUJD\n-----END PUBLIC KEY-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nQUJDRA==\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN")]
    public void Bad_pem_is_rejected(string pem)
    {
        RejectsPem(pem);
        Rejects(Encoding.UTF8.GetBytes(pem));
    }

    [Fact]
    public void Pem_with_truncated_base64_body_is_rejected()
    {
        var pem = B.Signature().BuildPem();
        var body = pem.Split('\n')[1..^2];
        var shortened = "-----BEGIN CERTIFICATE-----\n" + string.Join('\n', body[..^1]) + "\n-----END CERTIFICATE-----\n";

        RejectsPem(shortened);
    }

    [Fact]
    public void Input_larger_than_the_limit_is_rejected()
    {
        var huge = new byte[JpkiCertificate.MaxEncodedLength + 1];
        huge[0] = 0x30;

        Rejects(huge);
        RejectsPem(new string('A', JpkiCertificate.MaxEncodedLength + 1));
    }

    [Theory]
    [InlineData("2.5.29.15")]
    [InlineData("2.5.29.17")]
    [InlineData("2.5.29.32")]
    [InlineData("2.5.29.14")]
    [InlineData("1.3.6.1.4.1.99999.7")]
    public void Duplicate_extension_is_rejected(string oid)
    {
        var builder = B.Signature();
        var value = oid switch
        {
            "2.5.29.15" => new byte[] { 0x03, 0x02, 0x06, 0xC0 },
            "2.5.29.17" => B.Tlv(0x30, B.Tlv(0x82, "example.jp"u8)),
            "2.5.29.32" => B.Tlv(0x30, B.Tlv(0x30, [0x06, 0x03, 0x2A, 0x03, 0x04])),
            "2.5.29.14" => B.Tlv(0x04, [1, 2, 3]),
            _ => new byte[] { 0x05, 0x00 },
        };
        builder.AddExtension(oid, false, value);
        if (oid.StartsWith("1.3.6", StringComparison.Ordinal))
        {
            builder.AddExtension(oid, false, value);
        }

        Rejects(builder).Element.ShouldBe("extensions");
    }

    [Theory]
    [InlineData(B.NameOid)]
    [InlineData(B.GenderOid)]
    [InlineData(B.DateOfBirthOid)]
    [InlineData(B.AddressOid)]
    public void Incomplete_four_facts_are_rejected(string missingOid)
    {
        Rejects(B.Signature().WithoutOtherName(missingOid)).Element.ShouldBe("subjectAltName");
    }

    [Fact]
    public void Name_without_gender_date_or_address_is_rejected()
    {
        var builder = B.Signature().WithoutSubjectAltNames().WithOtherName(B.NameOid, B.DefaultName);

        Rejects(builder).Element.ShouldBe("subjectAltName");
    }

    [Theory]
    [InlineData(B.NameOid)]
    [InlineData(B.NameFlagsOid)]
    [InlineData(B.GenderOid)]
    [InlineData(B.DateOfBirthOid)]
    [InlineData(B.AddressOid)]
    [InlineData(B.AddressFlagsOid)]
    public void Duplicate_four_facts_othername_is_rejected(string oid)
    {
        var value = oid switch
        {
            B.NameOid => B.DefaultName,
            B.NameFlagsOid => B.DefaultNameFlags,
            B.GenderOid => B.DefaultGender,
            B.DateOfBirthOid => B.DefaultDateOfBirth,
            B.AddressOid => B.DefaultAddress,
            _ => B.DefaultAddressFlags,
        };

        Rejects(B.Signature().AddOtherName(oid, value));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("")]
    [InlineData("11")]
    [InlineData("01")]
    [InlineData(" 1")]
    [InlineData("M")]
    [InlineData("男")]
    [InlineData("１")]
    public void Bad_gender_code_is_rejected(string code)
    {
        Rejects(B.Signature().WithOtherName(B.GenderOid, code)).Element.ShouldBe("gender");
    }

    [Theory]
    [InlineData("00020")]
    [InlineData("0001a")]
    [InlineData("0001 ")]
    [InlineData("０００１０")]
    [InlineData("-0010")]
    public void Name_flags_with_a_character_other_than_0_or_1_are_rejected(string flags)
    {
        Rejects(B.Signature().WithOtherName(B.NameFlagsOid, flags)).Element.ShouldBe("nameAlternateCharacterFlags");
    }

    [Theory]
    [InlineData("00000001000000002")]
    [InlineData("0000000100000000x")]
    [InlineData("00000001000000000\u3000")]
    public void Address_flags_with_a_character_other_than_0_or_1_are_rejected(string flags)
    {
        Rejects(B.Signature().WithOtherName(B.AddressFlagsOid, flags)).Element.ShouldBe("addressAlternateCharacterFlags");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0001")]
    [InlineData("000100")]
    [InlineData("00000000000000000")]
    public void Name_flags_length_mismatch_is_rejected(string flags)
    {
        Rejects(B.Signature().WithOtherName(B.NameFlagsOid, flags)).Element.ShouldBe("nameAlternateCharacterFlags");
    }

    [Theory]
    [InlineData("0000000100000000")]
    [InlineData("000000010000000000")]
    [InlineData("00010")]
    public void Address_flags_length_mismatch_is_rejected(string flags)
    {
        Rejects(B.Signature().WithOtherName(B.AddressFlagsOid, flags)).Element.ShouldBe("addressAlternateCharacterFlags");
    }

    [Fact]
    public void Name_flags_counted_in_utf16_code_units_instead_of_characters_are_rejected()
    {
        // "𠮷野　花子" is five characters but six UTF-16 code units.
        var builder = B.Signature()
            .WithOtherName(B.NameOid, "\U00020BB7野\u3000花子")
            .WithOtherName(B.NameFlagsOid, "100000");

        Rejects(builder).Element.ShouldBe("nameAlternateCharacterFlags");
    }

    [Fact]
    public void Malformed_date_of_birth_month_13_is_rejected()
    {
        Rejects(B.Signature().WithOtherName(B.DateOfBirthOid, "319851301")).Element.ShouldBe("dateOfBirth");
    }

    [Theory]
    [InlineData(B.NameOid)]
    [InlineData(B.AddressOid)]
    public void Empty_name_or_address_is_rejected(string oid)
    {
        var builder = B.Signature().WithOtherName(oid, string.Empty)
            .WithoutOtherName(oid == B.NameOid ? B.NameFlagsOid : B.AddressFlagsOid);

        Rejects(builder);
    }

    public static TheoryData<string, byte[]> NonStringValues()
    {
        byte[][] values =
        [
            [0x02, 0x01, 0x01], // INTEGER 1
            [0x04, 0x01, 0x31], // OCTET STRING "1"
            [0x05, 0x00], // NULL
            [0x01, 0x01, 0xFF], // BOOLEAN TRUE
            [0x30, 0x03, 0x0C, 0x01, 0x31], // SEQUENCE { UTF8String "1" }
            [0x81, 0x01, 0x31], // [1] "1"
            [0x06, 0x03, 0x2A, 0x03, 0x04], // OID
            [0x17, 0x0D, .. "850412000000Z"u8], // UTCTime
            [0x1C, 0x04, 0x00, 0x00, 0x00, 0x31], // UniversalString (not accepted by the reader)
        ];
        var data = new TheoryData<string, byte[]>();
        foreach (var oid in FourFactsOids)
        {
            foreach (var value in values)
            {
                data.Add(oid, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NonStringValues))]
    public void Non_string_value_in_a_four_facts_othername_is_rejected(string oid, byte[] value)
    {
        Rejects(B.Signature().WithOtherNameRawValue(oid, value));
    }

    [Theory]
    [InlineData(new byte[] { 0x0C, 0x02, 0xFF, 0xFE })] // UTF8String, invalid UTF-8
    [InlineData(new byte[] { 0x0C, 0x02, 0xC0, 0xB1 })] // UTF8String, overlong encoding
    [InlineData(new byte[] { 0x1E, 0x01, 0x00 })] // BMPString of odd length
    [InlineData(new byte[] { 0x13, 0x01, 0x2A })] // PrintableString "*"
    [InlineData(new byte[] { 0x16, 0x01, 0xB1 })] // IA5String with a byte over 0x7F
    [InlineData(new byte[] { 0x0C, 0x03, 0x31 })] // length past the end
    [InlineData(new byte[] { 0x2C, 0x03, 0x0C, 0x01, 0x31 })] // constructed UTF8String (not DER)
    [InlineData(new byte[] { 0x0C, 0x01, 0x31, 0x0C, 0x01, 0x32 })] // two strings in one value
    public void Broken_string_in_gender_othername_is_rejected(byte[] value)
    {
        Rejects(B.Signature().WithOtherNameRawValue(B.GenderOid, value));
    }

    [Fact]
    public void Bmp_string_name_with_a_surrogate_pair_is_rejected_because_bmp_is_ucs2()
    {
        Rejects(B.Signature().WithOtherName(B.NameOid, "\U00020BB7野\u3000花子", RawStringKind.Bmp));
    }

    [Fact]
    public void Othername_without_explicit_value_is_rejected()
    {
        var builder = B.Signature().WithoutOtherName(B.GenderOid)
            .AddRawGeneralName(B.Tlv(0xA0, [0x06, 0x0A, 0x2A, 0x83, 0x08, 0x8C, 0x9B, 0x55, 0x08, 0x05, 0x05, 0x03]));

        Rejects(builder);
    }

    [Fact]
    public void Othername_value_in_the_wrong_context_tag_is_rejected()
    {
        var oid = new byte[] { 0x06, 0x0A, 0x2A, 0x83, 0x08, 0x8C, 0x9B, 0x55, 0x08, 0x05, 0x05, 0x03 };
        var builder = B.Signature().WithoutOtherName(B.GenderOid)
            .AddRawGeneralName(B.Tlv(0xA0, [.. oid, .. B.Tlv(0xA1, B.Tlv(0x0C, "1"u8))]));

        Rejects(builder);
    }

    [Fact]
    public void Othername_with_a_primitive_value_tag_is_rejected()
    {
        var oid = new byte[] { 0x06, 0x0A, 0x2A, 0x83, 0x08, 0x8C, 0x9B, 0x55, 0x08, 0x05, 0x05, 0x03 };
        var builder = B.Signature().WithoutOtherName(B.GenderOid)
            .AddRawGeneralName(B.Tlv(0xA0, [.. oid, .. B.Tlv(0x80, "1"u8)]));

        Rejects(builder);
    }

    [Fact]
    public void Builder_spells_the_gender_oid_bytes_used_by_the_raw_othername_tests()
    {
        // The raw otherName tests above hand-encode 1.2.392.200149.8.5.5.3; check that encoding once.
        var encoded = B.EncodeOtherName(B.GenderOid, B.Tlv(0x0C, "1"u8));

        encoded.AsSpan(2, 12).ToArray().ShouldBe(new byte[] { 0x06, 0x0A, 0x2A, 0x83, 0x08, 0x8C, 0x9B, 0x55, 0x08, 0x05, 0x05, 0x03 });
    }

    [Fact]
    public void Subject_alt_name_with_trailing_bytes_is_rejected()
    {
        var builder = B.Signature().WithoutSubjectAltNames();
        builder.AddExtension("2.5.29.17", false, [.. B.Tlv(0x30, B.Tlv(0x82, "a.jp"u8)), 0x00]);

        Rejects(builder);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(3)]
    [InlineData(-1)]
    [InlineData(255)]
    [InlineData(int.MaxValue)]
    public void Version_outside_v1_to_v3_is_rejected(int rawVersion)
    {
        var builder = B.Signature();
        builder.RawVersion = rawVersion;

        Rejects(builder).Element.ShouldBe("version");
    }

    [Fact]
    public void Version_1_with_extensions_is_rejected()
    {
        var builder = B.Signature();
        builder.RawVersion = null;

        Rejects(builder).Element.ShouldBe("extensions");
    }

    [Fact]
    public void Version_2_with_extensions_is_rejected()
    {
        var builder = B.Signature();
        builder.RawVersion = 1;

        Rejects(builder).Element.ShouldBe("extensions");
    }

    [Fact]
    public void Tbs_and_outer_signature_algorithm_differing_is_rejected()
    {
        var builder = B.Signature();
        builder.OuterSignatureAlgorithmOid = B.Sha384WithRsaOid;

        Rejects(builder).Element.ShouldBe("signatureAlgorithm");
    }

    [Fact]
    public void Outer_signature_algorithm_without_the_null_parameters_of_the_tbs_one_is_rejected()
    {
        var builder = B.Signature();
        builder.OuterSignatureAlgorithmHasNullParameters = false;

        Rejects(builder).Element.ShouldBe("signatureAlgorithm");
    }

    [Fact]
    public void Empty_serial_number_is_rejected()
    {
        var builder = B.Signature();
        builder.SerialNumber = [];

        Rejects(builder);
    }

    [Fact]
    public void Non_minimal_serial_number_is_rejected()
    {
        var builder = B.Signature();
        builder.SerialNumber = [0x00, 0x01];

        Rejects(builder);
    }

    [Theory]
    [InlineData(0x0C, "250401000000Z")] // UTF8String
    [InlineData(0x17, "2504010000Z")] // UTCTime without seconds
    [InlineData(0x17, "250401000000")] // UTCTime without Z
    [InlineData(0x17, "250401000000+0900")] // UTCTime with an offset
    [InlineData(0x17, "251301000000Z")] // month 13
    [InlineData(0x17, "250230000000Z")] // 30 February
    [InlineData(0x18, "20250401000000")] // GeneralizedTime without Z
    [InlineData(0x18, "2025040100Z")] // GeneralizedTime without minutes
    [InlineData(0x18, "20250401000000.Z")] // empty fraction
    [InlineData(0x18, "20250401000000.50Z")] // trailing zero in the fraction (not DER)
    [InlineData(0x17, "")]
    public void Malformed_validity_time_is_rejected(byte tag, string text)
    {
        var builder = B.Signature();
        builder.RawNotBefore = B.Tlv(tag, Encoding.ASCII.GetBytes(text));

        Rejects(builder);
    }

    [Theory]
    [InlineData("2.5.29.15", new byte[] { 0x04, 0x01, 0xC0 })] // keyUsage not a BIT STRING
    [InlineData("2.5.29.15", new byte[] { 0x03, 0x02, 0x05, 0xC1 })] // keyUsage with a set padding bit
    [InlineData("2.5.29.19", new byte[] { 0x30, 0x03, 0x02, 0x01, 0xFF })] // negative pathLenConstraint
    [InlineData("2.5.29.19", new byte[] { 0x31, 0x00 })] // basicConstraints not a SEQUENCE
    [InlineData("2.5.29.32", new byte[] { 0x30, 0x00 })] // no policy
    [InlineData("2.5.29.32", new byte[] { 0x30, 0x0A, 0x30, 0x03, 0x06, 0x01, 0x2A, 0x30, 0x03, 0x06, 0x01, 0x2A })] // duplicate policy
    [InlineData("2.5.29.32", new byte[] { 0x30, 0x03, 0x06, 0x01, 0x2A })] // PolicyInformation not a SEQUENCE
    [InlineData("2.5.29.14", new byte[] { 0x03, 0x02, 0x00, 0x01 })] // subjectKeyIdentifier not an OCTET STRING
    [InlineData("2.5.29.35", new byte[] { 0x30, 0x03, 0x83, 0x01, 0x01 })] // authorityKeyIdentifier with [3]
    [InlineData("2.5.29.35", new byte[] { 0x30, 0x04, 0xA0, 0x02, 0x04, 0x00 })] // constructed keyIdentifier
    [InlineData("2.5.29.17", new byte[] { 0x31, 0x00 })] // subjectAltName not a SEQUENCE
    [InlineData("2.5.29.17", new byte[] { })] // empty extnValue
    public void Malformed_known_extension_is_rejected(string oid, byte[] value)
    {
        var builder = B.Signature();
        switch (oid)
        {
            case "2.5.29.15":
                builder.KeyUsage = null;
                break;
            case "2.5.29.32":
                builder.Policies = null;
                break;
            case "2.5.29.14":
                builder.SubjectKeyIdentifier = null;
                break;
            case "2.5.29.35":
                builder.AuthorityKeyIdentifier = null;
                break;
            case "2.5.29.17":
                builder.WithoutSubjectAltNames();
                break;
        }

        builder.AddExtension(oid, true, value);

        Rejects(builder);
    }

    [Theory]
    [InlineData(new byte[] { 0x30, 0x02, 0x31, 0x00 })] // an empty RelativeDistinguishedName
    [InlineData(new byte[] { 0x31, 0x00 })] // a SET instead of a SEQUENCE
    [InlineData(new byte[] { 0x30, 0x05, 0x31, 0x03, 0x30, 0x01, 0x05 })] // AttributeTypeAndValue cut short
    [InlineData(new byte[] { 0x30, 0x07, 0x31, 0x05, 0x30, 0x03, 0x06, 0x01, 0x55 })] // no attribute value
    public void Malformed_issuer_name_is_rejected(byte[] issuer)
    {
        var builder = B.Signature();
        builder.RawIssuer = issuer;

        Rejects(builder);
    }

    [Theory]
    [InlineData(new byte[] { 0x04, 0x02, 0x01, 0x02 })] // OCTET STRING
    [InlineData(new byte[] { 0x23, 0x04, 0x03, 0x02, 0x00, 0x02 })] // constructed BIT STRING (not DER)
    [InlineData(new byte[] { 0x03, 0x00 })] // BIT STRING without the unused-bits byte
    [InlineData(new byte[] { 0x03, 0x02, 0x08, 0x00 })] // eight unused bits
    [InlineData(new byte[] { 0x03, 0x02, 0x01, 0x03 })] // a set padding bit (not DER)
    public void Signature_value_that_is_not_a_der_bit_string_is_rejected(byte[] signatureValue)
    {
        var tbs = B.Signature().BuildTbs();
        var algorithm = B.Tlv(0x30, [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B, 0x05, 0x00]);

        Rejects(B.Tlv(0x30, [.. tbs, .. algorithm, .. signatureValue]));
    }

    [Fact]
    public void Signature_bit_string_with_unused_bits_stays_readable_for_validation_to_report()
    {
        // By design (PKITS 4.1.6): such a signature cannot verify, and validation says so; parsing does not fail.
        var tbs = B.Signature().BuildTbs();
        var algorithm = B.Tlv(0x30, [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B, 0x05, 0x00]);

        var certificate = JpkiCertificate.Parse(B.Tlv(0x30, [.. tbs, .. algorithm, .. B.Tlv(0x03, [0x01, 0x02])]));

        certificate.FourFacts.ShouldNotBeNull();
    }

    [Fact]
    public void Indefinite_length_encoding_is_rejected()
    {
        var der = B.Signature().Build();
        // Replace the outer definite length by the BER indefinite form and add end-of-contents.
        var headerLength = der[1] > 0x80 ? 2 + (der[1] & 0x7F) : 2;
        byte[] ber = [0x30, 0x80, .. der.AsSpan(headerLength), 0x00, 0x00];

        Rejects(ber);
    }

    [Fact]
    public void Platform_certificate_with_bad_four_facts_is_rejected_by_from_x509()
    {
        var der = B.Signature().WithOtherName(B.GenderOid, "4").Build();
        using var platform = X509CertificateLoader.LoadCertificate(der);

        Should.Throw<JpkiFormatException>(() => JpkiCertificate.FromX509Certificate(platform));
    }
}
