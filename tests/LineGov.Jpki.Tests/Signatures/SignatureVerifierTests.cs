using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using LineGov.Jpki.Testing;

namespace LineGov.Jpki.Tests.Signatures;

[Collection(AuthorityCollection.Name)]
public sealed class SignatureVerifierTests(AuthorityFixture fixture)
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("{\"program\":\"tohma-2026\",\"household\":\"申請\"}");

    private JpkiSignatureVerifier CreateVerifier(bool platformCms = false) =>
        new(fixture.CreateValidator()) { ForcePlatformCms = platformCms };

    [Fact]
    public async Task Raw_signature_over_data_verifies_and_yields_the_applicant()
    {
        using var card = fixture.Authority.IssueCard();
        var result = await CreateVerifier().VerifyRawAsync(card.SignatureCertificate, Data, card.SignRaw(Data));

        result.IsValid.ShouldBeTrue(result.ToString());
        result.Applicant!.FourFacts!.Name.FullName.ShouldBe(JpkiTestIdentity.Default.Name);
        result.Applicant.Kind.ShouldBe(JpkiCertificateKind.Signature);
        result.Applicant.VerifiedAt.ShouldBe(fixture.Clock.GetUtcNow());
        result.Content.ToArray().ShouldBe(Data);
    }

    [Fact]
    public async Task Raw_signature_over_a_digest_made_by_the_card_verifies()
    {
        using var card = fixture.Authority.IssueCard();
        var digest = SHA256.HashData(Data);
        var result = await CreateVerifier().VerifyRawDigestAsync(card.SignatureCertificate, digest, card.SignDigest(digest));

        result.IsValid.ShouldBeTrue(result.ToString());
    }

    [Fact]
    public async Task Raw_signature_over_other_data_is_rejected()
    {
        using var card = fixture.Authority.IssueCard();
        var tampered = Data.ToArray();
        tampered[3] ^= 1;
        var result = await CreateVerifier().VerifyRawAsync(card.SignatureCertificate, tampered, card.SignRaw(Data));

        result.IsValid.ShouldBeFalse();
        result.HasFailure(JpkiSignatureFailureReason.SignatureInvalid).ShouldBeTrue();
        result.Applicant.ShouldBeNull();
        result.CertificateValidation!.IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task Raw_signature_by_another_card_is_rejected()
    {
        using var card = fixture.Authority.IssueCard();
        using var other = fixture.Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { Key = RSA.Create(2048) });
        var result = await CreateVerifier().VerifyRawAsync(card.SignatureCertificate, Data, other.SignRaw(Data));

        result.HasFailure(JpkiSignatureFailureReason.SignatureInvalid).ShouldBeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(257)]
    public async Task Raw_signature_of_the_wrong_length_is_malformed(int length)
    {
        using var card = fixture.Authority.IssueCard();
        var result = await CreateVerifier().VerifyRawAsync(card.SignatureCertificate, Data, new byte[length]);

        result.HasFailure(JpkiSignatureFailureReason.Malformed).ShouldBeTrue();
    }

    [Fact]
    public async Task Valid_signature_with_an_invalid_certificate_is_rejected_with_both_verdicts()
    {
        var key = RSA.Create(2048);
        using var certificate = fixture.Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, new JpkiTestCertificateOptions { Key = key, Defects = JpkiTestDefects.Expired });
        var parsed = JpkiCertificate.FromX509Certificate(certificate);
        var result = await CreateVerifier().VerifyRawAsync(parsed, Data, key.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        result.IsValid.ShouldBeFalse();
        result.HasFailure(JpkiSignatureFailureReason.CertificateInvalid).ShouldBeTrue();
        result.HasFailure(JpkiSignatureFailureReason.SignatureInvalid).ShouldBeFalse();
        result.CertificateValidation!.HasFailure(JpkiValidationFailureReason.Expired).ShouldBeTrue();
    }

    [Fact]
    public async Task Authentication_signature_does_not_prove_the_four_facts()
    {
        using var card = fixture.Authority.IssueCard();
        var result = await CreateVerifier().VerifyRawAsync(card.AuthenticationCertificate, Data, card.Authenticate(Data));

        result.IsValid.ShouldBeFalse();
        result.CertificateValidation!.HasFailure(JpkiValidationFailureReason.WrongKind).ShouldBeTrue();

        var login = await CreateVerifier().VerifyRawAsync(card.AuthenticationCertificate, Data, card.Authenticate(Data), AuthorityFixture.NoRevocation with { RequiredKind = JpkiKindRequirement.Authentication });
        login.IsValid.ShouldBeTrue(login.ToString());
        login.Applicant!.FourFacts.ShouldBeNull();
    }

    public static TheoryData<bool, bool, bool, SubjectIdentifierType, string> CmsVariants()
    {
        var data = new TheoryData<bool, bool, bool, SubjectIdentifierType, string>();
        foreach (var platform in new[] { false, true })
        {
            foreach (var detached in new[] { false, true })
            {
                foreach (var signingTime in new[] { false, true })
                {
                    data.Add(platform, detached, signingTime, SubjectIdentifierType.IssuerAndSerialNumber, "SHA256");
                }
            }

            data.Add(platform, false, true, SubjectIdentifierType.SubjectKeyIdentifier, "SHA256");
            data.Add(platform, true, true, SubjectIdentifierType.IssuerAndSerialNumber, "SHA384");
            data.Add(platform, false, true, SubjectIdentifierType.IssuerAndSerialNumber, "SHA512");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CmsVariants))]
    public async Task Cms_signature_verifies_on_both_paths(bool platform, bool detached, bool signingTime, SubjectIdentifierType identifier, string digest)
    {
        using var card = fixture.Authority.IssueCard();
        var cms = card.SignCms(Data, new JpkiCmsSigningOptions { Detached = detached, IncludeSigningTime = signingTime, SignerIdentifier = identifier, DigestAlgorithm = new HashAlgorithmName(digest) });
        var verifier = CreateVerifier(platform);

        var result = detached ? await verifier.VerifyDetachedCmsAsync(cms, Data) : await verifier.VerifyCmsAsync(cms);

        result.IsValid.ShouldBeTrue(result.ToString());
        result.Content.ToArray().ShouldBe(Data);
        if (signingTime)
        {
            result.SigningTime.ShouldNotBeNull();
        }

        var tampered = Data.ToArray();
        tampered[^2] ^= 0x20;
        if (detached)
        {
            (await verifier.VerifyDetachedCmsAsync(cms, tampered)).IsValid.ShouldBeFalse();
            (await verifier.VerifyCmsAsync(cms)).HasFailure(JpkiSignatureFailureReason.ContentMissing).ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cms_without_the_signer_certificate_uses_the_one_given(bool platform)
    {
        using var card = fixture.Authority.IssueCard();
        var cms = card.SignCms(Data, new JpkiCmsSigningOptions { IncludeCertificate = false });
        var verifier = CreateVerifier(platform);

        (await verifier.VerifyCmsAsync(cms)).HasFailure(JpkiSignatureFailureReason.SignerCertificateMissing).ShouldBeTrue();
        (await verifier.VerifyCmsAsync(cms, certificate: card.SignatureCertificate)).IsValid.ShouldBeTrue();

        using var other = fixture.Authority.IssueCard();
        (await verifier.VerifyCmsAsync(cms, certificate: other.SignatureCertificate)).IsValid.ShouldBeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cms_carrying_another_certificate_than_the_one_given_is_a_signer_mismatch(bool platform)
    {
        using var card = fixture.Authority.IssueCard();
        using var other = fixture.Authority.IssueCard();
        var cms = card.SignCms(Data);

        var result = await CreateVerifier(platform).VerifyCmsAsync(cms, other.SignatureCertificate);

        result.HasFailure(JpkiSignatureFailureReason.SignerMismatch).ShouldBeTrue(result.ToString());
        (await CreateVerifier(platform).VerifyCmsAsync(cms, card.SignatureCertificate)).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tampered_attached_cms_is_rejected(bool platform)
    {
        using var card = fixture.Authority.IssueCard();
        var cms = card.SignCms(Data);
        var index = cms.AsSpan().IndexOf(Data.AsSpan(0, 8));
        cms[index + 2] ^= 0x01;

        var result = await CreateVerifier(platform).VerifyCmsAsync(cms);

        result.IsValid.ShouldBeFalse();
        (result.HasFailure(JpkiSignatureFailureReason.MessageDigestMismatch) || result.HasFailure(JpkiSignatureFailureReason.SignatureInvalid)).ShouldBeTrue(result.ToString());
    }

    [Fact]
    public async Task Cms_with_two_signers_is_refused()
    {
        using var card = fixture.Authority.IssueCard();
        using var otherKey = RSA.Create(2048);
        using var otherSigner = new CertificateRequest("CN=second signer", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(fixture.Clock.GetUtcNow().AddDays(-1), fixture.Clock.GetUtcNow().AddDays(1));
        var cms = new SignedCms();
        cms.Decode(card.SignCms(Data));
        cms.ComputeSignature(new CmsSigner(otherSigner), silent: true);

        var result = await CreateVerifier().VerifyCmsAsync(cms.Encode());

        result.IsValid.ShouldBeFalse();
        result.HasFailure(JpkiSignatureFailureReason.Malformed).ShouldBeTrue(result.ToString());
    }

    [Fact]
    public async Task Garbage_cms_is_malformed_not_an_exception()
    {
        var result = await CreateVerifier().VerifyCmsAsync(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 });

        result.HasFailure(JpkiSignatureFailureReason.Malformed).ShouldBeTrue();
    }

    /// <summary>
    /// Under mutation, our CMS reading agrees with SignedCms (an independent implementation) on signature validity,
    /// except where our profile is deliberately stricter; it never accepts what SignedCms rejects.
    /// </summary>
    [Fact]
    public async Task Direct_cms_reader_agrees_with_signed_cms_on_mutated_messages()
    {
        using var card = fixture.Authority.IssueCard();
        var verifier = CreateVerifier();
        var original = card.SignCms(Data, new JpkiCmsSigningOptions { Detached = true });
        var random = new Random(20261122);
        var disagreements = new List<string>();
        var compared = 0;
        for (var i = 0; i < 2000; i++)
        {
            var mutated = original.ToArray();
            var position = random.Next(mutated.Length);
            mutated[position] ^= (byte)(1 << random.Next(8));

            var ours = await verifier.VerifyDetachedCmsAsync(mutated, Data);
            if (ours.HasFailure(JpkiSignatureFailureReason.Malformed) && ours.Failures[0].Message.Contains("certificate", StringComparison.Ordinal))
            {
                // Our certificate reader is stricter than SignedCms's (JPKI values are checked): nothing to compare.
                continue;
            }

            if (OracleVerifies(mutated, Data) is not { } oracle)
            {
                continue;
            }

            compared++;
            var oursValid = ours.Failures.All(f => f.Reason == JpkiSignatureFailureReason.CertificateInvalid) && ours.CertificateValidation is not null;
            // We are stricter than SignedCms on purpose (contentType must name the content type, SHA-2 only…), never laxer.
            var stricterByDesign = !oursValid && oracle && ours.HasFailure(JpkiSignatureFailureReason.Malformed);
            if (oursValid != oracle && !stricterByDesign)
            {
                disagreements.Add($"iteration {i}, byte {position}: ours {ours}, SignedCms {oracle}: {Convert.ToHexString(mutated)}");
            }
        }

        disagreements.ShouldBeEmpty();
        compared.ShouldBeGreaterThan(1200);
    }

    /// <summary>
    /// Signature-only validity by SignedCms, with the certificate the message carries (whatever its own validity);
    /// null when SignedCms cannot read that certificate (its name decoding is stricter than ours), so nothing is compared.
    /// </summary>
    private static bool? OracleVerifies(byte[] cms, byte[] content)
    {
        SignedCms signed;
        try
        {
            signed = new SignedCms(new ContentInfo(content), detached: true);
            signed.Decode(cms);
            if (signed.SignerInfos.Count != 1)
            {
                return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }

        if (!CertificateIsReadable(signed))
        {
            return null;
        }

        try
        {
            signed.SignerInfos[0].CheckSignature(verifySignatureOnly: true);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool CertificateIsReadable(SignedCms signed)
    {
        try
        {
            using var key = signed.SignerInfos[0].Certificate?.GetRSAPublicKey();
            return key is not null;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
