using System.Security.Cryptography;

namespace LineGov.Jpki.Testing;

/// <summary>Deliberate defects a test certificate can carry, to exercise every failure reason of the validator.</summary>
[Flags]
public enum JpkiTestDefects
{
    /// <summary>A well-formed certificate.</summary>
    None = 0,

    /// <summary>notAfter lies before the authority's current time.</summary>
    Expired = 1 << 0,

    /// <summary>notBefore lies after the authority's current time.</summary>
    NotYetValid = 1 << 1,

    /// <summary>A non-JPKI certificate policy instead of the kind's policy.</summary>
    WrongPolicy = 1 << 2,

    /// <summary>The J-LIS test-card signature policy (<see cref="JpkiOids.SignatureTestPolicy"/>).</summary>
    TestCardPolicy = 1 << 3,

    /// <summary>keyEncipherment instead of the kind's key usage.</summary>
    WrongKeyUsage = 1 << 4,

    /// <summary>The right key usage, but not marked critical.</summary>
    KeyUsageNotCritical = 1 << 5,

    /// <summary>A critical extension no validator knows (OID 1.3.6.1.4.1.55555.1.1).</summary>
    UnknownCriticalExtension = 1 << 6,

    /// <summary>basicConstraints cA = true on an end-entity certificate.</summary>
    CertificateAuthority = 1 << 7,

    /// <summary>The issuer's signature is corrupted (one bit flipped).</summary>
    BadSignature = 1 << 8,

    /// <summary>A signature certificate without the four facts.</summary>
    MissingFourFacts = 1 << 9,

    /// <summary>No authority key identifier: the issuer must be found by trying signatures.</summary>
    NoAuthorityKeyIdentifier = 1 << 10,

    /// <summary>No cRLDistributionPoints extension: a CRL-based checker cannot find the certificate's partition.</summary>
    NoCrlDistributionPoints = 1 << 11,
}

/// <summary>How to mint one test certificate.</summary>
public sealed record JpkiTestCertificateOptions
{
    /// <summary>The CA generation that issues it (<c>01</c>, <c>02</c>, <c>03</c>…); <see langword="null"/> = the newest.</summary>
    public string? Generation { get; init; }

    /// <summary>Start of validity; <see langword="null"/> = one day before the authority's current time (or as a defect needs).</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>End of validity; <see langword="null"/> = five years later, within the CA's validity (or as a defect needs).</summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>Defects to build in.</summary>
    public JpkiTestDefects Defects { get; init; }

    /// <summary>The key to certify; <see langword="null"/> = a new RSA key (or one of the authority's pool when it reuses keys).</summary>
    public RSA? Key { get; init; }

    /// <summary>The serial number's bytes (big-endian, positive); <see langword="null"/> = 16 random bytes.</summary>
    public ReadOnlyMemory<byte>? SerialNumber { get; init; }

    /// <summary>
    /// The municipality partition whose CRL lists the certificate (its cRLDistributionPoints directory name);
    /// <see langword="null"/> = the authority's <see cref="JpkiTestAuthorityOptions.DefaultCrlPartition"/>. Chosen per
    /// certificate, never derived from the four facts.
    /// </summary>
    public JpkiTestCrlPartition? CrlPartition { get; init; }

    /// <summary>The OCSP responder for authorityInfoAccess; <see langword="null"/> = the authority's <see cref="JpkiTestAuthority.OcspUri"/> (none when that is unset).</summary>
    public Uri? OcspUri { get; init; }

    /// <summary>A URI distribution point to add beside the directory name; <see langword="null"/> = the partition's URL under the authority's <see cref="JpkiTestAuthority.CrlBaseUri"/> (none when that is unset).</summary>
    public Uri? CrlUri { get; init; }
}
