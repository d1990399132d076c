using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki.Testing;

/// <summary>Revocation: the authority's revocation state, partition CRLs (full and delta), delegated OCSP responders and OCSP answers.</summary>
public sealed partial class JpkiTestAuthority
{
    private readonly Lock _revocationLock = new();
    private readonly Dictionary<(JpkiTestCa Ca, string Serial), JpkiTestRevocation> _revocations = [];
    private readonly ConcurrentDictionary<(JpkiTestCa Ca, string Serial), JpkiTestCrlPartition> _issued = new();
    private readonly Dictionary<(JpkiTestCa Ca, JpkiTestCrlPartition Partition), long> _lastCompleteCrl = [];
    private long _crlNumber;
    private bool _changedSinceLastCrl = true;

    /// <summary>
    /// The OCSP responder written into certificates issued from now on (authorityInfoAccess); <see langword="null"/> = none.
    /// Starts as <see cref="JpkiTestAuthorityOptions.OcspUri"/>; a running <see cref="JpkiTestRevocationServer"/> sets it.
    /// </summary>
    public Uri? OcspUri { get; set; }

    /// <summary>
    /// Where partition CRLs are published, for the URI distribution point of certificates issued from now on;
    /// <see langword="null"/> = none. Starts as <see cref="JpkiTestAuthorityOptions.CrlBaseUri"/>; a running
    /// <see cref="JpkiTestRevocationServer"/> sets it.
    /// </summary>
    public Uri? CrlBaseUri { get; set; }

    /// <summary>The partition of certificates whose options name none.</summary>
    public JpkiTestCrlPartition DefaultCrlPartition => _options.DefaultCrlPartition;

    /// <summary>Every revocation so far, including those taken back, oldest first.</summary>
    public IReadOnlyList<JpkiTestRevocation> Revocations
    {
        get
        {
            lock (_revocationLock)
            {
                return [.. _revocations.Values.OrderBy(r => r.ChangedAfter).ThenBy(r => r.RevokedAt)];
            }
        }
    }

    /// <summary>
    /// Revokes a certificate this authority issued: from now on its partition's CRLs list it and OCSP answers revoked.
    /// Revoking it again replaces the date and reason (a certificateHold made permanent, for example).
    /// </summary>
    /// <param name="certificate">A certificate of this authority.</param>
    /// <param name="revokedAt">The revocation date; <see langword="null"/> = now (the authority's clock).</param>
    /// <param name="reason">The reason; <see langword="null"/> = unspecified (no reasonCode). <see cref="X509RevocationReason.CertificateHold"/> can be released with <see cref="Unrevoke(JpkiCertificate, DateTimeOffset?)"/>.</param>
    /// <param name="invalidityDate">When the key is known or suspected to have been compromised.</param>
    /// <exception cref="ArgumentException">The certificate was not issued by this authority, or the reason is removeFromCRL.</exception>
    public JpkiTestRevocation Revoke(JpkiCertificate certificate, DateTimeOffset? revokedAt = null, X509RevocationReason? reason = null, DateTimeOffset? invalidityDate = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return RevokeCore(certificate.RawData, revokedAt, reason, invalidityDate);
    }

    /// <inheritdoc cref="Revoke(JpkiCertificate, DateTimeOffset?, X509RevocationReason?, DateTimeOffset?)"/>
    public JpkiTestRevocation Revoke(X509Certificate2 certificate, DateTimeOffset? revokedAt = null, X509RevocationReason? reason = null, DateTimeOffset? invalidityDate = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return RevokeCore(certificate.RawData, revokedAt, reason, invalidityDate);
    }

    /// <summary>
    /// Takes a revocation back: releases a certificateHold (or, for tests, undoes any revocation). Complete CRLs stop
    /// listing the certificate; delta CRLs based on a CRL that listed it say removeFromCRL; OCSP answers good.
    /// </summary>
    /// <returns>Whether the certificate was revoked.</returns>
    public bool Unrevoke(JpkiCertificate certificate, DateTimeOffset? removedAt = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return UnrevokeCore(certificate.RawData, removedAt);
    }

