namespace LineGov.Jpki;

/// <summary>Why a signature or a signed application is not valid.</summary>
public enum JpkiSignatureFailureReason
{
    /// <summary>The signature does not verify with the certificate's key.</summary>
    SignatureInvalid = 1,

    /// <summary>The signature or the CMS message is not well-formed.</summary>
    Malformed,

    /// <summary>A digest, signature or key algorithm is not supported.</summary>
    UnsupportedAlgorithm,

    /// <summary>The CMS message does not carry the signer's certificate and none was given.</summary>
    SignerCertificateMissing,

    /// <summary>The CMS signer identifier does not match the certificate.</summary>
    SignerMismatch,

    /// <summary>A detached CMS signature was given without its content.</summary>
    ContentMissing,

    /// <summary>The signed content is not the one expected (for an application: not bound to its challenge and payload).</summary>
    ContentMismatch,

    /// <summary>The CMS messageDigest attribute does not match the content.</summary>
    MessageDigestMismatch,

    /// <summary>The certificate is not valid; the certificate validation result has every reason.</summary>
    CertificateInvalid,

    /// <summary>The challenge is unknown or was already used: a replay, or a forged id.</summary>
    ChallengeUnknown,

    /// <summary>The challenge has expired.</summary>
    ChallengeExpired,
}

/// <summary>One reason a signature or signed application is not valid.</summary>
/// <param name="Reason">The reason code.</param>
/// <param name="Message">A sentence for operators; never contains personal data.</param>
public sealed record JpkiSignatureFailure(JpkiSignatureFailureReason Reason, string Message)
{
    /// <summary>The reason code.</summary>
    public JpkiSignatureFailureReason Reason { get; } = Reason;

    /// <summary>A sentence for operators; never contains personal data.</summary>
    public string Message { get; } = Message;
}

/// <summary>How a signed application's signature is encoded.</summary>
public enum JpkiSignatureFormat
{
    /// <summary>A raw RSA PKCS#1 v1.5 SHA-256 signature, as a phone reading the card produces.</summary>
    Raw = 0,

    /// <summary>CMS SignedData (attached or detached), as host software produces.</summary>
    Cms = 1,
}

/// <summary>The resident a valid signature proves: the certificate, its four facts (signature kind) and when it was verified.</summary>
public sealed class JpkiVerifiedApplicant
{
    internal JpkiVerifiedApplicant(JpkiCertificate certificate, DateTimeOffset verifiedAt)
    {
        Certificate = certificate;
        VerifiedAt = verifiedAt;
    }

    /// <summary>The signer's certificate.</summary>
    public JpkiCertificate Certificate { get; }

    /// <summary>The certificate's kind.</summary>
    public JpkiCertificateKind Kind => Certificate.Kind;

    /// <summary>The four facts, for a signature certificate; <see langword="null"/> for an authentication certificate.</summary>
    public JpkiFourFacts? FourFacts => Certificate.FourFacts;

    /// <summary>The instant the certificate was validated for.</summary>
    public DateTimeOffset VerifiedAt { get; }

    /// <summary>Returns the kind and the certificate serial number; never the four facts.</summary>
    public override string ToString() => $"JpkiVerifiedApplicant {{ Kind = {Kind}, SerialNumber = {Certificate.SerialNumber} }}";
}

/// <summary>The outcome of a signature verification: the signature and the signer's certificate, with every reason.</summary>
public sealed class JpkiSignatureResult
{
    internal JpkiSignatureResult(
        IReadOnlyList<JpkiSignatureFailure> failures,
        JpkiValidationResult? certificateValidation,
        ReadOnlyMemory<byte> content,
        DateTimeOffset? signingTime)
    {
        IReadOnlyList<JpkiSignatureFailure> all = failures;
        if (certificateValidation is { IsValid: false })
        {
            all = [.. failures, new JpkiSignatureFailure(JpkiSignatureFailureReason.CertificateInvalid, "The signer's certificate is not valid: " + certificateValidation)];
        }

        Failures = all;
        CertificateValidation = certificateValidation;
        Content = content;
        SigningTime = signingTime;
        if (all.Count == 0 && certificateValidation is not null)
        {
            Applicant = new JpkiVerifiedApplicant(certificateValidation.Certificate, certificateValidation.VerificationTime);
        }
    }

    /// <summary>Whether the signature verifies and the certificate is valid.</summary>
    public bool IsValid => Applicant is not null;

    /// <summary>The verified applicant, when valid.</summary>
    public JpkiVerifiedApplicant? Applicant { get; }

    /// <summary>Every reason it is not valid; empty when it is.</summary>
    public IReadOnlyList<JpkiSignatureFailure> Failures { get; }

    /// <summary>The certificate validation, when a certificate was found.</summary>
    public JpkiValidationResult? CertificateValidation { get; }

    /// <summary>The signed content (for CMS, the encapsulated or detached content).</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>The CMS signingTime attribute, when present. Claimed by the signer; informational only.</summary>
    public DateTimeOffset? SigningTime { get; }

    internal static JpkiSignatureResult WithFailure(JpkiSignatureResult result, JpkiSignatureFailure failure) =>
        new([.. result.Failures.Where(f => f.Reason != JpkiSignatureFailureReason.CertificateInvalid), failure], result.CertificateValidation, result.Content, result.SigningTime);

    /// <summary>Whether <paramref name="reason"/> is among the failures.</summary>
    public bool HasFailure(JpkiSignatureFailureReason reason) => Failures.Any(f => f.Reason == reason);

    /// <inheritdoc />
    public override string ToString() =>
        IsValid ? "Valid" : $"Invalid: {string.Join(", ", Failures.Select(f => f.Reason).Distinct())}";
}
