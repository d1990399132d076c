using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki;

/// <summary>What an RFC 5280 path validation starts from. Immutable; derive variants with <c>with</c>.</summary>
public sealed record X509PathValidationSettings
{
    /// <summary>The anyPolicy OID.</summary>
    public const string AnyPolicy = PathExtensions.AnyPolicy;

    /// <summary>The trust anchors (their certificates provide name, key and DSA parameters; they are not themselves checked).</summary>
    public required IReadOnlyList<JpkiCertificate> TrustAnchors { get; init; }

    /// <summary>Other certificates the path may use: intermediates, and CRL issuers' certificates.</summary>
    public IReadOnlyList<JpkiCertificate> Certificates { get; init; } = [];

    /// <summary>The CRLs (complete and delta); with <see cref="CheckRevocation"/> they are the only revocation source.</summary>
    public IReadOnlyList<JpkiCrl> Crls { get; init; } = [];

    /// <summary>The instant the path must be valid at.</summary>
    public required DateTimeOffset ValidationTime { get; init; }

    /// <summary>Whether every certificate's revocation status must be determined from <see cref="Crls"/>. Default: yes.</summary>
    public bool CheckRevocation { get; init; } = true;

    /// <summary>Whether delta CRLs are used. Default: yes.</summary>
    public bool UseDeltaCrls { get; init; } = true;

    /// <summary>user-initial-policy-set. Default: anyPolicy.</summary>
    public IReadOnlyList<string> InitialPolicySet { get; init; } = [AnyPolicy];

    /// <summary>initial-explicit-policy: the path must be valid for at least one policy of the set.</summary>
    public bool RequireExplicitPolicy { get; init; }

    /// <summary>initial-policy-mapping-inhibit.</summary>
    public bool InhibitPolicyMapping { get; init; }

    /// <summary>initial-any-policy-inhibit.</summary>
    public bool InhibitAnyPolicy { get; init; }
}

/// <summary>The outcome of an RFC 5280 path validation: valid, or every reason it is not.</summary>
public sealed class X509PathValidationResult
{
    internal X509PathValidationResult(IReadOnlyList<JpkiCertificate> path, JpkiCertificate? anchor, IReadOnlyList<JpkiValidationFailure> failures, IReadOnlyList<string> policies, IReadOnlyList<JpkiRevocationStatus?> revocation)
    {
        Path = path;
        TrustAnchor = anchor;
        Failures = failures;
        UserConstrainedPolicySet = policies;
        Revocation = revocation;
    }

    /// <summary>Whether the path is valid.</summary>
    public bool IsValid => Failures.Count == 0;

    /// <summary>The certification path from the end-entity certificate (index 0) towards the anchor (not included).</summary>
    public IReadOnlyList<JpkiCertificate> Path { get; }

    /// <summary>The anchor the path ends in, when one was reached.</summary>
    public JpkiCertificate? TrustAnchor { get; }

    /// <summary>Every reason the path is not valid; <see cref="JpkiValidationFailure.ChainIndex"/> counts from the end entity.</summary>
    public IReadOnlyList<JpkiValidationFailure> Failures { get; }

    /// <summary>The authorities- and user-constrained policy set (RFC 5280 §6.1.6); empty when none.</summary>
    public IReadOnlyList<string> UserConstrainedPolicySet { get; }

    /// <summary>The revocation status found for each certificate of <see cref="Path"/> (null when not checked).</summary>
    public IReadOnlyList<JpkiRevocationStatus?> Revocation { get; }

    /// <inheritdoc />
    public override string ToString() =>
        IsValid ? "Valid" : $"Invalid: {string.Join(", ", Failures.Select(f => $"{f.Reason}@{f.ChainIndex}").Distinct())}";
}

/// <summary>
/// RFC 5280 certification path validation (§6.1) with CRL processing (§6.3): path building among the given
/// certificates (by name, key identifier and signature), signatures (RSA, DSA with parameter inheritance, ECDSA),
/// validity, name chaining, basic constraints and path length, key usage, certificate policies with mappings and
/// constraints, name constraints, critical extensions, and revocation from the given CRLs — complete and delta,
/// partitioned by distribution point, indirect — with their issuers' paths validated to the same anchor.
/// </summary>
public static class X509PathValidator
{
    private const int MaxPathLength = 12;
    private const int MaxCandidatePaths = 32;
    private const int MaxSignerDepth = 3;

