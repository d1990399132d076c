using System.Collections.Concurrent;
using LineGov.Jpki;
using LineGov.Jpki.Testing;

namespace LineGov.Samples.Municipality.Infrastructure;

/// <summary>
/// JPKI in TestAuthority mode: the LineGov test authority, its OCSP/CRL server on loopback, a trust store of its roots,
/// revocation through that server (OCSP, then the CRLs), single-use challenges, and the simulated My Number Cards of the
/// town's people (issued on first use: RSA keys are slow to make). Production mode would trust the J-LIS roots and ask the
/// revocation sources a JPKI provider gives (see README.md): <see cref="StartProductionAsync"/>.
/// </summary>
internal sealed class JpkiSetup : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<JpkiTestCard>> _cards = new(StringComparer.Ordinal);
    private readonly HttpClient _http;
    private readonly JpkiCrlStore _crls;

    private JpkiSetup(JpkiTestAuthority? authority, JpkiTestRevocationServer? server, HttpClient http, JpkiCrlStore crls, JpkiChallengeService challenges, JpkiApplicationVerifier verifier)
    {
        Authority = authority;
        Server = server;
        _http = http;
        _crls = crls;
        Challenges = challenges;
        Verifier = verifier;
    }

    /// <summary>The test authority; null in Production mode.</summary>
    public JpkiTestAuthority? Authority { get; }

    /// <summary>The test authority's OCSP/CRL server; null in Production mode.</summary>
    public JpkiTestRevocationServer? Server { get; }

    /// <summary>One line for the start-up banner.</summary>
    public string Description { get; private init; } = string.Empty;

    public JpkiChallengeService Challenges { get; }

    public JpkiApplicationVerifier Verifier { get; }

    public static async Task<JpkiSetup> StartAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        // ReuseCardKeys: every card shares a few key pairs (each still has its own certificate and serial), so thousands of
        // simulated residents cost no key generation. A real card's key never leaves the card.
        var authority = JpkiTestAuthority.Create(new JpkiTestAuthorityOptions { TimeProvider = clock, ReuseCardKeys = true });
        var server = JpkiTestRevocationServer.Start(authority);
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var trust = authority.CreateTrustStore();

        var crlOptions = new JpkiCrlStoreOptions();
        crlOptions.Sources.Add(new JpkiCrlHttpSource(http, authority.SignatureCas.Select(ca => server.GetCrlUri(ca, authority.DefaultCrlPartition)).Distinct()));
        var crls = new JpkiCrlStore(crlOptions, trust, clock);
        await crls.RefreshAsync(cancellationToken: cancellationToken);

        var ocsp = new JpkiOcspClient(http, new JpkiOcspClientOptions { TotalTimeout = TimeSpan.FromSeconds(5), AttemptTimeout = TimeSpan.FromSeconds(2) }, clock);
        var checker = new JpkiRevocationChecker(new JpkiRevocationCheckerOptions { Sources = JpkiRevocationSources.OcspThenCrl }, ocsp, crls);
        var validator = new JpkiCertificateValidator(
            new JpkiCertificateValidatorOptions { TrustStore = trust, DefaultPolicy = JpkiValidationPolicy.Default with { RevocationMode = JpkiRevocationMode.Required } },
            checker,
            clock);
        var challenges = new JpkiChallengeService(new InMemoryJpkiChallengeStore(clock), new JpkiChallengeOptions { Lifetime = TimeSpan.FromMinutes(10) }, clock);
        var verifier = new JpkiApplicationVerifier(new JpkiSignatureVerifier(validator), challenges);
        return new JpkiSetup(authority, server, http, crls, challenges, verifier) { Description = $"test authority, OCSP/CRL at {server.BaseUri}" };
    }

    /// <summary>
    /// Production: the J-LIS roots (JpkiTrustStore.Production), revocation required, from the configured OCSP responder
    /// and/or the CRL folder (OCSP first, then the CRLs, when both are given). The signature itself comes from the JPKI
    /// provider's app on the phone; this host only verifies it.
    /// </summary>
    public static async Task<JpkiSetup> StartProductionAsync(JpkiSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var hasOcsp = !string.IsNullOrWhiteSpace(settings.OcspUrl);
        var hasCrls = !string.IsNullOrWhiteSpace(settings.CrlFolder);
        if (!hasOcsp && !hasCrls)
        {
            throw new InvalidOperationException("Municipality:Jpki:Mode Production needs a revocation source: Municipality:Jpki:OcspUrl (your JPKI provider's responder) and/or Municipality:Jpki:CrlFolder (the CRLs J-LIS delivers).");
        }

        if (hasOcsp && !Uri.TryCreate(settings.OcspUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Municipality:Jpki:OcspUrl must be an absolute http(s) URL.");
        }

        var trust = JpkiTrustStore.Production;
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var crlOptions = new JpkiCrlStoreOptions();
        if (hasCrls)
        {
            crlOptions.Sources.Add(new JpkiCrlFolderSource(settings.CrlFolder!));
        }

        var crls = new JpkiCrlStore(crlOptions, trust, clock);
        if (hasCrls)
        {
            await crls.RefreshAsync(cancellationToken: cancellationToken);
        }

        var ocsp = new JpkiOcspClient(
            http,
            new JpkiOcspClientOptions { TotalTimeout = TimeSpan.FromSeconds(5), AttemptTimeout = TimeSpan.FromSeconds(2), ResponderUri = hasOcsp ? new Uri(settings.OcspUrl!) : null },
            clock);
        var sources = hasOcsp && hasCrls ? JpkiRevocationSources.OcspThenCrl : hasOcsp ? JpkiRevocationSources.OcspOnly : JpkiRevocationSources.CrlOnly;
        var checker = new JpkiRevocationChecker(new JpkiRevocationCheckerOptions { Sources = sources }, ocsp, crls);
        var validator = new JpkiCertificateValidator(
            new JpkiCertificateValidatorOptions { TrustStore = trust, DefaultPolicy = JpkiValidationPolicy.Default with { RevocationMode = JpkiRevocationMode.Required } },
            checker,
            clock);
        var challenges = new JpkiChallengeService(new InMemoryJpkiChallengeStore(clock), new JpkiChallengeOptions { Lifetime = TimeSpan.FromMinutes(10) }, clock);
        var verifier = new JpkiApplicationVerifier(new JpkiSignatureVerifier(validator), challenges);
        return new JpkiSetup(null, null, http, crls, challenges, verifier)
        {
            Description = $"J-LIS roots, revocation {sources} ({(hasOcsp ? "OCSP " + new Uri(settings.OcspUrl!).Host : "no OCSP")}{(hasCrls ? ", CRL folder" : string.Empty)})",
        };
    }

    /// <summary>The simulated card of a person, issued on first use with the four facts of <paramref name="facts"/>.</summary>
    public JpkiTestCard CardOf(string residentId, JpkiFourFacts facts) => _cards.GetOrAdd(
        residentId,
        _ => new Lazy<JpkiTestCard>(() => (Authority ?? throw new InvalidOperationException("Simulated cards exist in TestAuthority mode only.")).IssueCard(new JpkiTestIdentity
        {
            Name = facts.Name.FullName,
            NameAlternateCharacterFlags = string.IsNullOrEmpty(facts.Name.AlternateCharacterFlags) ? null : facts.Name.AlternateCharacterFlags,
            DateOfBirth = facts.DateOfBirth.RawValue,
            Gender = ((int)facts.Gender).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Address = facts.Address.Value,
        }))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var card in _cards.Values.Where(c => c.IsValueCreated))
        {
            card.Value.Dispose();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        _crls.Dispose();
        _http.Dispose();
        Authority?.Dispose();
    }
}
