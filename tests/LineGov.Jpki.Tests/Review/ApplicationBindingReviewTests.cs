using System.Text;

namespace LineGov.Jpki.Tests.Review;

/// <summary>
/// Security review M4: a resident's genuine CMS signature over another document, submitted against a fresh challenge,
/// must not look valid anywhere in the result (not even in the inner signature result a caller might read).
/// </summary>
[Collection(AuthorityCollection.Name)]
public sealed class ApplicationBindingReviewTests(AuthorityFixture fixture)
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"program\":\"tohma-price-relief\",\"amount\":100000}");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cms_over_another_document_leaves_no_applicant_anywhere_in_the_result(bool platform)
    {
        var clock = new FakeTimeProvider(fixture.Clock.GetUtcNow());
        var challenges = new JpkiChallengeService(new InMemoryJpkiChallengeStore(clock), timeProvider: clock);
        var validator = new JpkiCertificateValidator(new JpkiCertificateValidatorOptions { TrustStore = fixture.TrustStore, DefaultPolicy = AuthorityFixture.NoRevocation }, timeProvider: clock);
        var verifier = new JpkiApplicationVerifier(new JpkiSignatureVerifier(validator) { ForcePlatformCms = platform }, challenges);
        using var card = fixture.Authority.IssueCard();
        var challenge = await challenges.IssueAsync();
        var captured = card.SignCms(Encoding.UTF8.GetBytes("some other document the resident signed elsewhere"));

        var result = await verifier.VerifyAsync(new JpkiSignedApplication(challenge.Id, Payload, JpkiSignatureFormat.Cms, captured, null));

        result.IsValid.ShouldBeFalse();
        result.Applicant.ShouldBeNull();
        result.Failures.ShouldContain(f => f.Reason == JpkiSignatureFailureReason.ContentMismatch);
        result.Signature.ShouldNotBeNull();
        result.Signature.IsValid.ShouldBeFalse();
        result.Signature.Applicant.ShouldBeNull();
        result.Signature.HasFailure(JpkiSignatureFailureReason.ContentMismatch).ShouldBeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cms_over_the_challenge_content_is_still_valid(bool platform)
    {
        var clock = new FakeTimeProvider(fixture.Clock.GetUtcNow());
        var challenges = new JpkiChallengeService(new InMemoryJpkiChallengeStore(clock), timeProvider: clock);
        var validator = new JpkiCertificateValidator(new JpkiCertificateValidatorOptions { TrustStore = fixture.TrustStore, DefaultPolicy = AuthorityFixture.NoRevocation }, timeProvider: clock);
        var verifier = new JpkiApplicationVerifier(new JpkiSignatureVerifier(validator) { ForcePlatformCms = platform }, challenges);
        using var card = fixture.Authority.IssueCard();
        var challenge = await challenges.IssueAsync();

        var result = await verifier.VerifyAsync(card.SignApplication(challenge, Payload, JpkiSignatureFormat.Cms));

        result.IsValid.ShouldBeTrue(result.ToString());
        result.Signature!.Applicant.ShouldNotBeNull();
    }
}
