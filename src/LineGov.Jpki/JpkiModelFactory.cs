namespace LineGov.Jpki;

/// <summary>
/// Builds LineGov.Jpki result models for tests that mock <see cref="JpkiCertificateValidator"/>,
/// <see cref="JpkiSignatureVerifier"/> or <see cref="JpkiApplicationVerifier"/> (their methods are virtual). Production
/// code never needs it: results come from the validators.
/// </summary>
/// <example>
/// <code>
/// var validator = Substitute.For&lt;JpkiCertificateValidator&gt;(null, null, null, null);
/// validator.ValidateAsync(default!).ReturnsForAnyArgs(JpkiModelFactory.ValidationResult(certificate, now));
/// </code>
/// </example>
public static class JpkiModelFactory
{
    /// <summary>A validation result: valid when <paramref name="failures"/> is empty.</summary>
    public static JpkiValidationResult ValidationResult(
        JpkiCertificate certificate,
        DateTimeOffset verificationTime,
        IEnumerable<JpkiValidationFailure>? failures = null,
        JpkiValidationPath path = JpkiValidationPath.Direct,
        JpkiTrustAnchor? trustAnchor = null,
        IEnumerable<JpkiChainElement>? chain = null,
        IEnumerable<JpkiValidationFailure>? warnings = null,
        bool revocationChecked = true)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new JpkiValidationResult(
            certificate,
            verificationTime,
            path,
            trustAnchor,
            chain?.ToArray() ?? [new JpkiChainElement(certificate, null)],
            failures?.ToArray() ?? [],
            warnings?.ToArray() ?? [],
            revocationChecked);
    }

    /// <summary>A signature result: valid when <paramref name="failures"/> is empty and the certificate validation is valid.</summary>
    public static JpkiSignatureResult SignatureResult(
        JpkiValidationResult? certificateValidation,
        IEnumerable<JpkiSignatureFailure>? failures = null,
        ReadOnlyMemory<byte> content = default,
        DateTimeOffset? signingTime = null) =>
        new(failures?.ToArray() ?? [], certificateValidation, content, signingTime);

    /// <summary>A signed-application result.</summary>
    public static JpkiApplicationResult ApplicationResult(
        JpkiChallengeRedemption redemption,
        JpkiSignatureResult? signature,
        IEnumerable<JpkiSignatureFailure>? failures = null)
    {
        ArgumentNullException.ThrowIfNull(redemption);
        return new JpkiApplicationResult(redemption, signature, failures?.ToArray() ?? []);
    }

    /// <summary>One element of a validated path.</summary>
    public static JpkiChainElement ChainElement(JpkiCertificate certificate, JpkiRevocationStatus? revocation = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new JpkiChainElement(certificate, revocation);
    }

    /// <summary>A trust anchor, as a validation result reports it.</summary>
    public static JpkiTrustAnchor TrustAnchor(JpkiCertificate certificate, JpkiTrustAnchorSource source = JpkiTrustAnchorSource.Added, JpkiAnchorUse use = JpkiAnchorUse.Signature | JpkiAnchorUse.Authentication)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new JpkiTrustAnchor(certificate, source, null, use);
    }
}
