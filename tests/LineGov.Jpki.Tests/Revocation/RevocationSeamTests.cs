using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using LineGov.Jpki.Testing;

namespace LineGov.Jpki.Tests.Revocation;

/// <summary>A revocation checker that answers from a table and records what it was asked.</summary>
public sealed class RecordingRevocationChecker : IJpkiRevocationChecker
{
    public ConcurrentDictionary<string, JpkiRevocationStatus> Answers { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<JpkiRevocationRequest> Requests { get; } = new();

    public ValueTask<JpkiRevocationStatus> CheckAsync(JpkiRevocationRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        return ValueTask.FromResult(Answers.TryGetValue(request.Certificate.SerialNumber, out var status) ? status : JpkiRevocationStatus.Good("table"));
    }
}

[Collection(AuthorityCollection.Name)]
public sealed class RevocationSeamTests(AuthorityFixture fixture)
{
    private static readonly JpkiValidationPolicy Required = JpkiValidationPolicy.Default;

    [Fact]
    public async Task The_seam_is_asked_about_the_end_entity_with_its_issuer_and_instant()
    {
        var checker = new RecordingRevocationChecker();
        using var card = fixture.Authority.IssueCard();

        var result = await fixture.CreateValidator(checker).ValidateAsync(card.SignatureCertificate, Required);

        result.IsValid.ShouldBeTrue(result.ToString());
        result.RevocationChecked.ShouldBeTrue();
        var request = checker.Requests.ShouldHaveSingleItem();
        request.Certificate.ShouldBeSameAs(card.SignatureCertificate);
        request.Issuer.Sha256Thumbprint.ShouldBe(fixture.Authority.GetCa(JpkiCertificateKind.Signature).Parsed.Sha256Thumbprint);
        request.ValidationTime.ShouldBe(fixture.Clock.GetUtcNow());
        result.Chain[0].Revocation!.State.ShouldBe(JpkiRevocationState.Good);
    }

    [Fact]
    public async Task Revoked_certificate_is_rejected_with_reason_and_source()
    {
        var checker = new RecordingRevocationChecker();
        using var card = fixture.Authority.IssueCard();
        checker.Answers[card.SignatureCertificate.SerialNumber] = JpkiRevocationStatus.Revoked("crl:test", fixture.Clock.GetUtcNow().AddDays(-3), X509RevocationReason.AffiliationChanged);

        var result = await fixture.CreateValidator(checker).ValidateAsync(card.SignatureCertificate, Required);

        result.HasFailure(JpkiValidationFailureReason.Revoked).ShouldBeTrue();
        result.Failures.Single().Message.ShouldContain("AffiliationChanged");
        result.Chain[0].Revocation!.Source.ShouldBe("crl:test");
    }

    [Fact]
    public async Task Revocation_after_an_explicit_historical_instant_does_not_invalidate_it_then()
    {
        var checker = new RecordingRevocationChecker();
        using var card = fixture.Authority.IssueCard();
        var then = fixture.Clock.GetUtcNow().AddHours(-1);
        checker.Answers[card.SignatureCertificate.SerialNumber] = JpkiRevocationStatus.Revoked("crl:test", fixture.Clock.GetUtcNow());

        var result = await fixture.CreateValidator(checker).ValidateAsync(card.SignatureCertificate, Required with { VerificationTime = then });

        result.IsValid.ShouldBeTrue(result.ToString());
    }

    [Fact]
    public async Task Revocation_dated_slightly_after_now_is_skew_and_still_revokes()
    {
        var checker = new RecordingRevocationChecker();
        using var card = fixture.Authority.IssueCard();
        checker.Answers[card.SignatureCertificate.SerialNumber] = JpkiRevocationStatus.Revoked("ocsp:test", fixture.Clock.GetUtcNow().AddSeconds(30), X509RevocationReason.KeyCompromise);

        var result = await fixture.CreateValidator(checker).ValidateAsync(card.SignatureCertificate, Required);

        result.HasFailure(JpkiValidationFailureReason.Revoked).ShouldBeTrue(result.ToString());
    }

    [Theory]
    [InlineData(JpkiRevocationMode.Required, false)]
    [InlineData(JpkiRevocationMode.BestEffort, true)]
    public async Task Unknown_status_fails_hard_or_soft_as_the_policy_says(JpkiRevocationMode mode, bool valid)
    {
        var checker = new RecordingRevocationChecker();
        using var card = fixture.Authority.IssueCard();
        checker.Answers[card.SignatureCertificate.SerialNumber] = JpkiRevocationStatus.Unknown("ocsp:http://127.0.0.1", "responder timed out");

        var result = await fixture.CreateValidator(checker).ValidateAsync(card.SignatureCertificate, Required with { RevocationMode = mode });

        result.IsValid.ShouldBe(valid);
        result.RevocationChecked.ShouldBeFalse();
        (result.HasFailure(JpkiValidationFailureReason.RevocationUnknown) || result.Warnings.Any(w => w.Reason == JpkiValidationFailureReason.RevocationUnknown)).ShouldBeTrue();
    }

    [Fact]
    public async Task Required_revocation_without_a_checker_is_a_failure_not_a_silent_pass()
    {
        using var card = fixture.Authority.IssueCard();

        var result = await fixture.CreateValidator().ValidateAsync(card.SignatureCertificate, Required);

        result.HasFailure(JpkiValidationFailureReason.RevocationUnknown).ShouldBeTrue();
    }

    [Fact]
    public async Task Forged_certificates_cost_no_revocation_request()
    {
        var checker = new RecordingRevocationChecker();
        using var certificate = fixture.Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, new JpkiTestCertificateOptions { Defects = JpkiTestDefects.BadSignature });

        var result = await fixture.CreateValidator(checker).ValidateAsync(JpkiCertificate.FromX509Certificate(certificate), Required);

        result.HasFailure(JpkiValidationFailureReason.BadSignature).ShouldBeTrue();
        checker.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_platform_path_asks_about_every_certificate_but_the_anchor()
    {
        var checker = new RecordingRevocationChecker();
        using var card = fixture.Authority.IssueCard();
        using var unrelated = fixture.Authority.GetCa(JpkiCertificateKind.Authentication).Parsed.ToX509Certificate2();

        var result = await fixture.CreateValidator(checker).ValidateAsync(card.SignatureCertificate, Required with { ExtraCertificates = [unrelated] });

        result.Path.ShouldBe(JpkiValidationPath.PlatformChain);
        result.IsValid.ShouldBeTrue(result.ToString());
        checker.Requests.ShouldHaveSingleItem().ChainIndex.ShouldBe(0);
    }
}
