using System.Security.Cryptography;

namespace LineGov.Jpki;

/// <summary>
/// Verifies signatures made with a My Number Card: raw RSA PKCS#1 v1.5 SHA-256 signatures (over data, or over a digest
/// the caller computed) and CMS SignedData (attached or detached), and validates the signer's certificate. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var verifier = new JpkiSignatureVerifier(new JpkiCertificateValidator());
/// var result = await verifier.VerifyRawAsync(certificate, data, signature, cancellationToken: ct);
/// if (result.IsValid) { var facts = result.Applicant!.FourFacts; }
/// </code>
/// </example>
public class JpkiSignatureVerifier
{
    /// <summary>The smallest RSA key accepted for an application signature.</summary>
    public const int MinimumRsaKeySize = 2048;

    /// <summary>The largest CMS message accepted (an application with its signer certificate is a few kilobytes).</summary>
    public const int MaxCmsLength = 8 * 1024 * 1024;

    private readonly JpkiCertificateValidator _validator;

    /// <summary>Creates a verifier that validates signer certificates with <paramref name="validator"/>.</summary>
    public JpkiSignatureVerifier(JpkiCertificateValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        _validator = validator;
    }

    /// <summary>Tests set this to send every CMS message through <see cref="System.Security.Cryptography.Pkcs.SignedCms"/>.</summary>
    internal bool ForcePlatformCms { get; set; }

    /// <summary>The certificate validator in use.</summary>
    public JpkiCertificateValidator Validator => _validator;

