using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace LineGov.Jpki.Tests.Review;

/// <summary>Where a hostile OID goes in a certificate.</summary>
public enum OidPlace
{
    Policy,
    CriticalExtension,
    SignatureAlgorithm,
    PublicKeyAlgorithm,
}

/// <summary>
/// Security review H1, H2, H3, H4 (PEM), M6, L1: hostile certificate encodings are either refused with a typed
/// <see cref="JpkiFormatException"/> or parsed into an object whose every getter and every verifier call answers.
/// </summary>
[Collection(AuthorityCollection.Name)]
public sealed class HostileCertificateReviewTests(AuthorityFixture fixture)
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("{\"program\":\"review\"}");

    public static TheoryData<OidPlace, string> HostileOids()
    {
        var data = new TheoryData<OidPlace, string>();
        foreach (var place in Enum.GetValues<OidPlace>())
        {
            foreach (var shape in new[] { "65 arcs", "66 arcs", "300 arcs", "19-byte arc", "20-byte arc", "64 arcs", "18-byte arc" })
            {
                data.Add(place, shape);
            }
        }

        return data;
    }

    /// <summary>The content bytes of an OID of this shape (arcs counted as in dotted text: 1.2 is two).</summary>
    private static byte[] OidContents(string shape)
    {
        var number = int.Parse(shape.Split(' ', '-')[0], System.Globalization.CultureInfo.InvariantCulture);
        if (shape.EndsWith("arcs", StringComparison.Ordinal))
        {
            // 0x2A is 1.2; every further 0x01 is one more arc.
            return [0x2A, .. Enumerable.Repeat((byte)0x01, number - 2)];
        }

        // 1.2.<one arc of `number` bytes>: 0x81, then 0xFF…, then 0x01.
        return [0x2A, 0x81, .. Enumerable.Repeat((byte)0xFF, number - 2), 0x01];
    }

    private byte[] CertificateWithOid(OidPlace place, byte[] oidTlv)
    {
        var issuer = fixture.Authority.GetCa(JpkiCertificateKind.Signature).Parsed.SubjectName.RawData;
        var extensions = new List<ReviewExtension>
        {
            ReviewExtension.Of(ReviewDer.KeyUsageOid, true, ReviewDer.KeyUsage(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)),
            ReviewExtension.Of(
                ReviewDer.CertificatePoliciesOid,
                false,
                place == OidPlace.Policy
                    ? ReviewDer.Policies(ReviewDer.OidTlv(ReviewDer.SignaturePolicy), oidTlv)
                    : ReviewDer.Policies(ReviewDer.OidTlv(ReviewDer.SignaturePolicy))),
            ReviewExtension.Of(ReviewDer.SubjectAltNameOid, false, ReviewDer.FourFacts()),
        };

        if (place == OidPlace.CriticalExtension)
        {
            extensions.Add(new ReviewExtension(oidTlv, true, [0x05, 0x00]));
        }

        return ReviewDer.BuildCertificate(
            issuer,
            ReviewDer.Name("C=JP, CN=REVIEWH1000000000000001"),
            extensions,
            signatureAlgorithm: place == OidPlace.SignatureAlgorithm ? ReviewDer.AlgorithmFromOidTlv(oidTlv, withNull: false) : null,
            subjectPublicKeyInfo: place == OidPlace.PublicKeyAlgorithm ? ReviewDer.SpkiWithAlgorithm(ReviewDer.AlgorithmFromOidTlv(oidTlv, withNull: true)) : null);
    }

    [Theory]
    [MemberData(nameof(HostileOids))]
    public async Task Oversized_oid_is_refused_typed_or_every_getter_and_verifier_answers(OidPlace place, string shape)
    {
        var der = CertificateWithOid(place, ReviewDer.OidTlvFromContents(OidContents(shape)));

        JpkiCertificate certificate;
        try
        {
            certificate = JpkiCertificate.Parse(der);
        }
        catch (JpkiFormatException)
        {
            // Refused with the documented, typed exception: that is the fix.
            return;
        }

        // Accepted: nothing it exposes may throw.
        certificate.PolicyOids.ShouldAllBe(o => !string.IsNullOrEmpty(o));
        certificate.Extensions.ShouldAllBe(e => !string.IsNullOrEmpty(e.Oid));
        certificate.SignatureAlgorithmOid.ShouldNotBeNullOrEmpty();
        certificate.PublicKeyAlgorithmOid.ShouldNotBeNullOrEmpty();
        certificate.ToString().ShouldNotBeNullOrEmpty();

        var validator = fixture.CreateValidator();
        (await validator.ValidateAsync(certificate)).IsValid.ShouldBeFalse();
        (await validator.ValidateAsync(certificate, AuthorityFixture.NoRevocation with { RequiredKind = JpkiKindRequirement.AnyCertificate })).IsValid.ShouldBeFalse();
        var production = new JpkiCertificateValidator(new JpkiCertificateValidatorOptions { DefaultPolicy = AuthorityFixture.NoRevocation }, timeProvider: fixture.Clock);
        (await production.ValidateAsync(certificate)).IsValid.ShouldBeFalse();

        var signature = ReviewDer.Key.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        (await new JpkiSignatureVerifier(validator).VerifyRawAsync(certificate, Data, signature)).IsValid.ShouldBeFalse();

        var cms = ReviewCms.Build(Data, ReviewCmsSigner.From(certificate, ReviewDer.Key), ReviewCms.StandardAttributes(Data));
        foreach (var platform in new[] { false, true })
        {
            var verifier = new JpkiSignatureVerifier(validator) { ForcePlatformCms = platform };
            (await verifier.VerifyCmsAsync(cms)).IsValid.ShouldBeFalse();
        }
    }

    public static TheoryData<string, byte[]> HostileIssuerNames() => new()
    {
        { "UniversalString", ReviewDer.NameWithRawCommonName([0x1C, 0x04, 0x00, 0x00, 0x00, 0x41]) },
        { "UniversalString with an odd length", ReviewDer.NameWithRawCommonName([0x1C, 0x03, 0x00, 0x00, 0x41]) },
        { "BMPString with a lone surrogate", ReviewDer.NameWithRawCommonName([0x1E, 0x04, 0xD8, 0x00, 0x00, 0x41]) },
        { "UTF8String with invalid bytes", ReviewDer.NameWithRawCommonName([0x0C, 0x03, 0xFF, 0xFE, 0x41]) },
    };

    [Theory]
    [MemberData(nameof(HostileIssuerNames))]
    public async Task Issuer_name_with_an_odd_string_type_gives_unknown_issuer_not_an_exception(string label, byte[] issuer)
    {
        _ = label;
        var certificate = JpkiCertificate.Parse(ReviewDer.BuildCertificate(
            issuer,
            ReviewDer.Name("C=JP, CN=REVIEWH2000000000000001"),
            [ReviewExtension.Of(ReviewDer.KeyUsageOid, true, ReviewDer.KeyUsage(X509KeyUsageFlags.DigitalSignature))]));

        var anyKind = AuthorityFixture.NoRevocation with { RequiredKind = JpkiKindRequirement.AnyCertificate };
        var testStore = fixture.CreateValidator();
        var production = new JpkiCertificateValidator(new JpkiCertificateValidatorOptions { DefaultPolicy = AuthorityFixture.NoRevocation }, timeProvider: fixture.Clock);
        foreach (var validator in new[] { testStore, production })
        {
            foreach (var policy in new[] { AuthorityFixture.NoRevocation, anyKind })
            {
                var result = await validator.ValidateAsync(certificate, policy);

                result.IsValid.ShouldBeFalse();
                result.HasFailure(JpkiValidationFailureReason.UnknownIssuer).ShouldBeTrue(result.ToString());
            }
        }
    }

    public static TheoryData<string, bool, bool> NamesThePlatformRefuses() => new()
    {
        // label, refused name is the subject (else the issuer), platform path forced by ExtraCertificates (else by sha1WithRSA)
        { "subject, sha1WithRSAEncryption", true, false },
        { "issuer, sha1WithRSAEncryption", false, false },
        { "subject, extra certificates", true, true },
    };

    [Theory]
    [MemberData(nameof(NamesThePlatformRefuses))]
    public async Task Certificate_the_platform_cannot_load_on_the_platform_path_is_a_failure_not_an_exception(string label, bool inSubject, bool viaExtraCertificates)
    {
        _ = label;
        var refused = ReviewDer.NameWithRawCommonName([0x33, 0x02, 0x4A, 0x50]);
        var ordinary = ReviewDer.Name("C=JP, CN=REVIEWH3000000000000001");
        var der = ReviewDer.BuildCertificate(
            inSubject ? ordinary : refused,
            inSubject ? refused : ordinary,
            [ReviewExtension.Of(ReviewDer.KeyUsageOid, true, ReviewDer.KeyUsage(X509KeyUsageFlags.DigitalSignature))],
            signatureAlgorithm: viaExtraCertificates ? null : ReviewDer.Algorithm(ReviewDer.Sha1WithRsa));
        Should.Throw<CryptographicException>(() => X509CertificateLoader.LoadCertificate(der)); // the premise: the platform refuses it

        JpkiCertificate certificate;
        try
        {
            certificate = JpkiCertificate.Parse(der);
        }
        catch (JpkiFormatException)
        {
            return;
        }

        using var unrelated = fixture.Authority.GetCa(JpkiCertificateKind.Authentication).Parsed.ToX509Certificate2();
        var policy = AuthorityFixture.NoRevocation with
        {
            RequiredKind = JpkiKindRequirement.AnyCertificate,
            ExtraCertificates = viaExtraCertificates ? [unrelated] : [],
        };

        var result = await fixture.CreateValidator().ValidateAsync(certificate, policy);

        result.Path.ShouldBe(JpkiValidationPath.PlatformChain);
        result.IsValid.ShouldBeFalse();
        result.HasFailure(JpkiValidationFailureReason.UnsupportedAlgorithm).ShouldBeTrue(result.ToString());
    }

    private static byte[] BeginLines(string first, int size)
    {
        var builder = new StringBuilder(first);
        const string line = "-----BEGIN A-----\n";
        while (builder.Length + line.Length <= size)
        {
            builder.Append(line);
        }

        return Encoding.ASCII.GetBytes(builder.ToString());
    }

    [Theory]
    [InlineData("bytes", "")]
    [InlineData("string", "")]
    [InlineData("bytes", "-----BEGIN CERTIFICATE-----\n")]
    [InlineData("trust store file", "")]
    public async Task Pem_of_a_mebibyte_of_begin_lines_without_end_is_refused_quickly(string input, string first)
    {
        var pem = BeginLines(first, JpkiCertificate.MaxEncodedLength - 16);
        var path = Path.Combine(Path.GetTempPath(), $"linegov-review-{Guid.NewGuid():N}.pem");
        if (input == "trust store file")
        {
            await File.WriteAllBytesAsync(path, pem);
        }

        try
        {
            var stopwatch = Stopwatch.StartNew();
            var error = input switch
            {
                "bytes" => Should.Throw<JpkiFormatException>(() => JpkiCertificate.Parse(pem)),
                "string" => Should.Throw<JpkiFormatException>(() => JpkiCertificate.Parse(Encoding.ASCII.GetString(pem))),
                _ => await Should.ThrowAsync<JpkiFormatException>(() => JpkiTrustStore.Empty.WithAnchorsFromAsync(path)),
            };
            stopwatch.Stop();

            error.ShouldNotBeNull();
            stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "a blow-up, not a slow machine: these inputs take milliseconds");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(128)]
    [InlineData(200)]
    [InlineData(255)]
    [InlineData(256)]
    public void Crl_distribution_point_uri_of_a_two_byte_length_parses(int length)
    {
        const string prefix = "http://crl.example.jp/";
        var uri = prefix + new string('a', length - prefix.Length);
        var der = ReviewDer.BuildCertificate(
            ReviewDer.Name("C=JP, CN=Review CA"),
            ReviewDer.Name("C=JP, CN=REVIEWM6000000000000001"),
            [ReviewExtension.Of(ReviewDer.CrlDistributionPointsOid, false, ReviewDer.CrlDistributionPointUri(uri))]);

        var certificate = JpkiCertificate.Parse(der);

        var point = certificate.CrlDistributionPoints.ShouldHaveSingleItem();
        point.Uris.ShouldHaveSingleItem().AbsoluteUri.ShouldBe(uri);
    }

    public static TheoryData<string> PemCarriers() => new() { "unknown extension", "subjectAltName URI" };

    [Theory]
    [MemberData(nameof(PemCarriers))]
    public async Task Der_carrying_pem_text_of_another_certificate_parses_as_itself(string carrier)
    {
        using var victim = fixture.Authority.IssueCard();
        var pem = "\n" + victim.SignatureCertificate.ExportPem() + "\n";
        var extension = carrier == "unknown extension"
            ? ReviewExtension.Of("1.3.6.1.4.1.55555.9.1", false, ReviewDer.Octets(Encoding.ASCII.GetBytes(pem)))
            : ReviewExtension.Of(ReviewDer.SubjectAltNameOid, false, ReviewDer.SubjectAltNameUri("http://example.jp/" + pem));
        var der = ReviewDer.BuildCertificate(ReviewDer.Name("C=JP, CN=Y issuer"), ReviewDer.Name("C=JP, CN=Y"), [extension]);
        der.AsSpan().IndexOf("-----BEGIN CERTIFICATE-----"u8).ShouldBeGreaterThan(0);
        var expected = Convert.ToHexString(SHA256.HashData(der));

        var parsed = JpkiCertificate.Parse(der);

        parsed.Sha256Thumbprint.ShouldBe(expected);
        parsed.Sha256Thumbprint.ShouldNotBe(victim.SignatureCertificate.Sha256Thumbprint);
        parsed.FourFacts.ShouldBeNull();
        JpkiCertificate.TryParse(der, out var tried, out _).ShouldBeTrue();
        tried!.Sha256Thumbprint.ShouldBe(expected);

        // A trust-store file holding these DER bytes adds the DER certificate, not the embedded one.
        var path = Path.Combine(Path.GetTempPath(), $"linegov-review-{Guid.NewGuid():N}.der");
        await File.WriteAllBytesAsync(path, der);
        try
        {
            var store = await JpkiTrustStore.Empty.WithAnchorsFromAsync(path);
            store.Anchors.ShouldHaveSingleItem().Sha256Thumbprint.ShouldBe(expected);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