    /// <inheritdoc cref="Unrevoke(JpkiCertificate, DateTimeOffset?)"/>
    public bool Unrevoke(X509Certificate2 certificate, DateTimeOffset? removedAt = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return UnrevokeCore(certificate.RawData, removedAt);
    }

    /// <summary>
    /// A builder prefilled with <paramref name="issuer"/>'s complete CRL of <paramref name="partition"/> as of now:
    /// the revoked certificates, cRLNumber, authorityKeyIdentifier, an issuingDistributionPoint naming the partition
    /// (and its URL when <see cref="CrlBaseUri"/> is set), thisUpdate now, nextUpdate a day later. Change anything
    /// before <see cref="JpkiTestCrlBuilder.Build"/> (sign with another generation's key, drop nextUpdate…).
    /// </summary>
    /// <remarks>
    /// CRL numbers are shared by all the authority's CRLs and go up only when the revocation state changed, so CRLs
    /// of the same state have the same number, and a delta CRL can name any complete CRL as its base.
    /// </remarks>
    public JpkiTestCrlBuilder CreateCrlBuilder(JpkiTestCa issuer, JpkiTestCrlPartition? partition = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        partition ??= DefaultCrlPartition;
        var now = Now;
        var builder = NewPartitionCrlBuilder(issuer, partition, now);
        lock (_revocationLock)
        {
            var number = NextCrlNumber(minimum: 0);
            builder.CrlNumber = number;
            foreach (var revocation in ScopeOf(issuer, partition).Where(r => r.IsListedIn(number)).OrderBy(r => r.RevokedAt))
            {
                builder.Entries.Add(EntryOf(revocation));
            }

            _lastCompleteCrl[(issuer, partition)] = number;
        }

        return builder;
    }

    /// <summary>
    /// A builder prefilled with <paramref name="issuer"/>'s delta CRL of <paramref name="partition"/>: the changes since
    /// the complete CRL numbered <paramref name="baseCrlNumber"/> (newly revoked certificates, and removeFromCRL for
    /// revocations taken back), with deltaCRLIndicator.
    /// </summary>
    /// <param name="issuer">The CA (kind and generation).</param>
    /// <param name="partition">The partition; <see langword="null"/> = <see cref="DefaultCrlPartition"/>.</param>
    /// <param name="baseCrlNumber">The base CRL's number; <see langword="null"/> = the last complete CRL this authority made for the scope (one is made now if none was).</param>
    public JpkiTestCrlBuilder CreateDeltaCrlBuilder(JpkiTestCa issuer, JpkiTestCrlPartition? partition = null, BigInteger? baseCrlNumber = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        partition ??= DefaultCrlPartition;
        if (baseCrlNumber is { } requested && (requested < 0 || requested > long.MaxValue - 1))
        {
            throw new ArgumentOutOfRangeException(nameof(baseCrlNumber), "A base CRL number of this authority is between 0 and 2^63 - 2.");
        }

        var now = Now;
        var builder = NewPartitionCrlBuilder(issuer, partition, now);
        lock (_revocationLock)
        {
            long baseNumber;
            if (baseCrlNumber is { } given)
            {
                baseNumber = (long)given;
            }
            else if (!_lastCompleteCrl.TryGetValue((issuer, partition), out baseNumber))
            {
                baseNumber = NextCrlNumber(minimum: 0);
                _lastCompleteCrl[(issuer, partition)] = baseNumber;
            }

            // A delta shares the numbering of complete CRLs and comes after its base (RFC 5280 §5.2.3, §5.2.4).
            var number = NextCrlNumber(minimum: baseNumber + 1);
            builder.CrlNumber = number;
            builder.DeltaCrlIndicator = baseNumber;
            foreach (var revocation in ScopeOf(issuer, partition).OrderBy(r => r.RevokedAt))
            {
                if (revocation.IsRevoked && revocation.ChangedAfter >= baseNumber)
                {
                    builder.Entries.Add(EntryOf(revocation));
                }
                else if (!revocation.IsRevoked && revocation.IsListedIn(baseNumber))
                {
                    builder.Entries.Add(new JpkiTestCrlEntry(revocation.SerialNumberBytes, revocation.RemovedAt!.Value) { Reason = X509RevocationReason.RemoveFromCrl });
                }
            }
        }

        return builder;
    }

