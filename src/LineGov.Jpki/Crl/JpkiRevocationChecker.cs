namespace LineGov.Jpki;

/// <summary>Which revocation sources are asked, in what order.</summary>
public enum JpkiRevocationSources
{
    /// <summary>OCSP first; the CRL store when OCSP cannot tell (down, tryLater, no responder). The default.</summary>
    OcspThenCrl = 0,

    /// <summary>Only the CRL store.</summary>
    CrlOnly = 1,

    /// <summary>Only OCSP.</summary>
    OcspOnly = 2,
}

/// <summary>Settings of a <see cref="JpkiRevocationChecker"/>.</summary>
public sealed class JpkiRevocationCheckerOptions
{
    /// <summary>Which sources are asked, in what order. Default: <see cref="JpkiRevocationSources.OcspThenCrl"/>.</summary>
    public JpkiRevocationSources Sources { get; set; } = JpkiRevocationSources.OcspThenCrl;
}

/// <summary>
/// The revocation checker the validator's seam calls: OCSP (<see cref="JpkiOcspClient"/>) and the CRL store
/// (<see cref="JpkiCrlStore"/>) in the order the caller chose. Every answer says where it came from and how fresh it is;
/// when no source can tell, the answer is Unknown with each source's reason, and the validator's
/// <see cref="JpkiRevocationMode"/> decides between hard-fail (the default) and soft-fail. Thread-safe.
/// </summary>
public class JpkiRevocationChecker : IJpkiRevocationChecker
{
    private readonly JpkiRevocationCheckerOptions _options;
    private readonly JpkiOcspClient? _ocsp;
    private readonly JpkiCrlStore? _crls;

    /// <summary>Creates the checker; give the sources its options name.</summary>
    /// <exception cref="ArgumentException">A source the options need is missing.</exception>
    public JpkiRevocationChecker(JpkiRevocationCheckerOptions? options, JpkiOcspClient? ocsp, JpkiCrlStore? crls)
    {
        _options = options ?? new JpkiRevocationCheckerOptions();
        _ocsp = ocsp;
        _crls = crls;
        if (_options.Sources != JpkiRevocationSources.CrlOnly && ocsp is null)
        {
            throw new ArgumentException($"Revocation sources {_options.Sources} need an OCSP client.", nameof(ocsp));
        }

        if (_options.Sources != JpkiRevocationSources.OcspOnly && crls is null)
        {
            throw new ArgumentException($"Revocation sources {_options.Sources} need a CRL store.", nameof(crls));
        }
    }

    /// <summary>The order of sources in use.</summary>
    public JpkiRevocationSources Sources => _options.Sources;

    /// <inheritdoc />
    public virtual async ValueTask<JpkiRevocationStatus> CheckAsync(JpkiRevocationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (_options.Sources)
        {
            case JpkiRevocationSources.CrlOnly:
                return _crls!.Check(request.Certificate, request.Issuer, request.ValidationTime);
            case JpkiRevocationSources.OcspOnly:
                return await _ocsp!.CheckAsync(request.Certificate, request.Issuer, request.ValidationTime, cancellationToken).ConfigureAwait(false);
            default:
                var ocsp = await _ocsp!.CheckAsync(request.Certificate, request.Issuer, request.ValidationTime, cancellationToken).ConfigureAwait(false);
                if (ocsp.State != JpkiRevocationState.Unknown)
                {
                    return ocsp;
                }

                var crl = _crls!.Check(request.Certificate, request.Issuer, request.ValidationTime);
                return crl.State != JpkiRevocationState.Unknown
                    ? crl
                    : JpkiRevocationStatus.Unknown($"{ocsp.Source}+{crl.Source}", $"OCSP: {ocsp.Detail} CRL: {crl.Detail}");
        }
    }
}
