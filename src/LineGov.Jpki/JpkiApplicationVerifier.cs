namespace LineGov.Jpki;

/// <summary>
/// An application signed with a My Number Card: the payload (the application form, as bytes), the id of the challenge
/// it answers, and the signature over <see cref="JpkiChallenge.CreateSignedContent"/> of the payload.
/// </summary>
public sealed class JpkiSignedApplication
{
    /// <summary>Creates a signed application.</summary>
    /// <param name="challengeId">The challenge the server issued for this application.</param>
    /// <param name="payload">The application as bytes (for example UTF-8 JSON).</param>
    /// <param name="format">How the signature is encoded.</param>
    /// <param name="signature">The raw PKCS#1 signature, or the CMS SignedData (attached or detached).</param>
    /// <param name="certificate">The signer's certificate; required for <see cref="JpkiSignatureFormat.Raw"/>, optional for CMS that carries it.</param>
    public JpkiSignedApplication(string challengeId, ReadOnlyMemory<byte> payload, JpkiSignatureFormat format, ReadOnlyMemory<byte> signature, JpkiCertificate? certificate)
    {
        ArgumentException.ThrowIfNullOrEmpty(challengeId);
        if (format == JpkiSignatureFormat.Raw && certificate is null)
        {
            throw new ArgumentException("A raw signature needs the signer's certificate.", nameof(certificate));
        }

        ChallengeId = challengeId;
        Payload = payload;
        Format = format;
        Signature = signature;
        Certificate = certificate;
    }

    /// <summary>The challenge id.</summary>
    public string ChallengeId { get; }

    /// <summary>The application payload.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The signature format.</summary>
    public JpkiSignatureFormat Format { get; }

    /// <summary>The signature bytes.</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>The signer's certificate, when given separately.</summary>
    public JpkiCertificate? Certificate { get; }
}

/// <summary>The outcome of verifying a signed application.</summary>
public sealed class JpkiApplicationResult
{
    internal JpkiApplicationResult(JpkiChallengeRedemption redemption, JpkiSignatureResult? signature, IReadOnlyList<JpkiSignatureFailure> failures)
    {
        Redemption = redemption;
        Signature = signature;
        Failures = failures;
    }

    /// <summary>Whether the challenge was live and the signature and certificate are valid.</summary>
    public bool IsValid => Failures.Count == 0 && Signature is { IsValid: true };

    /// <summary>The verified applicant, when valid.</summary>
    public JpkiVerifiedApplicant? Applicant => IsValid ? Signature!.Applicant : null;

    /// <summary>What happened to the challenge.</summary>
    public JpkiChallengeRedemption Redemption { get; }

    /// <summary>The signature verification, when it was made (not for an unknown or expired challenge).</summary>
    public JpkiSignatureResult? Signature { get; }

    /// <summary>Every reason the application is not valid (challenge, binding, signature, certificate); empty when it is.</summary>
    public IReadOnlyList<JpkiSignatureFailure> Failures { get; }

    /// <inheritdoc />
    public override string ToString() =>
        IsValid ? "Valid" : $"Invalid: {string.Join(", ", Failures.Select(f => f.Reason).Distinct())}";
}

/// <summary>
/// Verifies signed applications: redeems the challenge exactly once (a replayed or expired challenge is rejected before
/// any signature work), rebuilds the bytes that had to be signed from the challenge and the payload, and verifies the
/// signature and the certificate. Thread-safe.
/// </summary>
public class JpkiApplicationVerifier
{
    private readonly JpkiSignatureVerifier _signatures;
    private readonly JpkiChallengeService _challenges;

    /// <summary>Creates the verifier.</summary>
    public JpkiApplicationVerifier(JpkiSignatureVerifier signatures, JpkiChallengeService challenges)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentNullException.ThrowIfNull(challenges);
        _signatures = signatures;
        _challenges = challenges;
    }

    /// <summary>Verifies <paramref name="application"/>. The challenge is used up whatever the outcome.</summary>
    public virtual async ValueTask<JpkiApplicationResult> VerifyAsync(
        JpkiSignedApplication application,
        JpkiValidationPolicy? policy = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var redemption = await _challenges.RedeemAsync(application.ChallengeId, cancellationToken).ConfigureAwait(false);
        switch (redemption.Status)
        {
            case JpkiChallengeRedemptionStatus.UnknownOrUsed:
                return new JpkiApplicationResult(redemption, null, [new(JpkiSignatureFailureReason.ChallengeUnknown, "The challenge is unknown or was already used.")]);
            case JpkiChallengeRedemptionStatus.Expired:
                return new JpkiApplicationResult(redemption, null, [new(JpkiSignatureFailureReason.ChallengeExpired, "The challenge has expired; ask for a new one.")]);
        }

        var expected = redemption.Challenge!.CreateSignedContent(application.Payload.Span);
        JpkiSignatureResult signature;
        var failures = new List<JpkiSignatureFailure>();
        if (application.Format == JpkiSignatureFormat.Raw)
        {
            signature = await _signatures.VerifyRawAsync(application.Certificate!, expected, application.Signature, policy, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Attached CMS must carry exactly the expected bytes; detached CMS is verified over them.
            signature = await _signatures.VerifyCmsAsync(application.Signature, application.Certificate, policy, cancellationToken).ConfigureAwait(false);
            if (signature.HasFailure(JpkiSignatureFailureReason.ContentMissing))
            {
                signature = await _signatures.VerifyDetachedCmsAsync(application.Signature, expected, application.Certificate, policy, cancellationToken).ConfigureAwait(false);
            }
            else if (!signature.Content.Span.SequenceEqual(expected))
            {
                // The signature is the resident's but over another document: nothing of it may look valid.
                signature = JpkiSignatureResult.WithFailure(signature, new JpkiSignatureFailure(JpkiSignatureFailureReason.ContentMismatch, "The signed content is not bound to this challenge and payload."));
            }
        }

        failures.AddRange(signature.Failures);
        return new JpkiApplicationResult(redemption, signature, failures);
    }
}
