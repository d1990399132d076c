using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki;

/// <summary>
/// The revocation seam: the validator asks it about every certificate of the path (not the trust anchor). Implement
/// it over CRLs, OCSP or a register of your own; it must be thread-safe.
/// </summary>
public interface IJpkiRevocationChecker
{
    /// <summary>Says whether <paramref name="request"/>'s certificate was revoked at the validation time.</summary>
    /// <remarks>Return <see cref="JpkiRevocationStatus.Unknown"/> when the answer cannot be had; throw only for misuse.</remarks>
    ValueTask<JpkiRevocationStatus> CheckAsync(JpkiRevocationRequest request, CancellationToken cancellationToken = default);
}

/// <summary>One revocation question: this certificate, issued by that one, at this instant.</summary>
public sealed class JpkiRevocationRequest
{
    /// <summary>Creates a request.</summary>
    public JpkiRevocationRequest(JpkiCertificate certificate, JpkiCertificate issuer, DateTimeOffset validationTime, int chainIndex)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        Certificate = certificate;
        Issuer = issuer;
        ValidationTime = validationTime;
        ChainIndex = chainIndex;
    }

    /// <summary>The certificate whose status is asked.</summary>
    public JpkiCertificate Certificate { get; }

    /// <summary>Its issuer (a trust anchor or an intermediate).</summary>
    public JpkiCertificate Issuer { get; }

    /// <summary>The instant the validation is made for.</summary>
    public DateTimeOffset ValidationTime { get; }

    /// <summary>The certificate's position in the path: 0 is the end-entity certificate.</summary>
    public int ChainIndex { get; }
}

/// <summary>Whether a certificate is revoked.</summary>
public enum JpkiRevocationState
{
    /// <summary>The source says the certificate is not revoked.</summary>
    Good = 0,

    /// <summary>The source says the certificate is revoked.</summary>
    Revoked = 1,

    /// <summary>No source could tell.</summary>
    Unknown = 2,
}

/// <summary>An answer about revocation, with where it came from and how fresh it is. Create it with the factory methods.</summary>
public sealed class JpkiRevocationStatus
{
    private JpkiRevocationStatus(JpkiRevocationState state, string source, DateTimeOffset? revocationTime, X509RevocationReason? revocationReason, DateTimeOffset? thisUpdate, DateTimeOffset? nextUpdate, string? detail)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        State = state;
        Source = source;
        RevocationTime = revocationTime;
        RevocationReason = revocationReason;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        Detail = detail;
    }

    /// <summary>Good, revoked or unknown.</summary>
    public JpkiRevocationState State { get; }

    /// <summary>Where the answer came from (for example <c>ocsp:http://…</c>, <c>crl:…</c>, <c>none</c>).</summary>
    public string Source { get; }

    /// <summary>When it was revoked, for a revoked certificate.</summary>
    public DateTimeOffset? RevocationTime { get; }

    /// <summary>Why it was revoked, when the source says.</summary>
    public X509RevocationReason? RevocationReason { get; }

    /// <summary>When the source's information was produced (CRL thisUpdate, OCSP thisUpdate).</summary>
    public DateTimeOffset? ThisUpdate { get; }

    /// <summary>When the source promises newer information (CRL or OCSP nextUpdate).</summary>
    public DateTimeOffset? NextUpdate { get; }

    /// <summary>Why the status is unknown, for <see cref="JpkiRevocationState.Unknown"/>.</summary>
    public string? Detail { get; }

    /// <summary>A good status.</summary>
    public static JpkiRevocationStatus Good(string source, DateTimeOffset? thisUpdate = null, DateTimeOffset? nextUpdate = null) =>
        new(JpkiRevocationState.Good, source, null, null, thisUpdate, nextUpdate, null);

    /// <summary>A revoked status.</summary>
    public static JpkiRevocationStatus Revoked(string source, DateTimeOffset revocationTime, X509RevocationReason? reason = null, DateTimeOffset? thisUpdate = null, DateTimeOffset? nextUpdate = null) =>
        new(JpkiRevocationState.Revoked, source, revocationTime, reason, thisUpdate, nextUpdate, null);

    /// <summary>An unknown status with the reason.</summary>
    public static JpkiRevocationStatus Unknown(string source, string detail) =>
        new(JpkiRevocationState.Unknown, source, null, null, null, null, detail);

    /// <inheritdoc />
    public override string ToString() => $"{State} ({Source})";
}
