using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineGov.Jpki;

/// <summary>Settings of a <see cref="JpkiCertificateValidator"/>.</summary>
public sealed class JpkiCertificateValidatorOptions
{
    /// <summary>The anchors to trust. Default: <see cref="JpkiTrustStore.Production"/> (J-LIS production roots only).</summary>
    public JpkiTrustStore TrustStore { get; set; } = JpkiTrustStore.Production;

    /// <summary>The policy used when a call gives none. Default: <see cref="JpkiValidationPolicy.Default"/>.</summary>
    public JpkiValidationPolicy DefaultPolicy { get; set; } = JpkiValidationPolicy.Default;
}

/// <summary>
/// Validates JPKI certificates (and, with <see cref="JpkiKindRequirement.AnyCertificate"/>, any X.509 certificate)
/// against a trust store at an instant: path to an anchor, signatures, validity, key usage, policy and kind, basic
/// constraints, critical extensions and revocation through <see cref="IJpkiRevocationChecker"/>.
/// An invalid certificate is a result listing every reason, never an exception. Thread-safe; create once and reuse.
/// </summary>
/// <remarks>
/// JPKI paths are one level deep (a leaf under a J-LIS root). Those are checked directly with the anchor's public key
/// imported once (<see cref="JpkiValidationPath.Direct"/>). Anything else — intermediates, non-RSA algorithms — goes to
/// <see cref="X509Chain"/> with custom root trust (<see cref="JpkiValidationPath.PlatformChain"/>). Both give the same
/// verdicts; the tests hold them to it.
/// </remarks>
public partial class JpkiCertificateValidator
{
    private readonly JpkiTrustStore _trustStore;
    private readonly JpkiValidationPolicy _defaultPolicy;
    private readonly IJpkiRevocationChecker? _revocationChecker;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a validator.</summary>
    /// <param name="options">Trust store and default policy; <see langword="null"/> for the production defaults.</param>
    /// <param name="revocationChecker">The revocation seam; without one, <see cref="JpkiRevocationMode.Required"/> fails every certificate.</param>
    /// <param name="timeProvider">The clock for policies without a verification time; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="logger">Receives outcome codes, never certificate contents.</param>
    public JpkiCertificateValidator(
        JpkiCertificateValidatorOptions? options = null,
        IJpkiRevocationChecker? revocationChecker = null,
        TimeProvider? timeProvider = null,
        ILogger<JpkiCertificateValidator>? logger = null)
    {
        options ??= new JpkiCertificateValidatorOptions();
        _trustStore = options.TrustStore ?? throw new ArgumentException("TrustStore must be set.", nameof(options));
        _defaultPolicy = options.DefaultPolicy ?? throw new ArgumentException("DefaultPolicy must be set.", nameof(options));
        _revocationChecker = revocationChecker;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The trust store this validator uses.</summary>
    public JpkiTrustStore TrustStore => _trustStore;

    /// <summary>The policy used when a call gives none.</summary>
    public JpkiValidationPolicy DefaultPolicy => _defaultPolicy;

    /// <summary>Validates <paramref name="certificate"/> under <paramref name="policy"/> (or the default policy).</summary>
    /// <returns>The result, valid or with every reason; never throws for an invalid certificate.</returns>
    public virtual async ValueTask<JpkiValidationResult> ValidateAsync(
        JpkiCertificate certificate,
        JpkiValidationPolicy? policy = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        policy ??= _defaultPolicy;
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = JpkiDiagnostics.ActivitySource.StartActivity("jpki.validate");
        var at = policy.VerificationTime ?? _timeProvider.GetUtcNow();
        var state = new ValidationState(certificate, at);

        CheckProfile(state, policy);
        if (!TryDirectPath(state, policy))
        {
            PlatformPath(state, policy);
        }

        CheckAnchorUse(state, policy);
        await CheckRevocationAsync(state, policy, cancellationToken).ConfigureAwait(false);
        var result = state.ToResult(policy.RevocationMode != JpkiRevocationMode.None);
        JpkiDiagnostics.RecordValidation(result);
        activity?.SetTag("jpki.valid", result.IsValid);
        activity?.SetTag("jpki.path", result.Path.ToString());
        if (!result.IsValid && _logger.IsEnabled(LogLevel.Debug))
        {
            // Reason codes only: the result itself holds the certificate and its four facts.
#pragma warning disable CA1873 // Guarded by IsEnabled above.
            Log.ValidationFailed(_logger, certificate.Kind, result.Path, string.Join(",", result.Failures.Select(f => f.Reason).Distinct()));
#pragma warning restore CA1873
        }

        return result;
    }

    /// <summary>Checks what the kind requires of the end-entity certificate: policy, key usage, four facts, not a CA.</summary>
    private static void CheckProfile(ValidationState state, JpkiValidationPolicy policy)
    {
        var certificate = state.Certificate;
        var requirement = policy.RequiredKind;
        if (requirement == JpkiKindRequirement.AnyCertificate)
        {
            return;
        }

        if (certificate.HasPolicy(DerOid.SignatureTestPolicy) && !policy.AcceptTestCardPolicy)
        {
            state.Fail(JpkiValidationFailureReason.WrongPolicy, "The certificate carries the J-LIS test-card policy, which this policy does not accept.", 0);
        }

        var kind = certificate.Kind;
        var kindAccepted = requirement switch
        {
            JpkiKindRequirement.Signature => kind == JpkiCertificateKind.Signature,
            JpkiKindRequirement.Authentication => kind == JpkiCertificateKind.Authentication,
            _ => kind is JpkiCertificateKind.Signature or JpkiCertificateKind.Authentication,
        };

        if (!kindAccepted)
        {
            if (kind == JpkiCertificateKind.Other)
            {
                state.Fail(JpkiValidationFailureReason.WrongPolicy, "The certificate carries no JPKI end-entity policy.", 0);
            }

            state.Fail(
                JpkiValidationFailureReason.WrongKind,
                requirement == JpkiKindRequirement.Signature
                    ? $"A signature certificate (with the four facts) is required; this one is of kind {kind}."
                    : $"A certificate of kind {requirement} is required; this one is of kind {kind}.",
                0);
        }

        if (kind == JpkiCertificateKind.Other)
        {
            return;
        }

        // Signature: digitalSignature + nonRepudiation, critical. Authentication: digitalSignature.
        var required = kind == JpkiCertificateKind.Signature
            ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation
            : X509KeyUsageFlags.DigitalSignature;
        if (certificate.KeyUsage is not { } usage || (usage & required) != required)
        {
            state.Fail(JpkiValidationFailureReason.WrongKeyUsage, $"The key usage does not include {required}.", 0);
        }
        else if ((usage & (X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign)) != 0)
        {
            state.Fail(JpkiValidationFailureReason.WrongKeyUsage, "An end-entity certificate must not allow certificate or CRL signing.", 0);
        }
        else if (kind == JpkiCertificateKind.Signature && !certificate.KeyUsageCritical)
        {
            state.Fail(JpkiValidationFailureReason.WrongKeyUsage, "The key usage of a signature certificate must be critical.", 0);
        }

        if (certificate.IsCertificateAuthority == true)
        {
            state.Fail(JpkiValidationFailureReason.BasicConstraintsViolation, "An end-entity certificate must not be a CA.", 0);
        }

        if (kind == JpkiCertificateKind.Signature && certificate.FourFacts is null)
        {
            state.Fail(JpkiValidationFailureReason.MissingFourFacts, "The signature certificate does not carry the four facts.", 0);
        }
    }

    /// <summary>A JPKI kind is valid only under an anchor trusted for that kind: another PKI's root cannot mint residents.</summary>
    private static void CheckAnchorUse(ValidationState state, JpkiValidationPolicy policy)
    {
        if (state.Anchor is not { } anchor)
        {
            return;
        }

        var needed = policy.RequiredKind == JpkiKindRequirement.AnyCertificate
            ? JpkiAnchorUse.Signature | JpkiAnchorUse.Authentication | JpkiAnchorUse.OtherCertificates
            : state.Certificate.Kind switch
            {
                JpkiCertificateKind.Signature => JpkiAnchorUse.Signature,
                JpkiCertificateKind.Authentication => JpkiAnchorUse.Authentication,
                _ => JpkiAnchorUse.None,
            };

        if (needed != JpkiAnchorUse.None && (anchor.Use & needed) == 0)
        {
            state.Fail(
                JpkiValidationFailureReason.AnchorNotTrustedForKind,
                $"The trust anchor is not trusted to issue {state.Certificate.Kind} certificates (it is trusted for {anchor.Use}).",
                state.Elements.Count - 1);
        }
    }

    /// <summary>The JPKI fast path: leaf directly under an anchor, RSA PKCS#1, no intermediates.</summary>
    private bool TryDirectPath(ValidationState state, JpkiValidationPolicy policy)
    {
        var certificate = state.Certificate;
        if (policy.ExtraCertificates.Count > 0 || SignatureAlgorithms.RsaPkcs1Hash(certificate.SignatureAlgorithm.Span) is not { } hash)
        {
            return false;
        }

        var candidates = _trustStore.FindIssuerCandidates(certificate);
        JpkiTrustAnchor? issuer = null;
        JpkiTrustAnchor? failedIssuer = null; // the first anchor that should have verified and did not
        foreach (var candidate in candidates)
        {
            var anchorCertificate = candidate.Certificate;
            if (!DistinguishedNames.Equal(anchorCertificate.SubjectRaw, certificate.IssuerRaw) ||
                (certificate.AuthorityKeyIdentifier is { } aki && anchorCertificate.SubjectKeyIdentifier is { } ski && !aki.Span.SequenceEqual(ski.Span)))
            {
                // Another generation of the same CA (or another CA): its key identifier says it is not the issuer.
                continue;
            }

            if (candidate.RsaPublicKey is not { } key)
            {
                // Not an RSA anchor: the platform engine handles it.
                return false;
            }

            if (SignatureAlgorithms.VerifyCertificateSignature(certificate, key, hash))
            {
                issuer = candidate;
                break;
            }

            failedIssuer ??= candidate;
        }

        state.Path = JpkiValidationPath.Direct;
        state.AddElement(certificate);
        CheckCriticalExtensions(state, certificate, 0);
        CheckTime(state, certificate, 0);
        if (issuer is null)
        {
            // No anchor's key verifies the certificate: there is no path, so no anchor to report.
            state.Fail(
                failedIssuer is null ? JpkiValidationFailureReason.UnknownIssuer : JpkiValidationFailureReason.BadSignature,
                failedIssuer is null ? "No trust anchor issued the certificate." : "The issuer's signature on the certificate does not verify.",
                0);
            return true;
        }

        state.Anchor = issuer;
        state.AddElement(issuer.Certificate);
        CheckTime(state, issuer.Certificate, 1);
        if (issuer.Certificate.IsCertificateAuthority == false ||
            (issuer.Certificate.Version == 3 && issuer.Certificate.IsCertificateAuthority is null && !issuer.Certificate.IsSelfIssued))
        {
            state.Fail(JpkiValidationFailureReason.BasicConstraintsViolation, "The issuing anchor is not a CA.", 1);
        }

        if (issuer.Certificate.KeyUsage is { } anchorUsage && (anchorUsage & X509KeyUsageFlags.KeyCertSign) == 0)
        {
            state.Fail(JpkiValidationFailureReason.WrongKeyUsage, "The issuing anchor's key usage does not allow certificate signing.", 1);
        }

        return true;
    }

    private static void CheckCriticalExtensions(ValidationState state, JpkiCertificate certificate, int index)
    {
        if (certificate.HasUnprocessedCriticalExtension(out var oid))
        {
            state.Fail(JpkiValidationFailureReason.UnknownCriticalExtension, $"Critical extension {oid} is not supported.", index);
        }
    }

    private static void CheckTime(ValidationState state, JpkiCertificate certificate, int index)
    {
        if (state.At > certificate.NotAfter)
        {
            state.Fail(JpkiValidationFailureReason.Expired, "The certificate has expired at the validation time.", index);
        }
        else if (state.At < certificate.NotBefore)
        {
            state.Fail(JpkiValidationFailureReason.NotYetValid, "The certificate is not yet valid at the validation time.", index);
        }
    }

    /// <summary>The general path: X509Chain with custom root trust, no revocation (the seam does that).</summary>
    private void PlatformPath(ValidationState state, JpkiValidationPolicy policy)
    {
        state.Path = JpkiValidationPath.PlatformChain;
        X509Certificate2? leaf = null;
        using var chain = new X509Chain();
        try
        {
            // Our reader accepts some encodings the platform refuses: a load failure is a result, not an exception.
            leaf = state.Certificate.ToX509Certificate2();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            chain.ChainPolicy.VerificationTime = state.At.UtcDateTime;
            foreach (var anchor in _trustStore.Anchors)
            {
                chain.ChainPolicy.CustomTrustStore.Add(anchor.PlatformCertificate);
            }

            foreach (var extra in policy.ExtraCertificates)
            {
                chain.ChainPolicy.ExtraStore.Add(extra);
            }

            var built = chain.Build(leaf);
            if (!built && HasStatus(chain, X509ChainStatusFlags.NotSignatureValid))
            {
                // OpenSSL takes the first anchor with the issuer's name; J-LIS generations share one name. Try the others.
                built = RetryWithEachSameNameAnchor(chain, leaf);
            }

            ReadChain(state, chain, built);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // OpenSSL refuses some inputs outright (for example DSA keys that inherit their parameters).
            state.ResetElements();
            state.AddElement(state.Certificate);
            state.Fail(JpkiValidationFailureReason.UnsupportedAlgorithm, "The platform could not read a certificate, key or signature of the path.", 0);
        }
        finally
        {
            DisposeChainCertificates(chain, policy);
            leaf?.Dispose();
        }

        // Our own end-entity checks apply on this path as on the direct one.
        CheckCriticalExtensions(state, state.Certificate, 0);
    }

    private void ReadChain(ValidationState state, X509Chain chain, bool built)
    {
        var elements = chain.ChainElements;
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            JpkiCertificate parsed;
            if (i == 0)
            {
                parsed = state.Certificate;
            }
            else if (!JpkiCertificate.TryParse(element.Certificate.RawData, out var intermediate, out _))
            {
                state.Fail(JpkiValidationFailureReason.InvalidExtension, "A certificate of the path cannot be read.", i);
                continue;
            }
            else
            {
                parsed = intermediate;
            }

            state.AddElement(parsed);
            MapStatus(state, parsed, element.ChainElementStatus, i);
        }

        if (state.HasAt(JpkiValidationFailureReason.BadSignature, 0))
        {
            // As on the direct path: no anchor's key verifies the certificate, so there is no path to report.
            state.TruncateToLeaf();
        }
        else if (elements.Count > 0)
        {
            var root = elements[^1].Certificate;
            state.Anchor = _trustStore.Anchors.FirstOrDefault(a => a.Certificate.RawData.Span.SequenceEqual(root.RawData));
        }

        if (state.Anchor is null && !state.Has(JpkiValidationFailureReason.UnknownIssuer) && !state.HasAt(JpkiValidationFailureReason.BadSignature, 0))
        {
            state.Fail(JpkiValidationFailureReason.UnknownIssuer, "The path does not end in a trust anchor.", Math.Max(0, elements.Count - 1));
        }

        if (!built && state.FailureCount == 0)
        {
            state.Fail(JpkiValidationFailureReason.Other, "The platform chain engine rejected the path.", 0);
        }
    }