    /// <summary>Verifies a raw RSA PKCS#1 v1.5 SHA-256 signature over <paramref name="data"/> and validates the certificate.</summary>
    public virtual ValueTask<JpkiSignatureResult> VerifyRawAsync(
        JpkiCertificate certificate,
        ReadOnlyMemory<byte> data,
        ReadOnlyMemory<byte> signature,
        JpkiValidationPolicy? policy = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data.Span, digest);
        return VerifyRawCoreAsync(certificate, digest.ToArray(), signature, data, policy, cancellationToken);
    }

    /// <summary>
    /// Verifies a raw RSA PKCS#1 v1.5 signature over a SHA-256 <paramref name="sha256Digest"/> (the card signs a
    /// DigestInfo the app built; it does no hashing) and validates the certificate.
    /// </summary>
    /// <exception cref="ArgumentException">The digest is not 32 bytes.</exception>
    public virtual ValueTask<JpkiSignatureResult> VerifyRawDigestAsync(
        JpkiCertificate certificate,
        ReadOnlyMemory<byte> sha256Digest,
        ReadOnlyMemory<byte> signature,
        JpkiValidationPolicy? policy = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (sha256Digest.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("A SHA-256 digest is 32 bytes.", nameof(sha256Digest));
        }

        return VerifyRawCoreAsync(certificate, sha256Digest.ToArray(), signature, default, policy, cancellationToken);
    }

    /// <summary>
    /// Verifies attached CMS SignedData (the content inside) with exactly one signer and validates the signer's
    /// certificate (taken from the message, or <paramref name="certificate"/> when the message does not carry it; when both
    /// exist they must be the same certificate, or the result is <see cref="JpkiSignatureFailureReason.SignerMismatch"/>).
    /// </summary>
    /// <param name="signedData">The DER (or BER) of the ContentInfo.</param>
    /// <param name="certificate">The signer's certificate, when the message does not carry it.</param>
    /// <param name="policy">The validation policy, or the validator's default.</param>
    /// <param name="cancellationToken">Cancels the revocation check.</param>
    public virtual ValueTask<JpkiSignatureResult> VerifyCmsAsync(
        ReadOnlyMemory<byte> signedData,
        JpkiCertificate? certificate = null,
        JpkiValidationPolicy? policy = null,
        CancellationToken cancellationToken = default) =>
        VerifyCmsCoreAsync(signedData, null, certificate, policy, cancellationToken);

    /// <summary>Verifies detached CMS SignedData over <paramref name="content"/>; otherwise as <see cref="VerifyCmsAsync"/>.</summary>
    /// <param name="signedData">The DER (or BER) of the ContentInfo, without the content.</param>
    /// <param name="content">The signed content.</param>
    /// <param name="certificate">The signer's certificate, when the message does not carry it.</param>
    /// <param name="policy">The validation policy, or the validator's default.</param>
    /// <param name="cancellationToken">Cancels the revocation check.</param>
    public virtual ValueTask<JpkiSignatureResult> VerifyDetachedCmsAsync(
        ReadOnlyMemory<byte> signedData,
        ReadOnlyMemory<byte> content,
        JpkiCertificate? certificate = null,
        JpkiValidationPolicy? policy = null,
        CancellationToken cancellationToken = default) =>
        VerifyCmsCoreAsync(signedData, content, certificate, policy, cancellationToken);

    private async ValueTask<JpkiSignatureResult> VerifyCmsCoreAsync(
        ReadOnlyMemory<byte> signedData,
        ReadOnlyMemory<byte>? detachedContent,
        JpkiCertificate? certificate,
        JpkiValidationPolicy? policy,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (signedData.Length > MaxCmsLength)
        {
            return Fail(JpkiSignatureFailureReason.Malformed, $"The CMS message is larger than {MaxCmsLength} bytes.");
        }

        CmsSignedData? direct;
        try
        {
            direct = ForcePlatformCms ? null : CmsSignedData.TryReadDirect(signedData);
        }
        catch (JpkiFormatException e)
        {
            return Fail(JpkiSignatureFailureReason.Malformed, e.Message);
        }

        if (direct is null)
        {
            return await VerifyPlatformCmsAsync(signedData, detachedContent, certificate, policy, cancellationToken).ConfigureAwait(false);
        }

        if (direct.EncapsulatedContent is not null && detachedContent is not null)
        {
            return Fail(JpkiSignatureFailureReason.ContentMismatch, "The message carries its content; verify it as attached CMS.");
        }

        if ((direct.EncapsulatedContent is { Length: > 0 } encapsulated ? encapsulated : detachedContent) is not { } content)
        {
            return Fail(JpkiSignatureFailureReason.ContentMissing, "The CMS signature is detached and no content was given.");
        }

        var signer = direct.FindSignerCertificate();
        if (signer is not null && certificate is not null && !IsSame(signer, certificate))
        {
            return Fail(JpkiSignatureFailureReason.SignerMismatch, "The message's signer certificate is not the certificate given.");
        }

        if (signer is null && certificate is not null)
        {
            if (!direct.Identifies(certificate))
            {
                return Fail(JpkiSignatureFailureReason.SignerMismatch, "The signer identifier does not name the given certificate.");
            }

            signer = certificate;
        }

        if (signer is null)
        {
            return direct.HasUnreadableCertificate
                ? Fail(JpkiSignatureFailureReason.Malformed, "A certificate in the message cannot be read.")
                : Fail(JpkiSignatureFailureReason.SignerCertificateMissing, "The signer's certificate is not in the message and none was given.");
        }

        JpkiSignatureFailure? failure;
        using (var key = SignatureAlgorithms.TryImportRsa(signer))
        {
            failure = key is null
                ? new JpkiSignatureFailure(JpkiSignatureFailureReason.UnsupportedAlgorithm, "The signer's key is not RSA.")
                : CheckKeySize(key) ?? direct.Verify(content.Span, key);
        }

        var validation = await ValidateSignerAsync(signer, policy, failure is null, cancellationToken).ConfigureAwait(false);
        return Complete(failure, validation, content, direct.SigningTime, "cms");
    }

    private async ValueTask<JpkiSignatureResult> VerifyRawCoreAsync(
        JpkiCertificate certificate,
        byte[] digest,
        ReadOnlyMemory<byte> signature,
        ReadOnlyMemory<byte> content,
        JpkiValidationPolicy? policy,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        JpkiSignatureFailure? failure;
        using (var key = SignatureAlgorithms.TryImportRsa(certificate))
        {
            if (key is null)
            {
                failure = new JpkiSignatureFailure(JpkiSignatureFailureReason.UnsupportedAlgorithm, "The certificate's key is not RSA.");
            }
            else if (CheckKeySize(key) is { } sizeFailure)
            {
                failure = sizeFailure;
            }
            else if (signature.Length != key.KeySize / 8)
            {
                failure = new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "The signature is not as long as the key's modulus.");
            }
            else
            {
                bool verified;
                try
                {
                    verified = key.VerifyHash(digest, signature.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                }
                catch (CryptographicException)
                {
                    verified = false;
                }

                failure = verified ? null : new JpkiSignatureFailure(JpkiSignatureFailureReason.SignatureInvalid, "The signature does not verify with the certificate's key.");
            }
        }

        var validation = await ValidateSignerAsync(certificate, policy, failure is null, cancellationToken).ConfigureAwait(false);
        return Complete(failure, validation, content, null, "raw");
    }

    private async ValueTask<JpkiSignatureResult> VerifyPlatformCmsAsync(
        ReadOnlyMemory<byte> signedData,
        ReadOnlyMemory<byte>? detachedContent,
        JpkiCertificate? certificate,
        JpkiValidationPolicy? policy,
        CancellationToken cancellationToken)
    {
        var (signer, failure, content, signingTime) = PlatformCms.Verify(signedData, detachedContent, certificate);
        if (signer is null)
        {
            return Complete(failure, null, default, null, "cms");
        }

        if (certificate is not null && !IsSame(signer, certificate))
        {
            return Fail(JpkiSignatureFailureReason.SignerMismatch, "The message's signer certificate is not the certificate given.");
        }

        if (failure is null)
        {
            using var key = SignatureAlgorithms.TryImportRsa(signer);
            failure = key is null
                ? new JpkiSignatureFailure(JpkiSignatureFailureReason.UnsupportedAlgorithm, "The signer's key is not RSA.")
                : CheckKeySize(key);
        }

        var validation = await ValidateSignerAsync(signer, policy, failure is null, cancellationToken).ConfigureAwait(false);
        return Complete(failure, validation, content, signingTime, "cms");
    }

    /// <summary>
    /// Validates the signer's certificate. When the signature itself failed, revocation is not asked: a junk request must
    /// not cost an OCSP or CRL lookup, nor tell its sender whether a resident's certificate is revoked.
    /// </summary>
    private ValueTask<JpkiValidationResult> ValidateSignerAsync(JpkiCertificate signer, JpkiValidationPolicy? policy, bool signatureValid, CancellationToken cancellationToken)
    {
        if (signatureValid)
        {
            return _validator.ValidateAsync(signer, policy, cancellationToken);
        }

        var withoutRevocation = (policy ?? _validator.DefaultPolicy) with { RevocationMode = JpkiRevocationMode.None };
        return _validator.ValidateAsync(signer, withoutRevocation, cancellationToken);
    }

    private static bool IsSame(JpkiCertificate a, JpkiCertificate b) => a.RawData.Span.SequenceEqual(b.RawData.Span);

    private static JpkiSignatureFailure? CheckKeySize(RSA key) =>
        key.KeySize < MinimumRsaKeySize
            ? new JpkiSignatureFailure(JpkiSignatureFailureReason.UnsupportedAlgorithm, $"The RSA key is shorter than {MinimumRsaKeySize} bits.")
            : null;

    private static JpkiSignatureResult Fail(JpkiSignatureFailureReason reason, string message) =>
        Complete(new JpkiSignatureFailure(reason, message), null, default, null, "cms");

    private static JpkiSignatureResult Complete(JpkiSignatureFailure? failure, JpkiValidationResult? validation, ReadOnlyMemory<byte> content, DateTimeOffset? signingTime, string format)
    {
        IReadOnlyList<JpkiSignatureFailure> failures = failure is not null
            ? [failure]
            : validation is null ? [new JpkiSignatureFailure(JpkiSignatureFailureReason.SignerCertificateMissing, "No signer certificate was found.")] : [];
        var result = new JpkiSignatureResult(failures, validation, content, signingTime);
        JpkiDiagnostics.RecordSignature(result.IsValid, format);
        return result;
    }
}
