using System.Diagnostics;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using LineGov.Jpki.Testing;

namespace LineGov.Jpki.Tests.Review;

/// <summary>
/// Security review H4 (CMS caps), M2 (weak digests), M3 (signed attributes), L8 (empty content): the same verdict on the
/// direct reader and on the <see cref="SignedCms"/> fallback, so forcing the fallback gains an attacker nothing.
/// </summary>
[Collection(AuthorityCollection.Name)]
public sealed class CmsReviewTests(AuthorityFixture fixture)
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("{\"program\":\"review\",\"amount\":10000}");

    private JpkiSignatureVerifier Verifier(bool platform) => new(fixture.CreateValidator()) { ForcePlatformCms = platform };

    /// <summary>A signature certificate of the test authority whose private key the test holds.</summary>
    private (X509Certificate2 Certificate, ReviewCmsSigner Signer) IssueSigner()
    {
        var certificate = fixture.Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, new JpkiTestCertificateOptions { Key = ReviewDer.Key });
        return (certificate, ReviewCmsSigner.From(certificate, ReviewDer.Key));
    }

    private static void ShouldBeRejectedForTheMessage(JpkiSignatureResult result)
    {
        result.IsValid.ShouldBeFalse();
        result.Applicant.ShouldBeNull();
        result.Failures.ShouldContain(f => f.Reason != JpkiSignatureFailureReason.CertificateInvalid, result.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Hand_built_cms_with_the_standard_attributes_is_valid_on_both_paths(bool platform)
    {
        var (certificate, signer) = IssueSigner();
        using var _ = certificate;
        var attributes = ReviewCms.StandardAttributes(Content).Append(new ReviewCmsAttribute(ReviewCms.SigningTimeOid, ReviewCms.Time(fixture.Clock.GetUtcNow()))).ToArray();

        var result = await Verifier(platform).VerifyCmsAsync(ReviewCms.Build(Content, signer, attributes));

        result.IsValid.ShouldBeTrue(result.ToString());
        result.Content.ToArray().ShouldBe(Content);
    }

    public static TheoryData<string, bool> SignedAttributeCases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in new[]
        {
            "no contentType",
            "contentType differs from eContentType",
            "duplicate contentType",
            "non-data eContentType without signed attributes",
            "signingTime with two values",
            "duplicate signingTime",
            "no messageDigest",
            "duplicate messageDigest",
            "messageDigest with two values",
        })
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SignedAttributeCases))]
    public async Task Cms_with_contradictory_or_missing_signed_attributes_is_never_valid(string name, bool platform)
    {
        var (certificate, signer) = IssueSigner();
        using var _ = certificate;
        var contentType = new ReviewCmsAttribute(ReviewCms.ContentTypeOid, ReviewDer.OidTlv(ReviewCms.DataOid));
        var digest = ReviewDer.Octets(SHA256.HashData(Content));
        var otherDigest = ReviewDer.Octets(SHA256.HashData(Encoding.UTF8.GetBytes("another document")));
        var messageDigest = new ReviewCmsAttribute(ReviewCms.MessageDigestOid, digest);
        var now = fixture.Clock.GetUtcNow();
        var cms = name switch
        {
            "no contentType" => ReviewCms.Build(Content, signer, [messageDigest]),
            "contentType differs from eContentType" => ReviewCms.Build(Content, signer, [contentType, messageDigest], eContentType: ReviewCms.OtherContentOid),
            "duplicate contentType" => ReviewCms.Build(Content, signer, [contentType, contentType, messageDigest]),
            "non-data eContentType without signed attributes" => ReviewCms.Build(Content, signer, null, eContentType: ReviewCms.OtherContentOid),
            "signingTime with two values" => ReviewCms.Build(Content, signer, [contentType, messageDigest, new(ReviewCms.SigningTimeOid, ReviewCms.Time(now), ReviewCms.Time(now.AddYears(-5)))]),
            "duplicate signingTime" => ReviewCms.Build(Content, signer, [contentType, messageDigest, new(ReviewCms.SigningTimeOid, ReviewCms.Time(now)), new(ReviewCms.SigningTimeOid, ReviewCms.Time(now.AddYears(-5)))]),
            "no messageDigest" => ReviewCms.Build(Content, signer, [contentType]),
            "duplicate messageDigest" => ReviewCms.Build(Content, signer, [contentType, messageDigest, new(ReviewCms.MessageDigestOid, otherDigest)]),
            "messageDigest with two values" => ReviewCms.Build(Content, signer, [contentType, new(ReviewCms.MessageDigestOid, digest, otherDigest)]),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var result = await Verifier(platform).VerifyCmsAsync(cms);

        ShouldBeRejectedForTheMessage(result);
    }

    public static TheoryData<string, string, bool> WeakDigestCases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (digest, builder) in new[] { ("SHA1", "SignedCms"), ("SHA1", "hand-built"), ("MD5", "SignedCms"), ("MD5", "hand-built"), ("MD5", "hand-built without attributes") })
        {
            data.Add(digest, builder, false);
            data.Add(digest, builder, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WeakDigestCases))]
    public async Task Cms_with_a_sha1_or_md5_digest_is_an_unsupported_algorithm_on_both_paths(string digest, string builder, bool platform)
    {
        var (certificate, signer) = IssueSigner();
        using var _ = certificate;
        var (hash, oid) = digest == "SHA1" ? (HashAlgorithmName.SHA1, ReviewCms.Sha1Oid) : (HashAlgorithmName.MD5, ReviewCms.Md5Oid);
        byte[] cms;
        if (builder == "SignedCms")
        {
            using var withKey = certificate.CopyWithPrivateKey(ReviewDer.Key);
            var signedCms = new SignedCms(new ContentInfo(Content));
            signedCms.ComputeSignature(new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, withKey) { DigestAlgorithm = new Oid(oid) }, silent: true);
            cms = signedCms.Encode();
        }
        else
        {
            ReviewCmsAttribute[]? attributes = builder.EndsWith("without attributes", StringComparison.Ordinal)
                ? null
                :
                [
                    new(ReviewCms.ContentTypeOid, ReviewDer.OidTlv(ReviewCms.DataOid)),
                    new(ReviewCms.MessageDigestOid, ReviewDer.Octets(CryptographicOperations.HashData(hash, Content))),
                ];
            cms = ReviewCms.Build(Content, signer, attributes, digestOid: oid, signatureHash: hash);
        }

        var result = await Verifier(platform).VerifyCmsAsync(cms);

        result.IsValid.ShouldBeFalse();
        result.HasFailure(JpkiSignatureFailureReason.UnsupportedAlgorithm).ShouldBeTrue(result.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Attached_cms_with_empty_content_is_content_missing_on_both_paths(bool platform)
    {
        // SignedCms refuses to sign empty content, so the message is written by hand (the eContent OCTET STRING is empty).
        var (certificate, signer) = IssueSigner();
        using var _ = certificate;
        var cms = ReviewCms.Build([], signer, ReviewCms.StandardAttributes([]));

        var result = await Verifier(platform).VerifyCmsAsync(cms);

        result.IsValid.ShouldBeFalse();
        result.HasFailure(JpkiSignatureFailureReason.ContentMissing).ShouldBeTrue(result.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cms_larger_than_the_limit_is_malformed_even_when_its_signature_verifies(bool platform)
    {
        using var card = fixture.Authority.IssueCard();
        var cms = card.SignCms(new byte[JpkiSignatureVerifier.MaxCmsLength]);
        cms.Length.ShouldBeGreaterThan(JpkiSignatureVerifier.MaxCmsLength);

        var result = await Verifier(platform).VerifyCmsAsync(cms);

        result.IsValid.ShouldBeFalse();
        result.HasFailure(JpkiSignatureFailureReason.Malformed).ShouldBeTrue(result.ToString());
    }

    private List<byte[]> OtherCertificates(int count)
    {
        var certificates = fixture.Authority.Roots.Select(r => r.RawData.ToArray()).ToList();
        while (certificates.Count < count)
        {
            using var extra = fixture.Authority.IssueAuthenticationCertificate();
            certificates.Add(extra.RawData);
        }

        return certificates.Take(count).ToList();
    }

    [Theory]
    [InlineData(7, true)]
    [InlineData(8, false)]
    [InlineData(20, false)]
    public async Task Cms_carrying_more_than_eight_certificates_is_malformed(int besidesTheSigner, bool valid)
    {
        var (certificate, signer) = IssueSigner();
        using var _ = certificate;
        var cms = ReviewCms.Build(Content, signer, ReviewCms.StandardAttributes(Content), certificates: [signer.Certificate, .. OtherCertificates(besidesTheSigner)]);

        var result = await Verifier(platform: false).VerifyCmsAsync(cms);

        result.IsValid.ShouldBe(valid, result.ToString());
        if (!valid)
        {
            result.HasFailure(JpkiSignatureFailureReason.Malformed).ShouldBeTrue(result.ToString());
        }
    }

    [Fact]
    public async Task Cms_whose_certificates_are_megabytes_of_pem_lines_is_rejected_quickly()
    {
        var text = new StringBuilder("\n-----BEGIN CERTIFICATE-----\n");
        while (text.Length < (1 << 20) - 64)
        {
            text.Append("-----BEGIN A-----\n");
        }

        var junk = Encoding.ASCII.GetBytes(text.ToString());
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.7.2");
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf())
                {
                    writer.WriteEncodedValue(ReviewDer.Algorithm(ReviewCms.Sha256Oid));
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(ReviewCms.DataOid);
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        writer.WriteOctetString(Content);
                    }
                }

                using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    for (var i = 0; i < 4; i++)
                    {
                        junk[^1] = (byte)('0' + i); // distinct SET members
                        using (writer.PushSequence())
                        {
                            writer.WriteOctetString(junk);
                        }
                    }
                }

                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteInteger(1);
                    using (writer.PushSequence())
                    {
                        writer.WriteEncodedValue(ReviewDer.Name("CN=x"));
                        writer.WriteInteger(1);
                    }

                    writer.WriteEncodedValue(ReviewDer.Algorithm(ReviewCms.Sha256Oid));
                    writer.WriteEncodedValue(ReviewDer.Algorithm(ReviewDer.RsaEncryption));
                    writer.WriteOctetString(new byte[256]);
                }
            }
        }

        var cms = writer.Encode();
        var stopwatch = Stopwatch.StartNew();

        var result = await Verifier(platform: false).VerifyCmsAsync(cms);

        stopwatch.Stop();
        result.IsValid.ShouldBeFalse();
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "a blow-up, not a slow machine: these inputs take milliseconds");
    }
}
