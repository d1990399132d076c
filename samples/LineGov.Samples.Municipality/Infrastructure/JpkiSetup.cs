using System.Collections.Concurrent;
using LineGov.Jpki;
using LineGov.Jpki.Testing;

namespace LineGov.Samples.Municipality.Infrastructure;

/// <summary>
/// JPKI in TestAuthority mode: the LineGov test authority, its OCSP/CRL server on loopback, a trust store of its roots,
/// revocation through that server (OCSP, then the CRLs), single-use challenges, and the simulated My Number Cards of the
/// town's people (issued on first use: RSA keys are slow to make). Production mode would trust the J-LIS roots and ask the
/// revocation sources a JPKI provider gives (see README.md); this sample only runs the test authority.
/// </summary>
internal sealed class JpkiSetup : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<JpkiTestCard>> _cards = new(StringComparer.Ordinal);
    private readonly HttpClient _http;
    private readonly JpkiCrlStore _crls;

    private JpkiSetup(JpkiTestAuthority authority, JpkiTestRevocationServer server, HttpClient http, JpkiCrlStore crls, JpkiChallengeService challenges, JpkiApplicationVerifier verifier)
    {
        Authority = authority;
        Server = server;
        _http = http;
        _crls = crls;
        Challenges = challenges;
        Verifier = verifier;
    }

    public JpkiTestAuthority Authority { get; }

    public JpkiTestRevocationServer Server { get; }

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
        return new JpkiSetup(authority, server, http, crls, challenges, verifier);
    }

    /// <summary>The simulated card of a person, issued on first use with the four facts of <paramref name="facts"/>.</summary>
    public JpkiTestCard CardOf(string residentId, JpkiFourFacts facts) => _cards.GetOrAdd(
        residentId,
        _ => new Lazy<JpkiTestCard>(() => Authority.IssueCard(new JpkiTestIdentity
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

        await Server.DisposeAsync();
        _crls.Dispose();
        _http.Dispose();
        Authority.Dispose();
    }
}
