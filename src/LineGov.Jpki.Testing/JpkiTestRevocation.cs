using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki.Testing;

/// <summary>
/// One revocation in the test authority's state: which certificate, when, why, and whether it was taken back (a
/// certificateHold released, or any revocation undone for a test). Snapshots: a later change makes a new one.
/// </summary>
public sealed class JpkiTestRevocation
{
    internal JpkiTestRevocation(
        JpkiTestCa issuer,
        ReadOnlyMemory<byte> serialNumber,
        JpkiTestCrlPartition partition,
        DateTimeOffset revokedAt,
        X509RevocationReason? reason,
        DateTimeOffset? invalidityDate,
        DateTimeOffset? removedAt,
        long listedAfter,
        long changedAfter,
        long? removedAfter)
    {
        Issuer = issuer;
        SerialNumberBytes = serialNumber;
        Partition = partition;
        RevokedAt = revokedAt;
        Reason = reason;
        InvalidityDate = invalidityDate;
        RemovedAt = removedAt;
        ListedAfter = listedAfter;
        ChangedAfter = changedAfter;
        RemovedAfter = removedAfter;
    }

    /// <summary>The CA (kind and generation) that issued the certificate.</summary>
    public JpkiTestCa Issuer { get; }

    /// <summary>The serial number in upper-case hexadecimal, as <see cref="JpkiCertificate.SerialNumber"/> writes it.</summary>
    public string SerialNumber => Convert.ToHexString(SerialNumberBytes.Span);

    /// <summary>The serial number's DER content bytes.</summary>
    public ReadOnlyMemory<byte> SerialNumberBytes { get; }

    /// <summary>The partition whose CRL lists it.</summary>
    public JpkiTestCrlPartition Partition { get; }

    /// <summary>When it was revoked (the CRL entry's revocationDate, OCSP's revocationTime).</summary>
    public DateTimeOffset RevokedAt { get; }

    /// <summary>Why; <see langword="null"/> = unspecified (no reasonCode).</summary>
    public X509RevocationReason? Reason { get; }

    /// <summary>invalidityDate, when given.</summary>
    public DateTimeOffset? InvalidityDate { get; }

    /// <summary>When the revocation was taken back (delta CRLs list it as removeFromCRL); <see langword="null"/> while revoked.</summary>
    public DateTimeOffset? RemovedAt { get; }

    /// <summary>Whether the certificate is revoked now.</summary>
    public bool IsRevoked => RemovedAt is null;

    /// <summary>The CRL number after which the certificate has been listed without a break (it is in CRLs numbered above it).</summary>
    internal long ListedAfter { get; }

    /// <summary>The CRL number after which this entry last changed (delta CRLs based on a number not above it list it).</summary>
    internal long ChangedAfter { get; }

    /// <summary>The CRL number after which the revocation was taken back.</summary>
    internal long? RemovedAfter { get; }

    /// <summary>Whether a complete CRL numbered <paramref name="crlNumber"/> lists it.</summary>
    internal bool IsListedIn(long crlNumber) => ListedAfter < crlNumber && (RemovedAfter is not { } removed || removed >= crlNumber);

    /// <inheritdoc />
    public override string ToString() =>
        $"{SerialNumber} of {Issuer} in {Partition}: {(IsRevoked ? "revoked" : "removed")} ({Reason?.ToString() ?? "unspecified"})";
}
