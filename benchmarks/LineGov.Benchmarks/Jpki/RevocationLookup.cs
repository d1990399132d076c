using BenchmarkDotNet.Attributes;
using LineGov.Jpki;
using LineGov.Jpki.Testing;

namespace LineGov.Benchmarks.Jpki;

/// <summary>
/// A warm revocation lookup: the OCSP client answering from its cache, and the CRL store answering from a
/// municipality CRL of 100,000 entries (listed and not listed). Target: each ≤ 1 µs. Baseline: the naive way, a
/// HashSet of serial numbers as hexadecimal strings.
/// </summary>
[MemoryDiagnoser]
public class RevocationLookup
{
    private JpkiTestAuthority _authority = null!;
    private JpkiTestRevocationServer _server = null!;
    private HttpClient _http = null!;
    private JpkiOcspClient _ocsp = null!;
    private JpkiCrlStore _crls = null!;
    private JpkiCertificate _good = null!;
    private JpkiCertificate _revoked = null!;
    private JpkiCertificate _issuer = null!;
    private HashSet<string> _naive = null!;
    private DateTimeOffset _at;

    [GlobalSetup]
    public void Setup()
    {
        _authority = JpkiTestAuthority.Create(new JpkiTestAuthorityOptions { ReuseCardKeys = true });
        _server = JpkiTestRevocationServer.Start(_authority);
        _http = new HttpClient();
        _good = Issue();
        _revoked = Issue();
        _authority.Revoke(_revoked, _authority.Now.AddHours(-1));
        var ca = _authority.GetCa(JpkiCertificateKind.Signature);
        _issuer = ca.Parsed;
        _at = _authority.Now;

        var builder = _authority.CreateCrlBuilder(ca);
        builder.SyntheticEntryCount = 100_000;
        var crl = JpkiCrl.Parse(builder.Build());
        _crls = new JpkiCrlStore(new JpkiCrlStoreOptions(), _authority.CreateTrustStore());
        if (!_crls.Add(crl, "tohma"))
        {
            throw new InvalidOperationException("The CRL does not verify.");
        }

        _naive = [.. crl.Entries.Select(e => e.SerialNumber)];
        _ocsp = new JpkiOcspClient(_http, new JpkiOcspClientOptions());
        if (_ocsp.CheckAsync(_good, _issuer, _at).AsTask().GetAwaiter().GetResult().State != JpkiRevocationState.Good ||
            _crls.Check(_good, _issuer, _at).State != JpkiRevocationState.Good ||
            _crls.Check(_revoked, _issuer, _at).State != JpkiRevocationState.Revoked)
        {
            throw new InvalidOperationException("The sources disagree with the authority.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _crls.Dispose();
        _http.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _authority.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Naive: HashSet of hex serials")]
    public bool Naive() => _naive.Contains(_good.SerialNumberBytes.Span.ToArray() is var bytes ? Convert.ToHexString(bytes) : string.Empty);

    [Benchmark(Description = "OCSP cache hit")]
    public JpkiRevocationState OcspCacheHit()
    {
        var task = _ocsp.CheckAsync(_good, _issuer, _at);
        return task.IsCompletedSuccessfully ? task.Result.State : task.AsTask().GetAwaiter().GetResult().State;
    }

    [Benchmark(Description = "CRL store, not listed")]
    public JpkiRevocationState CrlGood() => _crls.Check(_good, _issuer, _at).State;

    [Benchmark(Description = "CRL store, listed")]
    public JpkiRevocationState CrlRevoked() => _crls.Check(_revoked, _issuer, _at).State;

    private JpkiCertificate Issue()
    {
        using var certificate = _authority.IssueSignatureCertificate(JpkiTestIdentity.Default);
        return JpkiCertificate.FromX509Certificate(certificate);
    }
}
