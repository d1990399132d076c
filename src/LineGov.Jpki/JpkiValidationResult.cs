namespace LineGov.Jpki;

/// <summary>Why a certificate is not valid.</summary>
public enum JpkiValidationFailureReason
{
    /// <summary>No trust anchor (or intermediate) issued the certificate.</summary>
    UnknownIssuer = 1,

    /// <summary>The issuer's signature on the certificate does not verify.</summary>
    BadSignature,

    /// <summary>The validation time is after notAfter.</summary>
    Expired,

    /// <summary>The validation time is before notBefore.</summary>
    NotYetValid,

    /// <summary>The certificate is revoked (a JPKI signature certificate is revoked whenever a fact changes).</summary>
    Revoked,

    /// <summary>Revocation is required and its status could not be determined.</summary>
    RevocationUnknown,

    /// <summary>The certificate is not of the kind the policy requires (for example an authentication certificate where the four facts are needed).</summary>
    WrongKind,

    /// <summary>The certificate policy is not one the policy accepts (for example a test-card policy).</summary>
    WrongPolicy,

    /// <summary>The key usage is not the one its kind must have.</summary>
    WrongKeyUsage,

    /// <summary>A signature certificate without the four facts.</summary>
    MissingFourFacts,

    /// <summary>A critical extension the validator does not process.</summary>
    UnknownCriticalExtension,

    /// <summary>basicConstraints forbid this path (an end-entity that is a CA, an issuer that is not, a path too long).</summary>
    BasicConstraintsViolation,

    /// <summary>The signature or key algorithm is not supported or not allowed.</summary>
    UnsupportedAlgorithm,

    /// <summary>A name constraint of the path is violated or cannot be processed.</summary>
    NameConstraintViolation,

    /// <summary>The certificate policies of the path do not satisfy its policy constraints.</summary>
    PolicyViolation,

    /// <summary>An extension is malformed.</summary>
    InvalidExtension,

    /// <summary>The anchor that issued the certificate is not trusted to issue its kind (see <see cref="JpkiAnchorUse"/>).</summary>
    AnchorNotTrustedForKind,

    /// <summary>Another problem the platform chain engine reported.</summary>
    Other,
}

/// <summary>One reason a certificate is not valid, or one warning.</summary>
/// <param name="Reason">The reason code.</param>
/// <param name="Message">A sentence for operators; never contains personal data.</param>
/// <param name="ChainIndex">The position in the path it concerns: 0 is the end-entity certificate.</param>
public sealed record JpkiValidationFailure(JpkiValidationFailureReason Reason, string Message, int ChainIndex = 0)
{
    /// <summary>The reason code.</summary>
    public JpkiValidationFailureReason Reason { get; } = Reason;

    /// <summary>A sentence for operators; never contains personal data.</summary>
    public string Message { get; } = Message;

    /// <summary>The position in the path it concerns: 0 is the end-entity certificate.</summary>
    public int ChainIndex { get; } = ChainIndex;
}

/// <summary>How the path was built and checked.</summary>
public enum JpkiValidationPath
{
    /// <summary>The JPKI fast path: the certificate was issued directly by a trust anchor and checked without the platform chain engine.</summary>
    Direct = 0,

    /// <summary>The platform chain engine (<see cref="System.Security.Cryptography.X509Certificates.X509Chain"/>, custom root trust).</summary>
    PlatformChain = 1,
}

/// <summary>One certificate of a validated path.</summary>
public sealed class JpkiChainElement
{
    internal JpkiChainElement(JpkiCertificate certificate, JpkiRevocationStatus? revocation)
    {
        Certificate = certificate;
        Revocation = revocation;
    }

    /// <summary>The certificate.</summary>
    public JpkiCertificate Certificate { get; }

    /// <summary>Its revocation status, or <see langword="null"/> when not checked (trust anchors, revocation mode None).</summary>
    public JpkiRevocationStatus? Revocation { get; }
}

/// <summary>
/// The outcome of a certificate validation: valid, or every reason it is not. Never thrown.
/// </summary>
public sealed class JpkiValidationResult
{
    internal JpkiValidationResult(
        JpkiCertificate certificate,
        DateTimeOffset verificationTime,
        JpkiValidationPath path,
        JpkiTrustAnchor? trustAnchor,
        IReadOnlyList<JpkiChainElement> chain,
        IReadOnlyList<JpkiValidationFailure> failures,
        IReadOnlyList<JpkiValidationFailure> warnings,
        bool revocationChecked)
    {
        Certificate = certificate;
        VerificationTime = verificationTime;
        Path = path;
        TrustAnchor = trustAnchor;
        Chain = chain;
        Failures = failures;
        Warnings = warnings;
        RevocationChecked = revocationChecked;
    }

    /// <summary>Whether the certificate is valid under the policy.</summary>
    public bool IsValid => Failures.Count == 0;

    /// <summary>The validated certificate.</summary>
    public JpkiCertificate Certificate { get; }

    /// <summary>Its kind.</summary>
    public JpkiCertificateKind Kind => Certificate.Kind;

    /// <summary>The instant the validation was made for.</summary>
    public DateTimeOffset VerificationTime { get; }

    /// <summary>How the path was built.</summary>
    public JpkiValidationPath Path { get; }

    /// <summary>The anchor the path ends in, when one was found.</summary>
    public JpkiTrustAnchor? TrustAnchor { get; }

    /// <summary>The path from the end-entity certificate (index 0) to the anchor's certificate, as far as it was built.</summary>
    public IReadOnlyList<JpkiChainElement> Chain { get; }

    /// <summary>Every reason the certificate is not valid; empty when it is.</summary>
    public IReadOnlyList<JpkiValidationFailure> Failures { get; }

    /// <summary>Things worth knowing that do not make it invalid (for example an unknown revocation status under soft-fail).</summary>
    public IReadOnlyList<JpkiValidationFailure> Warnings { get; }

    /// <summary>Whether revocation was checked for every certificate of the path.</summary>
    public bool RevocationChecked { get; }

    /// <summary>Whether <paramref name="reason"/> is among the failures.</summary>
    public bool HasFailure(JpkiValidationFailureReason reason)
    {
        foreach (var failure in Failures)
        {
            if (failure.Reason == reason)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsValid ? $"Valid ({Path})" : $"Invalid: {string.Join(", ", Failures.Select(f => f.Reason).Distinct())}";
}