    /// <summary>Validates <paramref name="certificate"/> under <paramref name="settings"/>.</summary>
    public static X509PathValidationResult Validate(JpkiCertificate certificate, X509PathValidationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(settings);
        return new Engine(settings, 0, []).Validate(certificate);
    }

    private sealed class Engine(X509PathValidationSettings settings, int depth, HashSet<string> pendingSigners)
    {
        private readonly Dictionary<(string, string), bool> _signatureCache = [];

        public X509PathValidationResult Validate(JpkiCertificate leaf)
        {
            X509PathValidationResult? best = null;
            var tried = 0;
            foreach (var (path, anchor) in BuildPaths(leaf))
            {
                var result = Process(path, anchor);
                if (result.IsValid)
                {
                    return result;
                }

                if (best is null || Score(result) < Score(best))
                {
                    best = result;
                }

                if (++tried >= MaxCandidatePaths)
                {
                    break;
                }
            }

            return best ?? new X509PathValidationResult(
                [leaf],
                null,
                [new JpkiValidationFailure(JpkiValidationFailureReason.UnknownIssuer, "No path to a trust anchor can be built.", 0)],
                [],
                [null]);
        }

        /// <summary>Paths with fewer signature and chaining problems are better explanations of an invalid certificate.</summary>
        private static int Score(X509PathValidationResult result) =>
            (result.Failures.Count(f => f.Reason is JpkiValidationFailureReason.BadSignature or JpkiValidationFailureReason.UnknownIssuer) * 100) + result.Failures.Count;

        /// <summary>Depth-first, leaf to anchor: issuers whose signature verifies first, then by key identifier.</summary>
        private IEnumerable<(List<JpkiCertificate> Path, JpkiCertificate Anchor)> BuildPaths(JpkiCertificate leaf)
        {
            var stack = new List<JpkiCertificate> { leaf };
            return Extend(stack);
        }

        private IEnumerable<(List<JpkiCertificate> Path, JpkiCertificate Anchor)> Extend(List<JpkiCertificate> chain)
        {
            var current = chain[^1];
            var candidates = Candidates(current, chain);
            foreach (var (candidate, isAnchor) in candidates)
            {
                if (isAnchor)
                {
                    // Path in RFC order: first certificate issued by the anchor first, the end entity last.
                    var path = Enumerable.Reverse(chain).ToList();
                    yield return (path, candidate);
                    continue;
                }

                if (chain.Count >= MaxPathLength)
                {
                    continue;
                }

                chain.Add(candidate);
                foreach (var result in Extend(chain))
                {
                    yield return result;
                }

                chain.RemoveAt(chain.Count - 1);
            }
        }

        private List<(JpkiCertificate Candidate, bool IsAnchor)> Candidates(JpkiCertificate subject, List<JpkiCertificate> chain)
        {
            var list = new List<(JpkiCertificate, bool, int)>();
            foreach (var anchor in settings.TrustAnchors)
            {
                if (DistinguishedNames.Equal(anchor.SubjectRaw, subject.IssuerRaw))
                {
                    list.Add((anchor, true, Rank(subject, anchor, null)));
                }
            }

            foreach (var certificate in settings.Certificates)
            {
                if (chain.Exists(c => c.Sha256Thumbprint == certificate.Sha256Thumbprint) ||
                    settings.TrustAnchors.Any(a => a.Sha256Thumbprint == certificate.Sha256Thumbprint) ||
                    !DistinguishedNames.Equal(certificate.SubjectRaw, subject.IssuerRaw))
                {
                    continue;
                }

                list.Add((certificate, false, Rank(subject, certificate, null)));
            }

            return [.. list.OrderBy(c => c.Item3).ThenBy(c => c.Item2 ? 0 : 1).Select(c => (c.Item1, c.Item2))];
        }

        private int Rank(JpkiCertificate subject, JpkiCertificate issuer, ReadOnlyMemory<byte>? parameters)
        {
            var verifies = SignatureVerifies(subject, issuer, parameters ?? PublicKeys.DsaParametersOf(issuer.SubjectPublicKeyInfo));
            var keyIdMatches = subject.AuthorityKeyIdentifier is not { } aki || issuer.SubjectKeyIdentifier is not { } ski || aki.Span.SequenceEqual(ski.Span);
            return (verifies ? 0 : 2) + (keyIdMatches ? 0 : 1);
        }

