using System.Security.Cryptography.X509Certificates;
using LineGov.Jpki.Testing;

namespace LineGov.Jpki.Tests.Validation;

/// <summary>The direct JPKI path and the platform chain engine must give the same verdict and reasons on every case.</summary>
[Collection(AuthorityCollection.Name)]
public sealed class PathAgreementTests(AuthorityFixture fixture)
{
    public static TheoryData<string> Cases => new(CaseNames);

    private static readonly string[] CaseNames =
    [
        "valid", "valid-gen02", "valid-no-aki", "no-aki-expired", "no-aki-gen02-bad-signature", "expired", "not-yet-valid", "wrong-policy", "test-card-policy",
        "wrong-key-usage", "key-usage-not-critical", "unknown-critical-extension", "ca", "bad-signature",
        "missing-four-facts", "authentication", "untrusted", "gen01-now", "gen01-then", "before-anchor", "all-defects",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Direct_and_platform_paths_agree(string name)
    {
        var (certificate, policy) = Build(name);
        var validator = fixture.CreateValidator();
        using var unrelated = X509CertificateLoader.LoadCertificate(fixture.Authority.GetCa(JpkiCertificateKind.Authentication, "02").Parsed.RawData.Span);

        var direct = await validator.ValidateAsync(certificate, policy);
        var platform = await validator.ValidateAsync(certificate, policy with { ExtraCertificates = [unrelated] });

        direct.Path.ShouldBe(JpkiValidationPath.Direct);
        platform.Path.ShouldBe(JpkiValidationPath.PlatformChain);
        platform.IsValid.ShouldBe(direct.IsValid, $"direct: {direct}; platform: {platform}");
        Reasons(platform).ShouldBe(Reasons(direct), $"direct: {direct}; platform: {platform}");
        platform.TrustAnchor?.Sha256Thumbprint.ShouldBe(direct.TrustAnchor?.Sha256Thumbprint);
    }

    private static string[] Reasons(JpkiValidationResult result) =>
        [.. result.Failures.Select(f => $"{f.Reason}@{f.ChainIndex}").Distinct().Order(StringComparer.Ordinal)];

    private (JpkiCertificate Certificate, JpkiValidationPolicy Policy) Build(string name)
    {
        var authority = fixture.Authority;
        var policy = AuthorityFixture.NoRevocation;
        JpkiTestCertificateOptions Defect(JpkiTestDefects d) => new() { Defects = d };
        JpkiCertificate Signature(JpkiTestCertificateOptions? options = null)
        {
            using var x509 = authority.IssueSignatureCertificate(JpkiTestIdentity.Default, options);
            return JpkiCertificate.FromX509Certificate(x509);
        }

        var gen01 = authority.GetCa(JpkiCertificateKind.Signature, "01").Generation;
        return name switch
        {
            "valid" => (Signature(), policy),
            "valid-gen02" => (Signature(new() { Generation = "02" }), policy),
            "valid-no-aki" => (Signature(Defect(JpkiTestDefects.NoAuthorityKeyIdentifier)), policy),
            "no-aki-expired" => (Signature(Defect(JpkiTestDefects.NoAuthorityKeyIdentifier | JpkiTestDefects.Expired)), policy),
            "no-aki-gen02-bad-signature" => (Signature(new() { Generation = "02", Defects = JpkiTestDefects.NoAuthorityKeyIdentifier | JpkiTestDefects.BadSignature }), policy),
            "expired" => (Signature(Defect(JpkiTestDefects.Expired)), policy),
            "not-yet-valid" => (Signature(Defect(JpkiTestDefects.NotYetValid)), policy),
            "wrong-policy" => (Signature(Defect(JpkiTestDefects.WrongPolicy)), policy),
            "test-card-policy" => (Signature(Defect(JpkiTestDefects.TestCardPolicy)), policy),
            "wrong-key-usage" => (Signature(Defect(JpkiTestDefects.WrongKeyUsage)), policy),
            "key-usage-not-critical" => (Signature(Defect(JpkiTestDefects.KeyUsageNotCritical)), policy),
            "unknown-critical-extension" => (Signature(Defect(JpkiTestDefects.UnknownCriticalExtension)), policy),
            "ca" => (Signature(Defect(JpkiTestDefects.CertificateAuthority)), policy),
            "bad-signature" => (Signature(Defect(JpkiTestDefects.BadSignature)), policy),
            "missing-four-facts" => (Signature(Defect(JpkiTestDefects.MissingFourFacts)), policy),
            "authentication" => (JpkiCertificate.FromX509Certificate(authority.IssueAuthenticationCertificate()), policy),
            "untrusted" => (Untrusted(), policy),
            "gen01-now" => (Signature(new() { Generation = "01", NotBefore = gen01.NotAfter.AddYears(-2), NotAfter = gen01.NotAfter.AddDays(-1) }), policy),
            "gen01-then" => (Signature(new() { Generation = "01", NotBefore = gen01.NotAfter.AddYears(-2), NotAfter = gen01.NotAfter.AddDays(-1) }), policy with { VerificationTime = gen01.NotAfter.AddDays(-5) }),
            "before-anchor" => (Signature(new() { Generation = "02" }), policy with { VerificationTime = authority.GetCa(JpkiCertificateKind.Signature, "02").Generation.NotBefore.AddDays(-1) }),
            "all-defects" => (Signature(Defect(JpkiTestDefects.Expired | JpkiTestDefects.WrongKeyUsage | JpkiTestDefects.UnknownCriticalExtension | JpkiTestDefects.CertificateAuthority | JpkiTestDefects.BadSignature)), policy),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private JpkiCertificate Untrusted()
    {
        var now = fixture.Clock.GetUtcNow();
        using var other = JpkiTestAuthority.Create(new JpkiTestAuthorityOptions { TimeProvider = fixture.Clock, ReuseCardKeys = true, Generations = [new("01", now.AddYears(-1), now.AddYears(5))] });
        using var x509 = other.IssueSignatureCertificate(JpkiTestIdentity.Default);
        return JpkiCertificate.FromX509Certificate(x509);
    }
}
