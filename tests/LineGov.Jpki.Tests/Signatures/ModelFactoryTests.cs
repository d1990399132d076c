namespace LineGov.Jpki.Tests.Signatures;

/// <summary>The verifiers' methods are virtual and JpkiModelFactory builds their results, so users can fake them.</summary>
[Collection(AuthorityCollection.Name)]
public sealed class ModelFactoryTests(AuthorityFixture fixture)
{
    private sealed class AlwaysValidVerifier(JpkiCertificateValidator validator) : JpkiSignatureVerifier(validator)
    {
        public override ValueTask<JpkiSignatureResult> VerifyRawAsync(JpkiCertificate certificate, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> signature, JpkiValidationPolicy? policy = null, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(JpkiModelFactory.SignatureResult(JpkiModelFactory.ValidationResult(certificate, DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public async Task A_fake_verifier_returns_factory_made_results()
    {
        using var card = fixture.Authority.IssueCard();
        var verifier = new AlwaysValidVerifier(fixture.CreateValidator());

        var result = await verifier.VerifyRawAsync(card.SignatureCertificate, "x"u8.ToArray(), new byte[256]);

        result.IsValid.ShouldBeTrue();
        result.Applicant!.FourFacts.ShouldBe(card.SignatureCertificate.FourFacts);
    }

    [Fact]
    public void Factory_results_with_failures_are_invalid()
    {
        using var card = fixture.Authority.IssueCard();
        var validation = JpkiModelFactory.ValidationResult(card.SignatureCertificate, DateTimeOffset.UnixEpoch, [new JpkiValidationFailure(JpkiValidationFailureReason.Revoked, "revoked")]);

        validation.IsValid.ShouldBeFalse();
        JpkiModelFactory.SignatureResult(validation).HasFailure(JpkiSignatureFailureReason.CertificateInvalid).ShouldBeTrue();
        JpkiModelFactory.ApplicationResult(new JpkiChallengeRedemption(JpkiChallengeRedemptionStatus.UnknownOrUsed, null), null, [new JpkiSignatureFailure(JpkiSignatureFailureReason.ChallengeUnknown, "replay")]).IsValid.ShouldBeFalse();
    }
}