        private bool SignatureVerifies(JpkiCertificate subject, JpkiCertificate issuer, ReadOnlyMemory<byte>? parameters)
        {
            var key = (subject.Sha256Thumbprint, issuer.Sha256Thumbprint + (parameters is { } p ? Convert.ToHexString(p.Span) : string.Empty));
            if (_signatureCache.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var verifies = !subject.SignatureHasUnusedBits &&
                PublicKeys.VerifyData(issuer.SubjectPublicKeyInfo, parameters, subject.SignatureAlgorithm.Span, subject.TbsCertificate.Span, subject.SignatureValue.Span);
            _signatureCache[key] = verifies;
            return verifies;
        }

        /// <summary>RFC 5280 §6.1.2–§6.1.5 over <paramref name="path"/> (anchor excluded, end entity last).</summary>
        private X509PathValidationResult Process(List<JpkiCertificate> path, JpkiCertificate anchor)
        {
            var n = path.Count;
            var failures = new List<JpkiValidationFailure>();
            var revocation = new JpkiRevocationStatus?[n];
            var tree = new PolicyTree();
            var names = new NameConstraintState();
            var explicitPolicy = settings.RequireExplicitPolicy ? 0 : n + 1;
            var inhibitAnyPolicy = settings.InhibitAnyPolicy ? 0 : n + 1;
            var policyMapping = settings.InhibitPolicyMapping ? 0 : n + 1;
            var maxPathLength = n;
            var workingIssuer = anchor;
            var workingParameters = PublicKeys.DsaParametersOf(anchor.SubjectPublicKeyInfo);

            void Fail(JpkiValidationFailureReason reason, string message, int i)
            {
                var index = n - i;
                if (!failures.Exists(f => f.Reason == reason && f.ChainIndex == index))
                {
                    failures.Add(new JpkiValidationFailure(reason, message, index));
                }
            }

            for (var i = 1; i <= n; i++)
            {
                var certificate = path[i - 1];
                var isLast = i == n;
                var selfIssued = certificate.IsSelfIssued;
                try
                {
                    // §6.1.3 (a): signature, validity, revocation, name chaining.
                    if (!SignatureVerifies(certificate, workingIssuer, workingParameters))
                    {
                        Fail(JpkiValidationFailureReason.BadSignature, "The issuer's signature on the certificate does not verify.", i);
                    }

                    if (settings.ValidationTime > certificate.NotAfter)
                    {
                        Fail(JpkiValidationFailureReason.Expired, "The certificate has expired at the validation time.", i);
                    }
                    else if (settings.ValidationTime < certificate.NotBefore)
                    {
                        Fail(JpkiValidationFailureReason.NotYetValid, "The certificate is not yet valid at the validation time.", i);
                    }

                    if (!DistinguishedNames.Equal(certificate.IssuerRaw, workingIssuer.SubjectRaw))
                    {
                        Fail(JpkiValidationFailureReason.UnknownIssuer, "The issuer name does not chain to the previous certificate's subject.", i);
                    }

                    if (settings.CheckRevocation)
                    {
                        revocation[n - i] = CheckRevocation(certificate, workingIssuer, workingParameters, anchor, i, Fail);
                    }

                    // (b)-(c): name constraints (a self-issued intermediate is exempt).
                    if ((isLast || !selfIssued) && names.Check(certificate) is { } nameProblem)
                    {
                        Fail(JpkiValidationFailureReason.NameConstraintViolation, nameProblem, i);
                    }

                    // (d)-(e): certificate policies.
                    if (PathExtensions.HasPolicies(certificate))
                    {
                        tree.ProcessCertificatePolicies(certificate.PolicyOids, i, inhibitAnyPolicy > 0 || (!isLast && selfIssued));
                    }
                    else
                    {
                        tree.Clear();
                    }

                    // (f)
                    if (explicitPolicy <= 0 && tree.IsNull)
                    {
                        Fail(JpkiValidationFailureReason.PolicyViolation, "No valid policy remains and an explicit policy is required.", i);
                    }

                    if (!isLast)
                    {
                        // §6.1.4 (a)-(b): policy mappings.
                        var mappings = PathExtensions.PolicyMappings(certificate);
                        if (mappings.Count > 0)
                        {
                            if (mappings.Exists(m => m.IssuerDomain == PathExtensions.AnyPolicy || m.SubjectDomain == PathExtensions.AnyPolicy))
                            {
                                Fail(JpkiValidationFailureReason.PolicyViolation, "A policy mapping maps anyPolicy.", i);
                            }
                            else
                            {
                                tree.ProcessMappings(mappings, i, policyMapping > 0);
                            }
                        }

                        // (c)-(f): working issuer and key.
                        var nextParameters = PublicKeys.IsDsaWithoutParameters(certificate.SubjectPublicKeyInfo)
                            ? workingParameters
                            : PublicKeys.DsaParametersOf(certificate.SubjectPublicKeyInfo);
                        workingIssuer = certificate;
                        workingParameters = nextParameters;

                        // (g): name constraints.
                        if (PathExtensions.NameConstraints(certificate) is { } constraints)
                        {
                            names.Add(constraints.Permitted, constraints.Excluded);
                        }

                        // (h)-(j): counters.
                        if (!selfIssued)
                        {
                            explicitPolicy = Math.Max(0, explicitPolicy - 1);
                            policyMapping = Math.Max(0, policyMapping - 1);
                            inhibitAnyPolicy = Math.Max(0, inhibitAnyPolicy - 1);
                        }

                        if (PathExtensions.PolicyConstraints(certificate) is { } policyConstraints)
                        {
                            if (policyConstraints.RequireExplicitPolicy is { } require && require < explicitPolicy)
                            {
                                explicitPolicy = require;
                            }

                            if (policyConstraints.InhibitPolicyMapping is { } inhibit && inhibit < policyMapping)
                            {
                                policyMapping = inhibit;
                            }
                        }

                        if (PathExtensions.InhibitAnyPolicy(certificate) is { } skip && skip < inhibitAnyPolicy)
                        {
                            inhibitAnyPolicy = skip;
                        }

                        // (k)-(n): a CA, within the path length, allowed to sign certificates.
                        if (certificate.IsCertificateAuthority != true)
                        {
                            Fail(JpkiValidationFailureReason.BasicConstraintsViolation, "An intermediate certificate is not a CA.", i);
                        }

                        if (!selfIssued)
                        {
                            if (maxPathLength <= 0)
                            {
                                Fail(JpkiValidationFailureReason.BasicConstraintsViolation, "The path is longer than a pathLenConstraint allows.", i);
                            }

                            maxPathLength--;
                        }

                        if (certificate.PathLengthConstraint is { } pathLength && pathLength < maxPathLength)
                        {
                            maxPathLength = pathLength;
                        }

                        if (certificate.KeyUsage is { } usage && (usage & X509KeyUsageFlags.KeyCertSign) == 0)
                        {
                            Fail(JpkiValidationFailureReason.WrongKeyUsage, "The intermediate's key usage does not allow certificate signing.", i);
                        }
                    }
                    else
                    {
                        // §6.1.5 (a)-(b).
                        if (explicitPolicy > 0)
                        {
                            explicitPolicy--;
                        }

                        if (PathExtensions.PolicyConstraints(certificate) is { RequireExplicitPolicy: 0 })
                        {
                            explicitPolicy = 0;
                        }
                    }

                    // (o) and §6.1.5 (f): unknown critical extensions.
                    if (certificate.HasCriticalExtensionOutside(PathExtensions.Processed, out var oid))
                    {
                        Fail(JpkiValidationFailureReason.UnknownCriticalExtension, $"Critical extension {oid} is not supported.", i);
                    }
                }
                catch (AsnContentException)
                {
                    Fail(JpkiValidationFailureReason.InvalidExtension, "An extension of the certificate is malformed.", i);
                }
                catch (JpkiFormatException)
                {
                    Fail(JpkiValidationFailureReason.InvalidExtension, "An extension of the certificate is malformed.", i);
                }
            }

            // §6.1.5 (g): the user-constrained policy set.
            var policies = tree.Intersect(settings.InitialPolicySet, n);
            if (explicitPolicy <= 0 && policies.Count == 0)
            {
                Fail(JpkiValidationFailureReason.PolicyViolation, "The path is not valid for any policy of the initial policy set.", n);
            }

            var leafFirst = Enumerable.Reverse(path).ToList();
            return new X509PathValidationResult(leafFirst, anchor, failures, failures.Count == 0 ? policies : [], revocation);
        }

        private JpkiRevocationStatus? CheckRevocation(
            JpkiCertificate certificate,
            JpkiCertificate issuer,
            ReadOnlyMemory<byte>? issuerParameters,
            JpkiCertificate anchor,
            int i,
            Action<JpkiValidationFailureReason, string, int> fail)
        {
            var evaluator = new CrlStatusEvaluator(settings.Crls, (crl, subject) => CrlSignerTrusted(crl, subject, issuer, issuerParameters, anchor), settings.UseDeltaCrls);
            var status = evaluator.Evaluate(certificate, settings.ValidationTime);
            switch (status.State)
            {
                case JpkiRevocationState.Revoked:
                    fail(
                        JpkiValidationFailureReason.Revoked,
                        status.Reason is { } reason ? $"The certificate is revoked ({reason})." : "The certificate is revoked.",
                        i);
                    return JpkiRevocationStatus.Revoked("crl", status.RevocationTime!.Value, status.Reason, status.Crl?.ThisUpdate, status.Crl?.NextUpdate);
                case JpkiRevocationState.Good:
                    return JpkiRevocationStatus.Good("crl", status.Crl?.ThisUpdate, status.Crl?.NextUpdate);
                default:
                    fail(JpkiValidationFailureReason.RevocationUnknown, "The revocation status cannot be determined: " + status.Detail, i);
                    return JpkiRevocationStatus.Unknown("crl", status.Detail);
            }
        }

        /// <summary>
        /// §6.3.3 (f)–(g): the CRL verifies with the certificate's issuer, or with another certificate of the CRL
        /// issuer's name that may sign CRLs and whose own path (revocation included) validates to the same anchor.
        /// </summary>
        private bool CrlSignerTrusted(JpkiCrl crl, JpkiCertificate subject, JpkiCertificate issuer, ReadOnlyMemory<byte>? issuerParameters, JpkiCertificate anchor)
        {
            _ = subject;
            if (DistinguishedNames.Equal(crl.IssuerRaw, issuer.SubjectRaw) && MaySignCrls(issuer) && crl.IsSignatureValid(issuer, issuerParameters))
            {
                return true;
            }

            if (DistinguishedNames.Equal(crl.IssuerRaw, anchor.SubjectRaw) && MaySignCrls(anchor) &&
                crl.IsSignatureValid(anchor, PublicKeys.DsaParametersOf(anchor.SubjectPublicKeyInfo)))
            {
                return true;
            }

            if (depth >= MaxSignerDepth)
            {
                return false;
            }

            foreach (var candidate in settings.Certificates)
            {
                if (!DistinguishedNames.Equal(candidate.SubjectRaw, crl.IssuerRaw) || !MaySignCrls(candidate) ||
                    (crl.AuthorityKeyIdentifier is { } aki && candidate.SubjectKeyIdentifier is { } ski && !aki.Span.SequenceEqual(ski.Span)))
                {
                    continue;
                }

                if (pendingSigners.Contains(candidate.Sha256Thumbprint))
                {
                    // This signer's own path is being validated and its CRL covers itself (PKITS 4.14.30): accept its key here.
                    if (crl.IsSignatureValid(candidate, PublicKeys.DsaParametersOf(candidate.SubjectPublicKeyInfo)))
                    {
                        return true;
                    }

                    continue;
                }

                var signerPath = new Engine(settings with { TrustAnchors = [anchor] }, depth + 1, [.. pendingSigners, candidate.Sha256Thumbprint]).Validate(candidate);
                if (signerPath.IsValid && crl.IsSignatureValid(candidate, InheritedParameters(signerPath, candidate)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MaySignCrls(JpkiCertificate certificate) =>
            certificate.KeyUsage is not { } usage || (usage & X509KeyUsageFlags.CrlSign) != 0;

        private static ReadOnlyMemory<byte>? InheritedParameters(X509PathValidationResult path, JpkiCertificate certificate)
        {
            if (!PublicKeys.IsDsaWithoutParameters(certificate.SubjectPublicKeyInfo))
            {
                return null;
            }

            foreach (var ancestor in path.Path.Skip(1).Append(path.TrustAnchor!))
            {
                if (PublicKeys.DsaParametersOf(ancestor.SubjectPublicKeyInfo) is { } parameters)
                {
                    return parameters;
                }
            }

            return null;
        }
    }
}
