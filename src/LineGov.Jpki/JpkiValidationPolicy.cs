using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki;

/// <summary>How revocation is checked.</summary>
public enum JpkiRevocationMode
{
    /// <summary>
    /// Hard-fail, the default: every certificate of the path must be known not to be revoked. When the revocation
    /// checker cannot tell (or none is configured), the certificate is invalid. Use this for anything that pays.
    /// </summary>
    Required = 0,

    /// <summary>Soft-fail: a revoked certificate is invalid; an unknown status is a warning, not a failure.</summary>
    BestEffort = 1,

    /// <summary>No revocation check at all; the result says so. For offline tools and tests only.</summary>
    None = 2,
}

/// <summary>
/// What a validation requires. Immutable; the defaults are the safe ones: a signature certificate (four facts),
/// production policy only, revocation required. Derive variants with <c>with</c>:
/// <c>JpkiValidationPolicy.Default with { RevocationMode = JpkiRevocationMode.None }</c>.
/// </summary>
public sealed record JpkiValidationPolicy
{
    /// <summary>The default policy.</summary>
    public static JpkiValidationPolicy Default { get; } = new();

    /// <summary>Which certificate kinds are accepted. Default: <see cref="JpkiKindRequirement.Signature"/>.</summary>
    public JpkiKindRequirement RequiredKind { get; init; } = JpkiKindRequirement.Signature;

    /// <summary>How revocation is checked. Default: <see cref="JpkiRevocationMode.Required"/>.</summary>
    public JpkiRevocationMode RevocationMode { get; init; } = JpkiRevocationMode.Required;

    /// <summary>The instant to validate at; <see langword="null"/> (the default) takes the validator's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset? VerificationTime { get; init; }

    /// <summary>Whether the J-LIS test-card signature policy (<see cref="JpkiOids.SignatureTestPolicy"/>) is accepted. Default: no.</summary>
    public bool AcceptTestCardPolicy { get; init; }

    /// <summary>
    /// Intermediate certificates that may be used to build the path. JPKI has none; when any is given, or the issuer is
    /// not an anchor, the platform chain engine builds the path.
    /// </summary>
    public IReadOnlyList<X509Certificate2> ExtraCertificates { get; init; } = [];
}
