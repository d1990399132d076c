using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using B = LineGov.Jpki.Tests.Parsing.RawCertificateBuilder;

namespace LineGov.Jpki.Tests.Parsing;

/// <summary>The X.509 fields of <see cref="JpkiCertificate"/>, against certificates written byte by byte.</summary>
public sealed class CertificateFieldsTests
{
    [Fact]
    public void Builder_output_is_a_certificate_the_platform_reads_and_whose_signature_verifies()
    {
        var der = B.Signature().Build();

        using var platform = X509CertificateLoader.LoadCertificate(der);
        platform.Version.ShouldBe(3);
        platform.SerialNumber.ShouldBe("019A3C5E7011");
        using var key = platform.GetRSAPublicKey();
        key.ShouldNotBeNull();

        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = reader.ReadEncodedValue();
        reader.ReadEncodedValue();
        var signature = reader.ReadBitString(out _);
        key.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).ShouldBeTrue();
    }

    [Fact]
    public void Serial_number_is_upper_case_hex_of_its_content_bytes()
    {
        var certificate = JpkiCertificate.Parse(B.Signature().Build());

        certificate.SerialNumber.ShouldBe("019A3C5E7011");
        certificate.SerialNumberBytes.ToArray().ShouldBe(new byte[] { 0x01, 0x9A, 0x3C, 0x5E, 0x70, 0x11 });
    }

    [Fact]
    public void Serial_number_keeps_its_leading_zero_byte_like_the_platform()
    {
        var builder = B.Signature();
        builder.SerialNumber = [0x00, 0x8F, 0x12, 0xAB];
        var der = builder.Build();

        var certificate = JpkiCertificate.Parse(der);
        using var platform = X509CertificateLoader.LoadCertificate(der);

        certificate.SerialNumber.ShouldBe("008F12AB");
        certificate.SerialNumber.ShouldBe(platform.SerialNumber);
        certificate.SerialNumberBytes.ToArray().ShouldBe(new byte[] { 0x00, 0x8F, 0x12, 0xAB });
    }

    [Fact]
    public void Twenty_byte_serial_number_is_read_whole()
    {
        var builder = B.Signature();
        builder.SerialNumber = [0x7F, .. Enumerable.Range(1, 19).Select(i => (byte)(i * 13))];

        var certificate = JpkiCertificate.Parse(builder.Build());

        certificate.SerialNumberBytes.Length.ShouldBe(20);
        certificate.SerialNumber.ShouldBe(Convert.ToHexString(builder.SerialNumber));
    }

    [Fact]
    public void Issuer_and_subject_are_read_as_distinguished_names()
    {
        var builder = B.Signature();
        var certificate = JpkiCertificate.Parse(builder.Build());

        certificate.Issuer.ShouldContain("OU=Raw Test CA");
        certificate.Issuer.ShouldContain("O=JPKI");
        certificate.Issuer.ShouldContain("C=JP");
        certificate.Subject.ShouldContain("CN=RAWTEST0000000000000001");
        certificate.Subject.ShouldContain("L=Chiyoda-ku");
        certificate.Subject.ShouldNotContain("Raw Test CA");
        certificate.IsSelfIssued.ShouldBeFalse();

        using var platform = X509CertificateLoader.LoadCertificate(builder.Build());
        certificate.Issuer.ShouldBe(platform.Issuer);
        certificate.Subject.ShouldBe(platform.Subject);
        certificate.IssuerName.RawData.ShouldBe(platform.IssuerName.RawData);
        certificate.SubjectName.RawData.ShouldBe(platform.SubjectName.RawData);
    }

    [Fact]
    public void Self_issued_certificate_is_recognised()
    {
        var certificate = JpkiCertificate.Parse(B.CertificateAuthority().Build());

        certificate.IsSelfIssued.ShouldBeTrue();
        certificate.Issuer.ShouldBe(certificate.Subject);
    }

    [Fact]
    public void Validity_is_read_from_utc_time()
    {
        var builder = B.Signature();
        builder.NotBefore = new DateTimeOffset(2024, 2, 29, 15, 0, 0, TimeSpan.Zero);
        builder.NotAfter = new DateTimeOffset(2029, 3, 1, 14, 59, 59, TimeSpan.Zero);

        var certificate = JpkiCertificate.Parse(builder.Build());

        certificate.NotBefore.ShouldBe(builder.NotBefore);
        certificate.NotAfter.ShouldBe(builder.NotAfter);
        certificate.NotBefore.Offset.ShouldBe(TimeSpan.Zero);
        certificate.IsTimeValidAt(builder.NotBefore).ShouldBeTrue();
        certificate.IsTimeValidAt(builder.NotAfter).ShouldBeTrue();
        certificate.IsTimeValidAt(builder.NotBefore.AddSeconds(-1)).ShouldBeFalse();
        certificate.IsTimeValidAt(builder.NotAfter.AddSeconds(1)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("491231235959Z", 2049, 12, 31, 23, 59, 59)]
    [InlineData("500101000000Z", 1950, 1, 1, 0, 0, 0)]
    [InlineData("000101000000Z", 2000, 1, 1, 0, 0, 0)]
    [InlineData("991231235959Z", 1999, 12, 31, 23, 59, 59)]
    public void Utc_time_two_digit_year_follows_rfc5280_50_rule(string text, int year, int month, int day, int hour, int minute, int second)
    {
        var builder = B.Signature();
        builder.RawNotBefore = B.EncodeTimeText(text, RawTimeKind.UtcTime);
        builder.RawNotAfter = B.EncodeTimeText(text, RawTimeKind.UtcTime);

        var certificate = JpkiCertificate.Parse(builder.Build());

        var expected = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        certificate.NotBefore.ShouldBe(expected);
        certificate.NotAfter.ShouldBe(expected);
    }

    [Fact]
    public void Generalized_time_from_2050_is_read()
    {
        var builder = B.Signature();
        builder.NotBefore = new DateTimeOffset(2049, 12, 31, 23, 59, 59, TimeSpan.Zero);
        builder.NotAfter = new DateTimeOffset(2050, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var der = builder.Build();
        var certificate = JpkiCertificate.Parse(der);

        certificate.NotBefore.ShouldBe(builder.NotBefore);
        certificate.NotAfter.ShouldBe(builder.NotAfter);
        der.AsSpan().IndexOf("20500101000000Z"u8).ShouldBeGreaterThan(0);
        der.AsSpan().IndexOf("491231235959Z"u8).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Generalized_time_before_2050_is_read_too()
    {
        var builder = B.Signature();
        builder.NotBeforeKind = RawTimeKind.GeneralizedTime;
        builder.NotAfterKind = RawTimeKind.GeneralizedTime;

        var certificate = JpkiCertificate.Parse(builder.Build());

        certificate.NotBefore.ShouldBe(builder.NotBefore);
        certificate.NotAfter.ShouldBe(builder.NotAfter);
    }

    [Fact]
    public void Version_3_is_read()
    {
        JpkiCertificate.Parse(B.Signature().Build()).Version.ShouldBe(3);
    }

    [Fact]
    public void Version_1_certificate_without_version_field_and_extensions_parses()
    {
        var builder = B.Bare();
        builder.RawVersion = null;

        var certificate = JpkiCertificate.Parse(builder.Build());

        certificate.Version.ShouldBe(1);
        certificate.Extensions.ShouldBeEmpty();
        certificate.KeyUsage.ShouldBeNull();
        certificate.IsCertificateAuthority.ShouldBeNull();
        certificate.PathLengthConstraint.ShouldBeNull();
        certificate.SubjectKeyIdentifier.ShouldBeNull();
        certificate.AuthorityKeyIdentifier.ShouldBeNull();
        certificate.PolicyOids.ShouldBeEmpty();
        certificate.Kind.ShouldBe(JpkiCertificateKind.Other);
        certificate.FourFacts.ShouldBeNull();
    }

    [Fact]
    public void Version_3_certificate_without_extensions_parses()
    {
        var certificate = JpkiCertificate.Parse(B.Bare().Build());

        certificate.Version.ShouldBe(3);
        certificate.Extensions.ShouldBeEmpty();
    }

    [Fact]
    public void Algorithms_are_read()
    {
        var certificate = JpkiCertificate.Parse(B.Signature().Build());

        certificate.SignatureAlgorithmOid.ShouldBe("1.2.840.113549.1.1.11");
        certificate.PublicKeyAlgorithmOid.ShouldBe("1.2.840.113549.1.1.1");
    }

    [Theory]
    [InlineData(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)]
    [InlineData(X509KeyUsageFlags.DigitalSignature)]
    [InlineData(X509KeyUsageFlags.NonRepudiation)]
    [InlineData(X509KeyUsageFlags.KeyEncipherment)]
    [InlineData(X509KeyUsageFlags.DataEncipherment)]
    [InlineData(X509KeyUsageFlags.KeyAgreement)]
    [InlineData(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign)]
    [InlineData(X509KeyUsageFlags.KeyAgreement | X509KeyUsageFlags.EncipherOnly)]
    [InlineData(X509KeyUsageFlags.KeyAgreement | X509KeyUsageFlags.DecipherOnly)]
    [InlineData(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.DecipherOnly)]
    [InlineData(X509KeyUsageFlags.None)]
    public void Key_usage_bits_are_read(X509KeyUsageFlags flags)
    {
        var builder = B.Signature();
        builder.KeyUsage = flags;
        var der = builder.Build();

        var certificate = JpkiCertificate.Parse(der);

        certificate.KeyUsage.ShouldBe(flags);
        using var platform = X509CertificateLoader.LoadCertificate(der);
        var platformKeyUsage = platform.Extensions.OfType<X509KeyUsageExtension>().Single();
        certificate.KeyUsage.ShouldBe(platformKeyUsage.KeyUsages);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Key_usage_criticality_is_reported(bool critical)
    {
        var builder = B.Signature();
        builder.KeyUsageCritical = critical;

        var certificate = JpkiCertificate.Parse(builder.Build());

        certificate.Extensions.Single(e => e.Oid == "2.5.29.15").Critical.ShouldBe(critical);
    }

    [Fact]
    public void Absent_key_usage_is_null()
    {
        var builder = B.Signature();
        builder.KeyUsage = null;

        JpkiCertificate.Parse(builder.Build()).KeyUsage.ShouldBeNull();
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(true, 0)]
    [InlineData(true, 3)]
    [InlineData(true, 300)]
    [InlineData(false, null)]
    public void Basic_constraints_are_read(bool isCa, int? pathLength)
    {
        var builder = B.CertificateAuthority();
        builder.BasicConstraints = (isCa, pathLength);

        var certificate = JpkiCertificate.Parse(builder.Build());

        certificate.IsCertificateAuthority.ShouldBe(isCa);
        certificate.PathLengthConstraint.ShouldBe(pathLength);
    }

    [Fact]
    public void Absent_basic_constraints_are_null()
    {
        var certificate = JpkiCertificate.Parse(B.Signature().Build());

        certificate.IsCertificateAuthority.ShouldBeNull();
        certificate.PathLengthConstraint.ShouldBeNull();
    }

    [Fact]
    public void Subject_and_authority_key_identifiers_are_read_and_not_swapped()
    {
        var builder = B.Signature();
        var certificate = JpkiCertificate.Parse(builder.Build());

        certificate.SubjectKeyIdentifier.ShouldNotBeNull();
        certificate.SubjectKeyIdentifier.Value.ToArray().ShouldBe(builder.SubjectKeyIdentifier!);
        certificate.AuthorityKeyIdentifier.ShouldNotBeNull();
        certificate.AuthorityKeyIdentifier.Value.ToArray().ShouldBe(builder.AuthorityKeyIdentifier!);
    }

    [Fact]
    public void Authority_key_identifier_with_issuer_and_serial_keeps_the_key_identifier()
    {
        var builder = B.Signature();
        builder.AuthorityKeyIdentifier = null;
        var directoryName = B.Tlv(0xA4, B.Tlv(0x30, B.Tlv(0x31, B.Tlv(0x30, [0x06, 0x03, 0x55, 0x04, 0x03, .. B.Tlv(0x0C, "CA"u8)]))));
        builder.AddExtension("2.5.29.35", false, B.Tlv(0x30, [.. B.Tlv(0x80, [1, 2, 3, 4]), .. B.Tlv(0xA1, directoryName), .. B.Tlv(0x82, [0x05])]));

        var certificate = JpkiCertificate.Parse(builder.Build());

        certificate.AuthorityKeyIdentifier.ShouldNotBeNull();
        certificate.AuthorityKeyIdentifier.Value.ToArray().ShouldBe(new byte[] { 1, 2, 3, 4 });
    }

    [Fact]
    public void Absent_key_identifiers_are_null()
    {
        var builder = B.Signature();
        builder.SubjectKeyIdentifier = null;
        builder.AuthorityKeyIdentifier = null;

        var certificate = JpkiCertificate.Parse(builder.Build());

        certificate.SubjectKeyIdentifier.ShouldBeNull();
        certificate.AuthorityKeyIdentifier.ShouldBeNull();
    }

    [Fact]
    public void Extensions_are_listed_in_certificate_order_with_criticality_and_value()
    {
        var builder = B.Signature().AddExtension("1.2.3.4.5.6", true, [0x05, 0x00]);

        var certificate = JpkiCertificate.Parse(builder.Build());

        certificate.Extensions.Select(e => e.Oid).ShouldBe(new[]
        {
            "2.5.29.14", "2.5.29.35", "2.5.29.15", "2.5.29.32", "2.5.29.17", "1.2.3.4.5.6",
        });
        certificate.Extensions.Select(e => e.Critical).ShouldBe(new[] { false, false, true, false, false, true });
        certificate.Extensions[^1].Value.ToArray().ShouldBe(new byte[] { 0x05, 0x00 });
        certificate.Extensions[0].Value.ToArray().ShouldBe(B.Tlv(0x04, builder.SubjectKeyIdentifier!));
    }

    [Fact]
    public void Unknown_critical_extension_is_listed_not_rejected_by_the_parser()
    {
        var certificate = JpkiCertificate.Parse(B.Signature().AddExtension("1.3.6.1.4.1.99999.1", true, B.Tlv(0x0C, "x"u8)).Build());

        certificate.Extensions.ShouldContain(e => e.Oid == "1.3.6.1.4.1.99999.1" && e.Critical);
        certificate.Kind.ShouldBe(JpkiCertificateKind.Signature);
    }

    [Fact]
    public void Der_and_pem_input_parse_to_the_same_certificate()
    {
        var builder = B.Signature();
        var der = builder.Build();
        var pem = PemEncoding.WriteString("CERTIFICATE", der);

        var fromDer = JpkiCertificate.Parse(der);
        var fromPemBytes = JpkiCertificate.Parse(Encoding.ASCII.GetBytes(pem));
        var fromPemString = JpkiCertificate.Parse(pem);
        var fromPemWithWhitespace = JpkiCertificate.Parse(Encoding.ASCII.GetBytes("\r\n  \t" + pem + "\r\n"));
        var fromPemWithCrlf = JpkiCertificate.Parse(pem.Replace("\n", "\r\n", StringComparison.Ordinal));

        foreach (var certificate in new[] { fromPemBytes, fromPemString, fromPemWithWhitespace, fromPemWithCrlf })
        {
            certificate.RawData.ToArray().ShouldBe(der);
            certificate.SerialNumber.ShouldBe(fromDer.SerialNumber);
            certificate.Sha256Thumbprint.ShouldBe(fromDer.Sha256Thumbprint);
            certificate.FourFacts.ShouldBe(fromDer.FourFacts);
        }

        fromDer.ExportPem().ShouldBe(pem);
        fromDer.Sha256Thumbprint.ShouldBe(Convert.ToHexString(SHA256.HashData(der)));
    }

    [Fact]
    public void Pem_string_with_text_and_other_blocks_before_the_certificate_parses()
    {
        var der = B.Signature().Build();
        var pem = "Subject: test\n"
            + PemEncoding.WriteString("X509 CRL", [0x30, 0x00]) + "\n"
            + PemEncoding.WriteString("CERTIFICATE", der) + "\n";

        JpkiCertificate.Parse(pem).RawData.ToArray().ShouldBe(der);
    }

    [Fact]
    public void Platform_certificate_parses_to_the_same_values()
    {
        var der = B.Signature().Build();
        using var platform = X509CertificateLoader.LoadCertificate(der);

        var certificate = JpkiCertificate.FromX509Certificate(platform);

        certificate.RawData.ToArray().ShouldBe(der);
        certificate.FourFacts.ShouldNotBeNull();
        certificate.NotBefore.ShouldBe(new DateTimeOffset(platform.NotBefore.ToUniversalTime(), TimeSpan.Zero));
        certificate.NotAfter.ShouldBe(new DateTimeOffset(platform.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        using var back = certificate.ToX509Certificate2();
        back.RawData.ShouldBe(der);
    }

    [Fact]
    public void Try_parse_returns_the_certificate_or_the_error()
    {
        JpkiCertificate.TryParse(B.Signature().Build(), out var certificate, out var error).ShouldBeTrue();
        certificate.ShouldNotBeNull();
        error.ShouldBeNull();

        JpkiCertificate.TryParse([0x30, 0x03, 0x02, 0x01], out certificate, out error).ShouldBeFalse();
        certificate.ShouldBeNull();
        error.ShouldNotBeNull();
    }
}
