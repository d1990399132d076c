using LineGov.Jpki.Testing;

namespace LineGov.Jpki.Tests;

/// <summary>One test authority per test run: CA key generation is the slow part.</summary>
public sealed class AuthorityFixture : IDisposable
{
    public AuthorityFixture()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));
        Authority = JpkiTestAuthority.Create(new JpkiTestAuthorityOptions { TimeProvider = Clock, ReuseCardKeys = true });
        TrustStore = Authority.CreateTrustStore();
    }

    public FakeTimeProvider Clock { get; }

    public JpkiTestAuthority Authority { get; }

    public JpkiTrustStore TrustStore { get; }

    public static JpkiValidationPolicy NoRevocation { get; } = JpkiValidationPolicy.Default with { RevocationMode = JpkiRevocationMode.None };

    public JpkiCertificateValidator CreateValidator(IJpkiRevocationChecker? revocation = null) =>
        new(new JpkiCertificateValidatorOptions { TrustStore = TrustStore, DefaultPolicy = NoRevocation }, revocation, Clock);

    public void Dispose() => Authority.Dispose();
}

[CollectionDefinition(Name)]
public sealed class AuthorityCollection : ICollectionFixture<AuthorityFixture>
{
    public const string Name = "authority";
}
