using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using LineGov.Jpki.Testing;
using LineGov.Jpki.Tests.Revocation;

namespace LineGov.Jpki.Tests.Review;

/// <summary>
/// Security review H5 (anchors trusted per kind), M1 (no revocation lookup for a bad signature), M5 (responder clock
/// skew) and the fail-closed handling of an undefined revocation mode.
/// </summary>
[Collection(AuthorityCollection.Name)]
public sealed class TrustAndRevocationReviewTests(AuthorityFixture fixture)
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("{\"program\":\"review\",\"amount\":40000}");

    private static readonly JpkiValidationPolicy Required = JpkiValidationPolicy.Default;

    /// <summary>Another PKI's root (not named like a J-LIS CA) and a leaf it issued that is shaped exactly like a JPKI signature certificate.</summary>
    private static (JpkiCertificate Root, JpkiCertificate Leaf) OtherPki()
    {
        var rootName = ReviewDer.Name("C=JP, O=Some Other Private CA, CN=Staff Root");
        byte[] keyId = [0x0A, 0x1B, 0x2C, 0x3D, 0x4E, 0x5F, 0x60, 0x71];
        var root = ReviewDer.BuildCertificate(
            rootName,
            rootName,
            [
                ReviewExtension.Of("2.5.29.19", true, new X509BasicConstraintsExtension(true, false, 0, true).RawData),
                ReviewExtension.Of(ReviewDer.KeyUsageOid, true, ReviewDer.KeyUsage(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign)),
                ReviewExtension.Of("2.5.29.14", false, ReviewDer.Octets(keyId)),
            ],
            serial: [0x01, 0x00, 0x01]);
        var leaf = ReviewDer.BuildCertificate(
            rootName,
            ReviewDer.Name("C=JP, L=Chiyoda-ku, CN=REVIEWH5000000000000001"),
            [
                ReviewExtension.Of(ReviewDer.KeyUsageOid, true, ReviewDer.KeyUsage(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)),
                ReviewExtension.Of(ReviewDer.CertificatePoliciesOid, false, ReviewDer.Policies(ReviewDer.OidTlv(ReviewDer.SignaturePolicy))),
                ReviewExtension.Of(ReviewDer.SubjectAltNameOid, false, ReviewDer.FourFacts()),
                ReviewExtension.Of("2.5.29.35", false, ReviewDer.Tlv(0x30, ReviewDer.Tlv(0x80, keyId))),
            ],
            serial: [0x02, 0x00, 0x02]);
        return (JpkiCertificate.Parse(root), JpkiCertificate.Parse(leaf));
    }

    private JpkiCertificateValidator Validator(JpkiTrustStore store, IJpkiRevocationChecker? checker = null) =>
        new(new JpkiCertificateValidatorOptions { TrustStore = store, DefaultPolicy = Required }, checker, fixture.Clock);

    [Fact]
    public async Task Root_added_without_a_use_cannot_issue_a_resident_signature_certificate()
    {
        var (root, leaf) = OtherPki();
        leaf.Kind.ShouldBe(JpkiCertificateKind.Signature);
        leaf.FourFacts.ShouldNotBeNull();
        var store = JpkiTrustStore.Production.With(root);
        store.Anchors.Single(a => a.Sha256Thumbprint == root.Sha256Thumbprint).Use.ShouldBe(JpkiAnchorUse.OtherCertificates);
        var checker = new RecordingRevocationChecker();
        var validator = Validator(store, checker);

        var validation = await validator.ValidateAsync(leaf);
        var signature = await new JpkiSignatureVerifier(validator).VerifyRawAsync(leaf, Data, ReviewDer.Key.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        validation.IsValid.ShouldBeFalse();
        validation.HasFailure(JpkiValidationFailureReason.AnchorNotTrustedForKind).ShouldBeTrue(validation.ToString());
        signature.IsValid.ShouldBeFalse();
        signature.Applicant.ShouldBeNull();
        signature.HasFailure(JpkiSignatureFailureReason.CertificateInvalid).ShouldBeTrue();
    }

    [Fact]
    public async Task Same_root_added_for_signature_use_validates_so_the_rule_is_about_use_not_names()
    {
        var (root, leaf) = OtherPki();
        var store = JpkiTrustStore.Empty.With([root], JpkiAnchorUse.Signature);
        store.Anchors.ShouldHaveSingleItem().Use.ShouldBe(JpkiAnchorUse.Signature);
        var validator = Validator(store, new RecordingRevocationChecker());

        var validation = await validator.ValidateAsync(leaf);
        var signature = await new JpkiSignatureVerifier(validator).VerifyRawAsync(leaf, Data, ReviewDer.Key.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        validation.IsValid.ShouldBeTrue(validation.ToString());
        signature.IsValid.ShouldBeTrue(signature.ToString());
        signature.Applicant!.FourFacts.ShouldNotBeNull();
    }

    [Fact]
    public async Task Root_added_without_a_use_still_validates_other_certificates()
    {
        var (root, leaf) = OtherPki();
        var validator = Validator(JpkiTrustStore.Empty.With(root));

        var result = await validator.ValidateAsync(leaf, AuthorityFixture.NoRevocation with { RequiredKind = JpkiKindRequirement.AnyCertificate });

        result.IsValid.ShouldBeTrue(result.ToString());
    }

    [Fact]
    public void Embedded_production_anchors_are_trusted_for_the_kind_their_file_names()
    {
        var anchors = JpkiTrustStore.Production.Anchors;

        anchors.Count.ShouldBe(4);
        foreach (var anchor in anchors)
        {
            anchor.Source.ShouldBe(JpkiTrustAnchorSource.EmbeddedProduction);
            var expected = anchor.Label.StartsWith("sign_", StringComparison.Ordinal) ? JpkiAnchorUse.Signature
                : anchor.Label.StartsWith("auth_", StringComparison.Ordinal) ? JpkiAnchorUse.Authentication
                : JpkiAnchorUse.None;
            anchor.Use.ShouldBe(expected, anchor.Label);
        }

        anchors.Count(a => a.Use == JpkiAnchorUse.Signature).ShouldBe(2);
        anchors.Count(a => a.Use == JpkiAnchorUse.Authentication).ShouldBe(2);
    }

    public static TheoryData<string> BadSignatures() => new()
    {
        "raw, all zeros",
        "raw, over other data",
        "raw digest, all zeros",
        "detached cms, other content",
        "detached cms, platform, other content",
        "attached cms, corrupted signature",
        "attached cms, platform, corrupted signature",
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Invalid_signature_makes_no_revocation_request(string form)
    {
        var checker = new RecordingRevocationChecker();
        using var card = fixture.Authority.IssueCard();
        var verifier = new JpkiSignatureVerifier(fixture.CreateValidator(checker)) { ForcePlatformCms = form.Contains("platform", StringComparison.Ordinal) };
        var other = Encoding.UTF8.GetBytes("another document");

        var result = form switch
        {
            "raw, all zeros" => await verifier.VerifyRawAsync(card.SignatureCertificate, Data, new byte[256], Required),
            "raw, over other data" => await verifier.VerifyRawAsync(card.SignatureCertificate, Data, card.SignRaw(other), Required),
            "raw digest, all zeros" => await verifier.VerifyRawDigestAsync(card.SignatureCertificate, SHA256.HashData(Data), new byte[256], Required),
            _ when form.StartsWith("detached", StringComparison.Ordinal) =>
                await verifier.VerifyDetachedCmsAsync(card.SignCms(Data, new JpkiCmsSigningOptions { Detached = true }), other, policy: Required),
            _ => await verifier.VerifyCmsAsync(Corrupt(card.SignCms(Data)), policy: Required),
        };

        result.IsValid.ShouldBeFalse();
        result.Applicant.ShouldBeNull();
        checker.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Valid_signature_does_ask_the_revocation_checker_once()
    {
        var checker = new RecordingRevocationChecker();
        using var card = fixture.Authority.IssueCard();
        var verifier = new JpkiSignatureVerifier(fixture.CreateValidator(checker));

        var raw = await verifier.VerifyRawAsync(card.SignatureCertificate, Data, card.SignRaw(Data), Required);

        raw.IsValid.ShouldBeTrue(raw.ToString());
        checker.Requests.ShouldHaveSingleItem();
    }

    /// <summary>Flips a bit of the CMS signature value (the last bytes of a SignedCms encoding without unsigned attributes).</summary>
    private static byte[] Corrupt(byte[] cms)
    {
        var copy = cms.ToArray();
        copy[^5] ^= 0x01;
        return copy;
    }

    [Fact]
    public async Task Revocation_dated_30_seconds_after_the_clock_still_revokes()
    {
        var checker = new RecordingRevocationChecker();
        using var card = fixture.Authority.IssueCard();
        checker.Answers[card.SignatureCertificate.SerialNumber] = JpkiRevocationStatus.Revoked("ocsp:review", fixture.Clock.GetUtcNow().AddSeconds(30), X509RevocationReason.KeyCompromise);
        var validator = fixture.CreateValidator(checker);

        var now = await validator.ValidateAsync(card.SignatureCertificate, Required);
        var anHourEarlier = await validator.ValidateAsync(card.SignatureCertificate, Required with { VerificationTime = fixture.Clock.GetUtcNow().AddHours(-1) });

        now.IsValid.ShouldBeFalse();
        now.HasFailure(JpkiValidationFailureReason.Revoked).ShouldBeTrue(now.ToString());
        anHourEarlier.IsValid.ShouldBeTrue(anHourEarlier.ToString());
    }

    [Theory]
    [InlineData(42)]
    [InlineData(-1)]
    [InlineData(3)]
    public async Task Undefined_revocation_mode_without_a_checker_fails_closed(int mode)
    {
        using var card = fixture.Authority.IssueCard();
        var policy = Required with { RevocationMode = (JpkiRevocationMode)mode };

        var result = await fixture.CreateValidator().ValidateAsync(card.SignatureCertificate, policy);

        result.IsValid.ShouldBeFalse();
        result.HasFailure(JpkiValidationFailureReason.RevocationUnknown).ShouldBeTrue(result.ToString());
        result.RevocationChecked.ShouldBeFalse();
    }
}
