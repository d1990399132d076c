using LineGov.Jpki.Testing;

namespace LineGov.Jpki.Tests.Validation;

[Collection(AuthorityCollection.Name)]
public sealed class ValidatorTests(AuthorityFixture fixture)
{
    private JpkiTestAuthority Authority => fixture.Authority;

    public static TheoryData<JpkiTestDefects, JpkiValidationFailureReason> SignatureDefects => new()
    {
        { JpkiTestDefects.Expired, JpkiValidationFailureReason.Expired },
        { JpkiTestDefects.NotYetValid, JpkiValidationFailureReason.NotYetValid },
        { JpkiTestDefects.WrongPolicy, JpkiValidationFailureReason.WrongPolicy },
        { JpkiTestDefects.TestCardPolicy, JpkiValidationFailureReason.WrongPolicy },
        { JpkiTestDefects.WrongKeyUsage, JpkiValidationFailureReason.WrongKeyUsage },
        { JpkiTestDefects.KeyUsageNotCritical, JpkiValidationFailureReason.WrongKeyUsage },
        { JpkiTestDefects.UnknownCriticalExtension, JpkiValidationFailureReason.UnknownCriticalExtension },
        { JpkiTestDefects.CertificateAuthority, JpkiValidationFailureReason.BasicConstraintsViolation },
        { JpkiTestDefects.BadSignature, JpkiValidationFailureReason.BadSignature },
        { JpkiTestDefects.MissingFourFacts, JpkiValidationFailureReason.MissingFourFacts },
    };

