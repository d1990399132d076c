using System.Text;
using LineGov.Jpki.Testing;

namespace LineGov.Jpki.Tests.Applications;

[Collection(AuthorityCollection.Name)]
public sealed class ApplicationVerifierTests(AuthorityFixture fixture)
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"program\":\"tohma-price-relief\",\"channel\":\"line\"}");

    private (JpkiApplicationVerifier Verifier, JpkiChallengeService Challenges, FakeTimeProvider Clock) Create()
    {
        var clock = new FakeTimeProvider(fixture.Clock.GetUtcNow());
        var challenges = new JpkiChallengeService(new InMemoryJpkiChallengeStore(clock), new JpkiChallengeOptions { Lifetime = TimeSpan.FromMinutes(5) }, clock);
        var validator = new JpkiCertificateValidator(new JpkiCertificateValidatorOptions { TrustStore = fixture.TrustStore, DefaultPolicy = AuthorityFixture.NoRevocation }, timeProvider: clock);
        return (new JpkiApplicationVerifier(new JpkiSignatureVerifier(validator), challenges), challenges, clock);
    }

    [Theory]
    [InlineData(JpkiSignatureFormat.Raw, false)]
    [InlineData(JpkiSignatureFormat.Cms, false)]
    [InlineData(JpkiSignatureFormat.Cms, true)]
    public async Task Application_signed_over_a_live_challenge_is_valid(JpkiSignatureFormat format, bool detached)
    {
        var (verifier, challenges, _) = Create();
        using var card = fixture.Authority.IssueCard();
        var challenge = await challenges.IssueAsync();

        var application = card.SignApplication(challenge, Payload, format, new JpkiCmsSigningOptions { Detached = detached });
        var result = await verifier.VerifyAsync(application);

        result.IsValid.ShouldBeTrue(result.ToString());
        result.Applicant!.FourFacts!.Gender.ShouldBe(JpkiGender.Female);
        result.Redemption.Status.ShouldBe(JpkiChallengeRedemptionStatus.Redeemed);
    }

    [Fact]
    public async Task Replayed_application_is_rejected()
    {
        var (verifier, challenges, _) = Create();
        using var card = fixture.Authority.IssueCard();
        var application = card.SignApplication(await challenges.IssueAsync(), Payload);

        (await verifier.VerifyAsync(application)).IsValid.ShouldBeTrue();
        var replay = await verifier.VerifyAsync(application);

        replay.IsValid.ShouldBeFalse();
        replay.Failures.Single().Reason.ShouldBe(JpkiSignatureFailureReason.ChallengeUnknown);
        replay.Signature.ShouldBeNull();
    }

    [Fact]
    public async Task Expired_challenge_is_rejected()
    {
        var (verifier, challenges, clock) = Create();
        using var card = fixture.Authority.IssueCard();
        var application = card.SignApplication(await challenges.IssueAsync(), Payload);

        clock.Advance(TimeSpan.FromMinutes(5));
        var result = await verifier.VerifyAsync(application);

        result.Failures.Single().Reason.ShouldBe(JpkiSignatureFailureReason.ChallengeExpired);
        (await verifier.VerifyAsync(application)).Failures.Single().Reason.ShouldBe(JpkiSignatureFailureReason.ChallengeUnknown);
    }

    [Fact]
    public async Task Signature_bound_to_another_challenge_is_rejected()
    {
        var (verifier, challenges, _) = Create();
        using var card = fixture.Authority.IssueCard();
        var first = await challenges.IssueAsync();
        var second = await challenges.IssueAsync();
        var signedForFirst = card.SignApplication(first, Payload);

        var moved = new JpkiSignedApplication(second.Id, Payload, JpkiSignatureFormat.Raw, signedForFirst.Signature, card.SignatureCertificate);
        var result = await verifier.VerifyAsync(moved);

        result.IsValid.ShouldBeFalse();
        result.Failures.ShouldContain(f => f.Reason == JpkiSignatureFailureReason.SignatureInvalid);
    }

    [Theory]
    [InlineData(JpkiSignatureFormat.Raw)]
    [InlineData(JpkiSignatureFormat.Cms)]
    public async Task Payload_changed_after_signing_is_rejected(JpkiSignatureFormat format)
    {
        var (verifier, challenges, _) = Create();
        using var card = fixture.Authority.IssueCard();
        var signed = card.SignApplication(await challenges.IssueAsync(), Payload, format);

        var changed = new JpkiSignedApplication(signed.ChallengeId, Encoding.UTF8.GetBytes("{\"program\":\"other\"}"), format, signed.Signature, signed.Certificate);
        var result = await verifier.VerifyAsync(changed);

        result.IsValid.ShouldBeFalse();
        result.Failures.ShouldContain(f => f.Reason == JpkiSignatureFailureReason.SignatureInvalid || f.Reason == JpkiSignatureFailureReason.ContentMismatch);
    }

    [Fact]
    public async Task Concurrent_redemptions_of_one_challenge_succeed_once()
    {
        var (_, challenges, _) = Create();
        var challenge = await challenges.IssueAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await challenges.RedeemAsync(challenge.Id))));

        results.Count(r => r.Status == JpkiChallengeRedemptionStatus.Redeemed).ShouldBe(1);
        results.Count(r => r.Status == JpkiChallengeRedemptionStatus.UnknownOrUsed).ShouldBe(63);
    }

    [Fact]
    public async Task Challenges_are_unguessable_and_distinct()
    {
        var (_, challenges, _) = Create();
        var issued = new List<JpkiChallenge>();
        for (var i = 0; i < 200; i++)
        {
            issued.Add(await challenges.IssueAsync());
        }

        issued.Select(c => c.Id).Distinct().Count().ShouldBe(200);
        issued.Select(c => Convert.ToHexString(c.Nonce.Span)).Distinct().Count().ShouldBe(200);
        issued.ShouldAllBe(c => c.Nonce.Length == 32 && c.Id.Length >= 22);
    }

    [Fact]
    public async Task Store_sweeps_expired_challenges_and_refuses_to_grow_without_bound()
    {
        var clock = new FakeTimeProvider(fixture.Clock.GetUtcNow());
        var store = new InMemoryJpkiChallengeStore(clock, maxChallenges: 3);
        var challenges = new JpkiChallengeService(store, new JpkiChallengeOptions { Lifetime = TimeSpan.FromMinutes(1) }, clock);
        for (var i = 0; i < 3; i++)
        {
            await challenges.IssueAsync();
        }

        await Should.ThrowAsync<JpkiException>(async () => await challenges.IssueAsync());

        clock.Advance(TimeSpan.FromMinutes(2));
        await challenges.IssueAsync();
        store.Count.ShouldBe(1);
    }

    [Fact]
    public void Signed_content_is_the_documented_text()
    {
        var challenge = new JpkiChallenge("abc", new byte[16], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1));

        var text = Encoding.UTF8.GetString(challenge.CreateSignedContent("x"u8));

        text.ShouldBe("LineGov-JPKI-Application/1\nabc\nAAAAAAAAAAAAAAAAAAAAAA\nLXEWQrcmsEQBYnyp-6wy9chTD7GQPMTbAiWHF5IaSIE");
    }
}