    /// <summary>X509Chain hands out its own certificate objects; dispose them, never the anchors' or the caller's.</summary>
    private void DisposeChainCertificates(X509Chain chain, JpkiValidationPolicy policy)
    {
        foreach (var element in chain.ChainElements)
        {
            var certificate = element.Certificate;
            if (!_trustStore.Anchors.Any(a => ReferenceEquals(a.PlatformCertificate, certificate)) &&
                !policy.ExtraCertificates.Any(c => ReferenceEquals(c, certificate)))
            {
                certificate.Dispose();
            }
        }
    }

    private static bool HasStatus(X509Chain chain, X509ChainStatusFlags flag)
    {
        foreach (var element in chain.ChainElements)
        {
            foreach (var status in element.ChainElementStatus)
            {
                if ((status.Status & flag) != 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool RetryWithEachSameNameAnchor(X509Chain chain, X509Certificate2 leaf)
    {
        var root = chain.ChainElements[^1].Certificate;
        var sameName = _trustStore.Anchors.Where(a => a.PlatformCertificate.SubjectName.RawData.AsSpan().SequenceEqual(root.SubjectName.RawData)).ToList();
        if (sameName.Count < 2)
        {
            return false;
        }

        var others = _trustStore.Anchors.Except(sameName).Select(a => a.PlatformCertificate).ToArray();
        foreach (var candidate in sameName)
        {
            if (candidate.PlatformCertificate.RawData.AsSpan().SequenceEqual(root.RawData))
            {
                continue;
            }

            chain.Reset();
            chain.ChainPolicy.CustomTrustStore.Clear();
            chain.ChainPolicy.CustomTrustStore.Add(candidate.PlatformCertificate);
            chain.ChainPolicy.CustomTrustStore.AddRange(others);
            var built = chain.Build(leaf);
            if (built || !HasStatus(chain, X509ChainStatusFlags.NotSignatureValid | X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.UntrustedRoot))
            {
                // This anchor's key verifies: whatever else is wrong is the certificate's own problem.
                return built;
            }
        }

        // None verifies: report the first attempt's anchor, as the direct path does.
        chain.Reset();
        chain.ChainPolicy.CustomTrustStore.Clear();
        chain.ChainPolicy.CustomTrustStore.AddRange(sameName.Select(a => a.PlatformCertificate).Concat(others).ToArray());
        return chain.Build(leaf);
    }

    private static void MapStatus(ValidationState state, JpkiCertificate certificate, X509ChainStatus[] statuses, int index)
    {
        foreach (var status in statuses)
        {
            switch (status.Status)
            {
                case X509ChainStatusFlags.NoError:
                    break;
                case X509ChainStatusFlags.NotTimeValid:
                    CheckTime(state, certificate, index);
                    break;
                case X509ChainStatusFlags.NotSignatureValid:
                    state.Fail(JpkiValidationFailureReason.BadSignature, "The issuer's signature on the certificate does not verify.", index);
                    break;
                case X509ChainStatusFlags.PartialChain:
                case X509ChainStatusFlags.UntrustedRoot:
                    state.Fail(JpkiValidationFailureReason.UnknownIssuer, "No trust anchor issued the certificate.", index);
                    break;
                case X509ChainStatusFlags.HasNotSupportedCriticalExtension:
                    state.Fail(JpkiValidationFailureReason.UnknownCriticalExtension, "A critical extension is not supported.", index);
                    break;
                case X509ChainStatusFlags.InvalidBasicConstraints when index > 0 && certificate.IsCertificateAuthority == true &&
                    certificate.KeyUsage is { } usage && (usage & X509KeyUsageFlags.KeyCertSign) == 0:
                    // OpenSSL reports a CA without keyCertSign as a basic-constraints problem; it is a key-usage one.
                    state.Fail(JpkiValidationFailureReason.WrongKeyUsage, "The issuer's key usage does not allow certificate signing.", index);
                    break;
                case X509ChainStatusFlags.InvalidBasicConstraints:
                    state.Fail(JpkiValidationFailureReason.BasicConstraintsViolation, "basicConstraints forbid this path.", index);
                    break;
                case X509ChainStatusFlags.NotValidForUsage:
                    state.Fail(JpkiValidationFailureReason.WrongKeyUsage, "The key usage does not allow this use.", index);
                    break;
                case X509ChainStatusFlags.InvalidExtension:
                    state.Fail(JpkiValidationFailureReason.InvalidExtension, "An extension is malformed.", index);
                    break;
                case X509ChainStatusFlags.HasExcludedNameConstraint:
                case X509ChainStatusFlags.HasNotPermittedNameConstraint:
                case X509ChainStatusFlags.HasNotSupportedNameConstraint:
                case X509ChainStatusFlags.HasNotDefinedNameConstraint:
                case X509ChainStatusFlags.InvalidNameConstraints:
                    state.Fail(JpkiValidationFailureReason.NameConstraintViolation, "A name constraint of the path is violated.", index);
                    break;
                case X509ChainStatusFlags.InvalidPolicyConstraints:
                case X509ChainStatusFlags.NoIssuanceChainPolicy:
                    state.Fail(JpkiValidationFailureReason.PolicyViolation, "The policies of the path are not satisfied.", index);
                    break;
                default:
                    state.Fail(JpkiValidationFailureReason.Other, $"The platform chain engine reported {status.Status}.", index);
                    break;
            }
        }
    }

    private async ValueTask CheckRevocationAsync(ValidationState state, JpkiValidationPolicy policy, CancellationToken cancellationToken)
    {
        if (policy.RevocationMode == JpkiRevocationMode.None)
        {
            return;
        }

        var elements = state.Elements;
        if (state.Anchor is null || state.Has(JpkiValidationFailureReason.BadSignature) || state.Has(JpkiValidationFailureReason.UnknownIssuer))
        {
            // No trustworthy path: asking a responder about a forged certificate gains nothing and costs a request.
            state.RevocationIncomplete = true;
            return;
        }

        var lastIssued = elements.Count - 1;

        for (var i = 0; i < lastIssued; i++)
        {
            JpkiRevocationStatus status;
            if (_revocationChecker is null)
            {
                status = JpkiRevocationStatus.Unknown("none", "No revocation checker is configured.");
            }
            else
            {
                var request = new JpkiRevocationRequest(elements[i].Certificate, elements[i + 1].Certificate, state.At, i);
                status = await _revocationChecker.CheckAsync(request, cancellationToken).ConfigureAwait(false)
                    ?? JpkiRevocationStatus.Unknown("none", "The revocation checker returned no status.");
            }

            state.SetRevocation(i, status);
            switch (status.State)
            {
                // A revocation dated after an explicit historical instant did not apply then. Against the clock, a responder's
                // slightly later date is skew, not a reprieve.
                case JpkiRevocationState.Revoked when status.RevocationTime is not { } revokedAt || revokedAt <= state.At || policy.VerificationTime is null:
                    state.Fail(
                        JpkiValidationFailureReason.Revoked,
                        status.RevocationReason is { } reason ? $"The certificate is revoked ({reason}) according to {status.Source}." : $"The certificate is revoked according to {status.Source}.",
                        i);
                    break;
                case JpkiRevocationState.Revoked:
                    break;
                case JpkiRevocationState.Good:
                    break;
                default:
                    state.RevocationIncomplete = true;
                    var message = $"The revocation status is unknown: {status.Detail ?? "no detail"}";
                    if (policy.RevocationMode == JpkiRevocationMode.BestEffort)
                    {
                        state.Warn(JpkiValidationFailureReason.RevocationUnknown, message, i);
                    }
                    else
                    {
                        // Required, or any value this version does not know: fail closed.
                        state.Fail(JpkiValidationFailureReason.RevocationUnknown, message, i);
                    }

                    break;
            }
        }
    }

    private sealed class ValidationState(JpkiCertificate certificate, DateTimeOffset at)
    {
        private readonly List<JpkiValidationFailure> _failures = [];
        private List<JpkiValidationFailure>? _warnings;
        private JpkiRevocationStatus?[] _revocation = [];

        public JpkiCertificate Certificate { get; } = certificate;

        public DateTimeOffset At { get; } = at;

        public JpkiValidationPath Path { get; set; }

        public JpkiTrustAnchor? Anchor { get; set; }

        public List<JpkiChainElement> Elements { get; } = new(2);

        public bool RevocationIncomplete { get; set; }

        public int FailureCount => _failures.Count;

        public void AddElement(JpkiCertificate element) => Elements.Add(new JpkiChainElement(element, null));

        public void ResetElements()
        {
            Elements.Clear();
            Anchor = null;
        }

        public void SetRevocation(int index, JpkiRevocationStatus status)
        {
            if (_revocation.Length != Elements.Count)
            {
                Array.Resize(ref _revocation, Elements.Count);
            }

            _revocation[index] = status;
        }

        public bool Has(JpkiValidationFailureReason reason) => _failures.Exists(f => f.Reason == reason);

        public bool HasAt(JpkiValidationFailureReason reason, int index) => _failures.Exists(f => f.Reason == reason && f.ChainIndex == index);

        public void TruncateToLeaf()
        {
            Anchor = null;
            Elements.RemoveRange(1, Elements.Count - 1);
            _failures.RemoveAll(f => f.ChainIndex > 0);
        }

        public void Fail(JpkiValidationFailureReason reason, string message, int index)
        {
            if (!_failures.Exists(f => f.Reason == reason && f.ChainIndex == index))
            {
                _failures.Add(new JpkiValidationFailure(reason, message, index));
            }
        }

        public void Warn(JpkiValidationFailureReason reason, string message, int index) =>
            (_warnings ??= []).Add(new JpkiValidationFailure(reason, message, index));

        public JpkiValidationResult ToResult(bool revocationRequested)
        {
            var chain = new JpkiChainElement[Elements.Count];
            for (var i = 0; i < chain.Length; i++)
            {
                var status = i < _revocation.Length ? _revocation[i] : null;
                chain[i] = status is null ? Elements[i] : new JpkiChainElement(Elements[i].Certificate, status);
            }

            return new JpkiValidationResult(
                Certificate,
                At,
                Path,
                Anchor,
                chain,
                _failures,
                (IReadOnlyList<JpkiValidationFailure>?)_warnings ?? [],
                revocationRequested && !RevocationIncomplete);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "JPKI certificate of kind {Kind} is invalid on path {Path}: {Reasons}")]
        public static partial void ValidationFailed(ILogger logger, JpkiCertificateKind kind, JpkiValidationPath path, string reasons);
    }
}