    [Fact]
    public async Task Valid_signature_certificate_is_valid_on_the_direct_path_with_its_anchor()
    {
        using var card = Authority.IssueCard();
        var result = await fixture.CreateValidator().ValidateAsync(card.SignatureCertificate);

        result.IsValid.ShouldBeTrue(result.ToString());
        result.Path.ShouldBe(JpkiValidationPath.Direct);
        result.TrustAnchor!.Certificate.Sha256Thumbprint.ShouldBe(Authority.GetCa(JpkiCertificateKind.Signature).Parsed.Sha256Thumbprint);
        result.Chain.Count.ShouldBe(2);
        result.VerificationTime.ShouldBe(fixture.Clock.GetUtcNow());
        result.RevocationChecked.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(SignatureDefects))]
    public async Task Defective_signature_certificate_is_rejected_with_its_reason(JpkiTestDefects defect, JpkiValidationFailureReason expected)
    {
        using var certificate = Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, new JpkiTestCertificateOptions { Defects = defect });
        var result = await fixture.CreateValidator().ValidateAsync(JpkiCertificate.FromX509Certificate(certificate));

        result.IsValid.ShouldBeFalse();
        result.HasFailure(expected).ShouldBeTrue(result.ToString());
    }

    [Fact]
    public async Task Authentication_certificate_never_backs_a_claim_that_needs_the_four_facts()
    {
        using var card = Authority.IssueCard();
        var result = await fixture.CreateValidator().ValidateAsync(card.AuthenticationCertificate);

        result.IsValid.ShouldBeFalse();
        result.HasFailure(JpkiValidationFailureReason.WrongKind).ShouldBeTrue();
        card.AuthenticationCertificate.FourFacts.ShouldBeNull();
    }

    [Theory]
    [InlineData(JpkiKindRequirement.Authentication, true)]
    [InlineData(JpkiKindRequirement.SignatureOrAuthentication, true)]
    [InlineData(JpkiKindRequirement.Signature, false)]
    [InlineData(JpkiKindRequirement.AnyCertificate, true)]
    public async Task Authentication_certificate_is_accepted_only_where_the_policy_allows(JpkiKindRequirement requirement, bool valid)
    {
        using var card = Authority.IssueCard();
        var result = await fixture.CreateValidator().ValidateAsync(card.AuthenticationCertificate, AuthorityFixture.NoRevocation with { RequiredKind = requirement });

        result.IsValid.ShouldBe(valid, result.ToString());
    }

    [Fact]
    public async Task Signature_certificate_is_refused_where_an_authentication_certificate_is_required()
    {
        using var card = Authority.IssueCard();
        var result = await fixture.CreateValidator().ValidateAsync(card.SignatureCertificate, AuthorityFixture.NoRevocation with { RequiredKind = JpkiKindRequirement.Authentication });

        result.HasFailure(JpkiValidationFailureReason.WrongKind).ShouldBeTrue();
    }

    [Fact]
    public async Task Test_card_policy_is_accepted_only_when_the_policy_says_so()
    {
        using var certificate = Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, new JpkiTestCertificateOptions { Defects = JpkiTestDefects.TestCardPolicy });
        var parsed = JpkiCertificate.FromX509Certificate(certificate);
        parsed.Kind.ShouldBe(JpkiCertificateKind.Signature);

        var result = await fixture.CreateValidator().ValidateAsync(parsed, AuthorityFixture.NoRevocation with { AcceptTestCardPolicy = true });

        result.IsValid.ShouldBeTrue(result.ToString());
    }

    [Fact]
    public async Task Several_defects_are_all_reported()
    {
        using var certificate = Authority.IssueSignatureCertificate(
            JpkiTestIdentity.Default,
            new JpkiTestCertificateOptions { Defects = JpkiTestDefects.Expired | JpkiTestDefects.WrongKeyUsage | JpkiTestDefects.UnknownCriticalExtension | JpkiTestDefects.BadSignature });
        var result = await fixture.CreateValidator().ValidateAsync(JpkiCertificate.FromX509Certificate(certificate));

        result.Failures.Select(f => f.Reason).ShouldBe(
            [JpkiValidationFailureReason.WrongKeyUsage, JpkiValidationFailureReason.UnknownCriticalExtension, JpkiValidationFailureReason.Expired, JpkiValidationFailureReason.BadSignature],
            ignoreOrder: true);
    }

    [Fact]
    public async Task Certificate_of_an_untrusted_authority_has_an_unknown_issuer()
    {
        using var other = JpkiTestAuthority.Create(new JpkiTestAuthorityOptions { TimeProvider = fixture.Clock, ReuseCardKeys = true, Generations = [new("99", fixture.Clock.GetUtcNow().AddYears(-1), fixture.Clock.GetUtcNow().AddYears(5))] });
        using var certificate = other.IssueSignatureCertificate(JpkiTestIdentity.Default);
        var result = await fixture.CreateValidator().ValidateAsync(JpkiCertificate.FromX509Certificate(certificate));

        // Same subject as our CA, different key: the signature cannot verify with any anchor of that name.
        result.IsValid.ShouldBeFalse();
        (result.HasFailure(JpkiValidationFailureReason.UnknownIssuer) || result.HasFailure(JpkiValidationFailureReason.BadSignature)).ShouldBeTrue(result.ToString());
        result.TrustAnchor.ShouldBeNull();
    }

    [Fact]
    public async Task Test_roots_are_never_trusted_by_default()
    {
        using var card = Authority.IssueCard();
        var validator = new JpkiCertificateValidator(new JpkiCertificateValidatorOptions { DefaultPolicy = AuthorityFixture.NoRevocation }, timeProvider: fixture.Clock);

        var result = await validator.ValidateAsync(card.SignatureCertificate);

        result.HasFailure(JpkiValidationFailureReason.UnknownIssuer).ShouldBeTrue(result.ToString());
        JpkiTrustStore.Production.Anchors.ShouldAllBe(a => a.Source == JpkiTrustAnchorSource.EmbeddedProduction);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("02")]
    [InlineData("03")]
    public async Task Issuer_is_chosen_among_same_subject_generations_by_key_identifier(string generation)
    {
        var ca = Authority.GetCa(JpkiCertificateKind.Signature, generation);
        var now = fixture.Clock.GetUtcNow();
        var options = new JpkiTestCertificateOptions { Generation = generation };
        if (ca.Generation.NotAfter < now)
        {
            options = options with { NotBefore = ca.Generation.NotAfter.AddYears(-1), NotAfter = ca.Generation.NotAfter.AddDays(-1) };
        }

        using var certificate = Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, options);
        var parsed = JpkiCertificate.FromX509Certificate(certificate);
        var at = ca.Generation.NotAfter < now ? parsed.NotAfter.AddDays(-1) : now;

        var result = await fixture.CreateValidator().ValidateAsync(parsed, AuthorityFixture.NoRevocation with { VerificationTime = at });

        result.IsValid.ShouldBeTrue(result.ToString());
        result.TrustAnchor!.Certificate.Sha256Thumbprint.ShouldBe(ca.Parsed.Sha256Thumbprint);
    }

    [Fact]
    public async Task Issuer_without_key_identifier_is_found_by_trying_signatures()
    {
        using var certificate = Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, new JpkiTestCertificateOptions { Generation = "02", Defects = JpkiTestDefects.NoAuthorityKeyIdentifier });
        var parsed = JpkiCertificate.FromX509Certificate(certificate);
        parsed.AuthorityKeyIdentifier.ShouldBeNull();

        var result = await fixture.CreateValidator().ValidateAsync(parsed);

        result.IsValid.ShouldBeTrue(result.ToString());
        result.TrustAnchor!.Certificate.Sha256Thumbprint.ShouldBe(Authority.GetCa(JpkiCertificateKind.Signature, "02").Parsed.Sha256Thumbprint);
    }

    [Fact]
    public async Task Certificate_under_an_expired_generation_is_invalid_now_and_valid_at_an_instant_inside_both_periods()
    {
        var ca = Authority.GetCa(JpkiCertificateKind.Signature, "01");
        using var certificate = Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, new JpkiTestCertificateOptions { Generation = "01", NotBefore = ca.Generation.NotAfter.AddYears(-2), NotAfter = ca.Generation.NotAfter.AddDays(-1) });
        var parsed = JpkiCertificate.FromX509Certificate(certificate);
        var validator = fixture.CreateValidator();

        var now = await validator.ValidateAsync(parsed);
        var then = await validator.ValidateAsync(parsed, AuthorityFixture.NoRevocation with { VerificationTime = parsed.NotAfter.AddDays(-10) });

        now.HasFailure(JpkiValidationFailureReason.Expired).ShouldBeTrue(now.ToString());
        now.Failures.ShouldContain(f => f.Reason == JpkiValidationFailureReason.Expired && f.ChainIndex == 1);
        then.IsValid.ShouldBeTrue(then.ToString());
    }

    [Fact]
    public async Task Validity_bounds_are_inclusive_and_checked_at_the_exact_instant()
    {
        using var card = Authority.IssueCard();
        var certificate = card.SignatureCertificate;
        var validator = fixture.CreateValidator();

        (await validator.ValidateAsync(certificate, AuthorityFixture.NoRevocation with { VerificationTime = certificate.NotBefore })).IsValid.ShouldBeTrue();
        (await validator.ValidateAsync(certificate, AuthorityFixture.NoRevocation with { VerificationTime = certificate.NotAfter })).IsValid.ShouldBeTrue();
        (await validator.ValidateAsync(certificate, AuthorityFixture.NoRevocation with { VerificationTime = certificate.NotBefore.AddSeconds(-1) })).HasFailure(JpkiValidationFailureReason.NotYetValid).ShouldBeTrue();
        (await validator.ValidateAsync(certificate, AuthorityFixture.NoRevocation with { VerificationTime = certificate.NotAfter.AddSeconds(1) })).HasFailure(JpkiValidationFailureReason.Expired).ShouldBeTrue();
    }

    [Fact]
    public async Task Validation_time_comes_from_the_time_provider_when_the_policy_gives_none()
    {
        using var card = Authority.IssueCard();
        var clock = new FakeTimeProvider(card.SignatureCertificate.NotAfter.AddDays(1));
        var validator = new JpkiCertificateValidator(new JpkiCertificateValidatorOptions { TrustStore = fixture.TrustStore, DefaultPolicy = AuthorityFixture.NoRevocation }, timeProvider: clock);

        var result = await validator.ValidateAsync(card.SignatureCertificate);

        result.VerificationTime.ShouldBe(clock.GetUtcNow());
        result.HasFailure(JpkiValidationFailureReason.Expired).ShouldBeTrue();
    }

    [Fact]
    public async Task Invalid_certificate_never_throws_and_messages_carry_no_personal_data()
    {
        var identity = JpkiTestIdentity.Default;
        using var certificate = Authority.IssueSignatureCertificate(identity, new JpkiTestCertificateOptions { Defects = (JpkiTestDefects)0x3FF & ~JpkiTestDefects.MissingFourFacts & ~JpkiTestDefects.NotYetValid });
        var result = await fixture.CreateValidator().ValidateAsync(JpkiCertificate.FromX509Certificate(certificate));

        result.IsValid.ShouldBeFalse();
        var text = string.Join("\n", result.Failures.Select(f => f.Message)) + result;
        text.ShouldNotContain("見本");
        text.ShouldNotContain("当麻町");
        text.ShouldNotContain("1985");
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var card = Authority.IssueCard();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () =>
            await fixture.CreateValidator().ValidateAsync(card.SignatureCertificate, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task Intermediate_certificates_go_to_the_platform_chain_engine()
    {
        using var card = Authority.IssueCard();
        var unrelated = Authority.GetCa(JpkiCertificateKind.Authentication).Parsed.ToX509Certificate2();
        var result = await fixture.CreateValidator().ValidateAsync(card.SignatureCertificate, AuthorityFixture.NoRevocation with { ExtraCertificates = [unrelated] });

        result.Path.ShouldBe(JpkiValidationPath.PlatformChain);
        result.IsValid.ShouldBeTrue(result.ToString());
        result.TrustAnchor.ShouldNotBeNull();
    }
}
