using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using LineGov.Jpki.Tests.Revocation;
using Microsoft.Extensions.Options;

namespace LineGov.Jpki.Tests.DependencyInjection;

[Collection(AuthorityCollection.Name)]
public sealed class ServiceRegistrationTests(AuthorityFixture fixture)
{
    [Fact]
    public async Task Registered_services_validate_with_the_configured_anchors()
    {
        var folder = Directory.CreateTempSubdirectory("linegov-anchors-");
        try
        {
            var ca = fixture.Authority.GetCa(JpkiCertificateKind.Signature);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "test-root.pem"), ca.Parsed.ExportPem());
            var services = new ServiceCollection()
                .AddSingleton<TimeProvider>(fixture.Clock)
                .AddLineGovJpki(o =>
                {
                    o.TrustAnchorPaths.Add(folder.FullName);
                    o.RevocationMode = JpkiRevocationMode.None;
                });
            using var provider = services.BuildServiceProvider(validateScopes: true);
            using var card = fixture.Authority.IssueCard();

            var store = provider.GetRequiredService<JpkiTrustStore>();
            var result = await provider.GetRequiredService<JpkiCertificateValidator>().ValidateAsync(card.SignatureCertificate);

            store.Anchors.Count.ShouldBe(JpkiTrustStore.Production.Anchors.Count + 1);
            result.IsValid.ShouldBeTrue(result.ToString());
            provider.GetRequiredService<JpkiApplicationVerifier>().ShouldNotBeNull();
            provider.GetRequiredService<IJpkiChallengeStore>().ShouldBeOfType<InMemoryJpkiChallengeStore>();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Required_revocation_without_a_checker_fails_at_start_up_with_a_clear_message()
    {
        using var provider = new ServiceCollection().AddLineGovJpki().BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JpkiOptions>>().Value);

        error.Message.ShouldContain("no IJpkiRevocationChecker is registered");
    }

    [Fact]
    public void Required_revocation_with_a_checker_starts()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<IJpkiRevocationChecker, RecordingRevocationChecker>()
            .AddLineGovJpki()
            .BuildServiceProvider();

        provider.GetRequiredService<JpkiCertificateValidator>().DefaultPolicy.RevocationMode.ShouldBe(JpkiRevocationMode.Required);
    }

    [Fact]
    public void Missing_anchor_path_fails_at_start_up()
    {
        using var provider = new ServiceCollection()
            .AddLineGovJpki(o =>
            {
                o.RevocationMode = JpkiRevocationMode.None;
                o.TrustAnchorPaths.Add("/nonexistent/linegov/anchors");
            })
            .BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<JpkiTrustStore>());

        error.Message.ShouldContain("TrustAnchorPaths");
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RevocationMode"] = "BestEffort",
            ["RequiredKind"] = "SignatureOrAuthentication",
            ["ChallengeLifetime"] = "00:03:00",
        }).Build();
        using var provider = new ServiceCollection().AddLineGovJpki(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<JpkiOptions>>().Value;

        options.RevocationMode.ShouldBe(JpkiRevocationMode.BestEffort);
        options.RequiredKind.ShouldBe(JpkiKindRequirement.SignatureOrAuthentication);
        options.ChallengeLifetime.ShouldBe(TimeSpan.FromMinutes(3));
    }
}