    /// <summary>The complete CRL of <paramref name="partition"/> signed by <paramref name="issuer"/>, as of now (see <see cref="CreateCrlBuilder"/>).</summary>
    public byte[] CreateCrl(JpkiTestCa issuer, JpkiTestCrlPartition? partition = null) => CreateCrlBuilder(issuer, partition).Build();

    /// <summary>The delta CRL of <paramref name="partition"/> against <paramref name="baseCrlNumber"/> (see <see cref="CreateDeltaCrlBuilder"/>).</summary>
    public byte[] CreateDeltaCrl(JpkiTestCa issuer, JpkiTestCrlPartition? partition = null, BigInteger? baseCrlNumber = null) =>
        CreateDeltaCrlBuilder(issuer, partition, baseCrlNumber).Build();

    /// <summary>
    /// Issues a delegated OCSP responder certificate under <paramref name="issuer"/>: extendedKeyUsage id-kp-OCSPSigning,
    /// id-pkix-ocsp-nocheck, digitalSignature, or the defects <paramref name="options"/> asks for. Pass a CA of another
    /// kind, generation or authority to get a responder a client must not accept for this CA's certificates.
    /// </summary>
    public JpkiTestOcspResponder IssueOcspResponder(JpkiTestCa issuer, JpkiTestOcspResponderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        options ??= new JpkiTestOcspResponderOptions();
        var now = Now;
        var caStart = issuer.Generation.NotBefore;
        var caEnd = issuer.Generation.NotAfter;
        DateTimeOffset notBefore, notAfter;
        if (options.Expired)
        {
            notAfter = Min(caEnd, now.AddDays(-1));
            notBefore = Max(caStart, notAfter.AddDays(-30));
        }
        else
        {
            notAfter = Min(caEnd, now.AddYears(1));
            notBefore = Max(caStart, Min(now, caEnd).AddDays(-1));
        }

        notBefore = CeilingToSecond(options.NotBefore ?? notBefore);
        notAfter = FloorToSecond(options.NotAfter ?? notAfter);
        if (notBefore < caStart || notAfter > caEnd || notAfter <= notBefore)
        {
            throw new ArgumentException($"The validity requested does not fit generation {issuer.Generation.Name}'s validity.", nameof(options));
        }

        var key = NextKey();
        var ownsKey = !_options.ReuseCardKeys;
        try
        {
            var subject = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            using (subject.PushSequence())
            {
                Der.WriteRdn(subject, "2.5.4.6", "JP");
                Der.WriteRdn(subject, "2.5.4.10", "JPKI");
                Der.WriteRdn(subject, "2.5.4.11", issuer.Kind == JpkiCertificateKind.Signature ? SignatureUnit : AuthenticationUnit);
                Der.WriteRdn(subject, "2.5.4.3", $"LineGov TEST OCSP Responder {issuer.Generation.Name}");
            }

            var request = new CertificateRequest(new X500DistinguishedName(subject.Encode()), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            if (options.IncludeOcspSigningUsage)
            {
                request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(Der.OcspSigningOid)], false));
            }

            if (options.IncludeNoCheck)
            {
                request.CertificateExtensions.Add(new X509Extension(Der.OcspNoCheckOid, [0x05, 0x00], false));
            }

            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
            using var issued = request.Create(issuer.Certificate.SubjectName, X509SignatureGenerator.CreateForRSA(issuer.Key, RSASignaturePadding.Pkcs1), notBefore, notAfter, RandomSerial());
            var certificate = X509CertificateLoader.LoadCertificate(issued.RawData);
            return new JpkiTestOcspResponder(issuer, certificate, key, ownsKey);
        }
        catch
        {
            if (ownsKey)
            {
                key.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// A builder prefilled with the answer to <paramref name="request"/> from the revocation state: per CertID good,
    /// revoked (time and reason) or unknown (a serial this authority never issued, or an issuer it does not have);
    /// signed by the CA that issued the first known certificate (so each generation answers for its own
    /// certificates); producedAt and thisUpdate now, nextUpdate a day later; the request's nonce echoed.
    /// </summary>
    public JpkiTestOcspResponseBuilder CreateOcspResponseBuilder(JpkiTestOcspRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = FloorToSecond(Now);
        JpkiTestCa? signer = null;
        var responses = new List<JpkiTestOcspSingleResponse>(request.CertIds.Count);
        foreach (var certId in request.CertIds)
        {
            var ca = FindCa(certId);
            signer ??= ca;
            var response = new JpkiTestOcspSingleResponse(certId, JpkiTestOcspCertStatus.Unknown, now) { NextUpdate = now.AddDays(1) };
            if (ca is not null)
            {
                var key = (ca, certId.SerialNumber);
                JpkiTestRevocation? revocation;
                lock (_revocationLock)
                {
                    _revocations.TryGetValue(key, out revocation);
                }

                if (revocation is { IsRevoked: true })
                {
                    response.Status = JpkiTestOcspCertStatus.Revoked;
                    response.RevocationTime = revocation.RevokedAt;
                    response.RevocationReason = revocation.Reason;
                }
                else if (_issued.ContainsKey(key))
                {
                    response.Status = JpkiTestOcspCertStatus.Good;
                }
            }

            responses.Add(response);
        }

        var builder = new JpkiTestOcspResponseBuilder(signer ?? GetCa(JpkiCertificateKind.Signature), now) { Nonce = request.Nonce };
        foreach (var response in responses)
        {
            builder.Responses.Add(response);
        }

        return builder;
    }

    /// <summary>
    /// Answers a DER OCSP request from the revocation state (see <see cref="CreateOcspResponseBuilder"/>); bytes that
    /// are not a request get a malformedRequest response, as a responder sends.
    /// </summary>
    public byte[] CreateOcspResponse(ReadOnlyMemory<byte> request) =>
        JpkiTestOcspRequest.TryParse(request, out var parsed)
            ? CreateOcspResponseBuilder(parsed).Build()
            : JpkiTestOcspResponseBuilder.CreateUnsuccessful(JpkiTestOcspResponseStatus.MalformedRequest);

    /// <summary>The CA of <paramref name="certId"/>, when it names one of this authority's.</summary>
    internal JpkiTestCa? FindCa(JpkiTestOcspCertId certId)
    {
        var algorithm = certId.HashAlgorithm;
        if (algorithm.Name == certId.HashAlgorithmOid)
        {
            return null;
        }

        foreach (var ca in _signatureCas.Concat(_authenticationCas))
        {
            var (nameHash, keyHash) = ca.OcspHashes(algorithm);
            if (nameHash.AsSpan().SequenceEqual(certId.IssuerNameHash.Span) && keyHash.AsSpan().SequenceEqual(certId.IssuerKeyHash.Span))
            {
                return ca;
            }
        }

        return null;
    }

    /// <summary>All CAs of both kinds.</summary>
    internal IEnumerable<JpkiTestCa> AllCas => _signatureCas.Concat(_authenticationCas);

    /// <summary>The URL of a partition CRL under <see cref="CrlBaseUri"/> (or <paramref name="baseUri"/>), or <see langword="null"/>.</summary>
    internal Uri? GetCrlUri(JpkiTestCa ca, JpkiTestCrlPartition partition, bool delta, Uri? baseUri = null)
    {
        baseUri ??= CrlBaseUri;
        if (baseUri is null)
        {
            return null;
        }

        var relative = string.Join('/', ca.KindSegment, Uri.EscapeDataString(ca.Generation.Name), Uri.EscapeDataString(partition.Prefecture), Uri.EscapeDataString(partition.Municipality))
            + (delta ? ".delta.crl" : ".crl");
        var text = baseUri.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text + relative : text + "/" + relative);
    }

    private void Register(JpkiTestCa ca, byte[] der, JpkiTestCrlPartition partition) =>
        _issued[(ca, CertificateFields.Read(der).SerialHex)] = partition;

    private JpkiTestRevocation RevokeCore(ReadOnlyMemory<byte> der, DateTimeOffset? revokedAt, X509RevocationReason? reason, DateTimeOffset? invalidityDate)
    {
        if (reason == X509RevocationReason.RemoveFromCrl)
        {
            throw new ArgumentException("removeFromCRL is not a reason to revoke: use Unrevoke.", nameof(reason));
        }

        var fields = CertificateFields.Read(der);
        var (ca, partition) = FindIssuer(fields);
        var at = revokedAt ?? Now;
        lock (_revocationLock)
        {
            var key = (ca, fields.SerialHex);
            var listedAfter = _revocations.TryGetValue(key, out var existing) && existing.IsRevoked ? existing.ListedAfter : _crlNumber;
            var revocation = new JpkiTestRevocation(ca, fields.SerialNumber.ToArray(), partition, at, reason, invalidityDate, null, listedAfter, _crlNumber, null);
            _revocations[key] = revocation;
            _changedSinceLastCrl = true;
            return revocation;
        }
    }

    private bool UnrevokeCore(ReadOnlyMemory<byte> der, DateTimeOffset? removedAt)
    {
        var fields = CertificateFields.Read(der);
        var (ca, _) = FindIssuer(fields);
        var at = removedAt ?? Now;
        lock (_revocationLock)
        {
            var key = (ca, fields.SerialHex);
            if (!_revocations.TryGetValue(key, out var existing) || !existing.IsRevoked)
            {
                return false;
            }

            _revocations[key] = new JpkiTestRevocation(ca, existing.SerialNumberBytes, existing.Partition, existing.RevokedAt, existing.Reason, existing.InvalidityDate, at, existing.ListedAfter, _crlNumber, _crlNumber);
            _changedSinceLastCrl = true;
            return true;
        }
    }

    /// <summary>The CA that issued a certificate of this authority (generations share a name: the registry, then the key id, decide).</summary>
    private (JpkiTestCa Ca, JpkiTestCrlPartition Partition) FindIssuer(CertificateFields fields)
    {
        var candidates = AllCas
            .Where(ca => ca.Certificate.SubjectName.RawData.AsSpan().SequenceEqual(fields.Issuer.Span))
            .Where(ca => _issued.ContainsKey((ca, fields.SerialHex)))
            .ToList();
        if (candidates.Count == 0)
        {
            throw new ArgumentException("The certificate was not issued by this authority.");
        }

        var ca = candidates.Count == 1 || fields.AuthorityKeyIdentifier is not { } keyId
            ? candidates[^1]
            : candidates.LastOrDefault(c => c.Parsed.SubjectKeyIdentifier is { } ski && ski.Span.SequenceEqual(keyId.Span)) ?? candidates[^1];
        return (ca, _issued[(ca, fields.SerialHex)]);
    }

    /// <summary>The number of a CRL issued now: a new one only when the state changed (or to stay above <paramref name="minimum"/>).</summary>
    private long NextCrlNumber(long minimum)
    {
        if (_changedSinceLastCrl || _crlNumber < minimum)
        {
            _crlNumber = Math.Max(_crlNumber + 1, minimum);
            _changedSinceLastCrl = false;
        }

        return _crlNumber;
    }

    private IEnumerable<JpkiTestRevocation> ScopeOf(JpkiTestCa issuer, JpkiTestCrlPartition partition) =>
        _revocations.Values.Where(r => r.Issuer == issuer && r.Partition == partition);

    private JpkiTestCrlBuilder NewPartitionCrlBuilder(JpkiTestCa issuer, JpkiTestCrlPartition partition, DateTimeOffset now) =>
        new(issuer, FloorToSecond(now))
        {
            IssuingDistributionPoint = JpkiTestIssuingDistributionPoint.ForPartition(partition, issuer.Kind, GetCrlUri(issuer, partition, delta: false)),
        };

    private static JpkiTestCrlEntry EntryOf(JpkiTestRevocation revocation) =>
        new(revocation.SerialNumberBytes, revocation.RevokedAt) { Reason = revocation.Reason, InvalidityDate = revocation.InvalidityDate };
}
