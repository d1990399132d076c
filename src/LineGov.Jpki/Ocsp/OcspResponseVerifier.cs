using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki;

/// <summary>What a request asked, so the response can be held to it.</summary>
/// <param name="CertId">The certificate asked about.</param>
/// <param name="Nonce">The nonce sent, or null when none was.</param>
/// <param name="RequireNonce">Whether a response without the nonce is refused.</param>
internal sealed record OcspExpectation(OcspCertId CertId, byte[]? Nonce, bool RequireNonce);

/// <summary>
/// Reads an OCSPResponse (RFC 6960 §4.2) and decides what it proves about one certificate. Every check must hold —
/// status successful, id-pkix-ocsp-basic, a signature by the issuer CA or by a delegated responder it certified for
/// id-kp-OCSPSigning, a ResponderID naming the signer, a SingleResponse for our CertID, sane times, our nonce — or the
/// answer is <see cref="JpkiRevocationState.Unknown"/> with the reason. Hostile input never throws: it is unknown.
/// </summary>
/// <remarks>
/// The reader is BER-tolerant (responders are not always strict DER); the signature is checked over the
/// tbsResponseData bytes as received, so tolerance cannot make unsigned content count.
/// </remarks>
internal static class OcspResponseVerifier
{
    /// <summary>More certificates than this in a response is not a response we read.</summary>
    private const int MaxCertificates = 16;

    private const AsnEncodingRules Rules = AsnEncodingRules.BER;

    private static readonly Asn1Tag Explicit0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Explicit1 = new(TagClass.ContextSpecific, 1, isConstructed: true);
    private static readonly Asn1Tag Explicit2 = new(TagClass.ContextSpecific, 2, isConstructed: true);
    private static readonly Asn1Tag Implicit0 = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag Implicit1Constructed = new(TagClass.ContextSpecific, 1, isConstructed: true);
    private static readonly Asn1Tag Implicit2 = new(TagClass.ContextSpecific, 2);

    /// <summary>Extensions a response may mark critical without our refusing it.</summary>
    private static readonly HashSet<string> KnownExtensions = new(StringComparer.Ordinal)
    {
        OcspOids.Nonce, OcspOids.CrlReferences, OcspOids.ArchiveCutoff, OcspOids.ExtendedRevoke, OcspOids.InvalidityDate,
    };

    /// <summary>Checks <paramref name="response"/> against what was asked.</summary>
    /// <param name="response">The OCSPResponse DER as received.</param>
    /// <param name="expected">The CertID and nonce of the request.</param>
    /// <param name="issuer">The certificate's issuer: the CA whose key signs or certifies the responder.</param>
    /// <param name="now">The current time, for freshness.</param>
    /// <param name="validationTime">The instant the validation is made for, for the responder certificate's validity.</param>
    /// <param name="options">Skew, age and algorithm settings.</param>
    /// <param name="source">The status source, <c>ocsp:&lt;responder&gt;</c>.</param>
    public static OcspVerification Verify(
        ReadOnlyMemory<byte> response,
        OcspExpectation expected,
        JpkiCertificate issuer,
        DateTimeOffset now,
        DateTimeOffset validationTime,
        JpkiOcspClientOptions options,
        string source)
    {
        try
        {
            return VerifyCore(response, expected, issuer, now, validationTime, options, source);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or JpkiFormatException or ArgumentException or OverflowException or FormatException)
        {
            return OcspVerification.Unknown(source, OcspOutcome.Malformed, "The OCSP response is malformed.");
        }
    }

    private static OcspVerification VerifyCore(
        ReadOnlyMemory<byte> response,
        OcspExpectation expected,
        JpkiCertificate issuer,
        DateTimeOffset now,
        DateTimeOffset validationTime,
        JpkiOcspClientOptions options,
        string source)
    {
        // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }
        var top = new AsnReader(response, Rules);
        var ocspResponse = top.ReadSequence();
        top.ThrowIfNotEmpty();
        var status = ocspResponse.ReadEnumeratedBytes().Span;
        if (status.Length != 1 || status[0] != 0)
        {
            var code = status.Length == 1 ? status[0] : -1;
            return OcspVerification.Unknown(source, OcspOutcome.ResponderError, $"The OCSP responder answered {ResponseStatusName(code)} instead of a status.");
        }

        if (!ocspResponse.HasData)
        {
            return Malformed(source, "A successful OCSP response carries no responseBytes.");
        }

        var responseBytesExplicit = ocspResponse.ReadSequence(Explicit0);
        ocspResponse.ThrowIfNotEmpty();
        var responseBytes = responseBytesExplicit.ReadSequence();
        responseBytesExplicit.ThrowIfNotEmpty();
        var responseType = responseBytes.ReadObjectIdentifier();
        if (responseType != OcspOids.BasicResponse)
        {
            return OcspVerification.Unknown(source, OcspOutcome.NotBasicResponse, "The OCSP response is not of type id-pkix-ocsp-basic.");
        }

        var basicDer = responseBytes.ReadOctetString();
        responseBytes.ThrowIfNotEmpty();

        // BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm, signature BIT STRING, certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
        var basicTop = new AsnReader(basicDer, Rules);
        var basic = basicTop.ReadSequence();
        basicTop.ThrowIfNotEmpty();
        var tbsDer = basic.ReadEncodedValue();
        var signatureAlgorithm = basic.ReadEncodedValue();
        var signature = basic.ReadBitString(out var unusedBits);
        if (unusedBits != 0)
        {
            return Malformed(source, "The OCSP response signature is not a whole number of bytes.");
        }

        var certificates = new List<ReadOnlyMemory<byte>>();
        if (basic.HasData)
        {
            var certsExplicit = basic.ReadSequence(Explicit0);
            var certs = certsExplicit.ReadSequence();
            certsExplicit.ThrowIfNotEmpty();
            while (certs.HasData)
            {
                if (certificates.Count == MaxCertificates)
                {
                    return Malformed(source, $"The OCSP response carries more than {MaxCertificates} certificates.");
                }

                certificates.Add(certs.ReadEncodedValue());
            }
        }

        basic.ThrowIfNotEmpty();
        var data = ResponseData.Read(tbsDer);

        // Authenticity first: nothing the response says counts before its signer is known to speak for the CA.
        var signer = FindSigner(data, tbsDer.Span, signatureAlgorithm.Span, signature, certificates, issuer, validationTime, options, source, out var failure);
        if (signer is null)
        {
            return failure!.Value;
        }

        var delegatedWithoutNoCheck = signer.Delegated && !signer.HasNoCheck;
        var verdict = Judge(data, expected, now, options, source);
        return verdict with { DelegatedWithoutNoCheck = delegatedWithoutNoCheck };
    }

    private static OcspVerification Judge(ResponseData data, OcspExpectation expected, DateTimeOffset now, JpkiOcspClientOptions options, string source)
    {
        if (data.HasUnknownCriticalExtension)
        {
            return OcspVerification.Unknown(source, OcspOutcome.UnknownCriticalExtension, "The OCSP response has a critical extension this client does not know.");
        }

        SingleResponse? match = null;
        foreach (var single in data.Responses)
        {
            if (!single.Matches(expected.CertId))
            {
                continue;
            }

            if (match is null)
            {
                match = single;
            }
            else if (match.Status != single.Status || match.RevocationTime != single.RevocationTime)
            {
                return OcspVerification.Unknown(source, OcspOutcome.ConflictingResponses, "The OCSP response holds conflicting answers for the certificate.");
            }
        }

        if (match is null)
        {
            return OcspVerification.Unknown(source, OcspOutcome.NoMatchingResponse, "The OCSP response does not answer for the certificate asked about (no matching CertID).");
        }

        if (match.HasUnknownCriticalExtension)
        {
            return OcspVerification.Unknown(source, OcspOutcome.UnknownCriticalExtension, "The OCSP single response has a critical extension this client does not know.");
        }

        var skew = options.ClockSkew;
        if (data.ProducedAt > now + skew)
        {
            return OcspVerification.Unknown(source, OcspOutcome.ProducedAtInvalid, "The OCSP response's producedAt is in the future.");
        }

        if (match.ThisUpdate > now + skew)
        {
            return OcspVerification.Unknown(source, OcspOutcome.ThisUpdateInFuture, "The OCSP response's thisUpdate is in the future.");
        }

        if (data.ProducedAt + skew < match.ThisUpdate)
        {
            return OcspVerification.Unknown(source, OcspOutcome.ProducedAtInvalid, "The OCSP response was produced before its thisUpdate.");
        }

        if (match.NextUpdate is { } nextUpdate)
        {
            if (nextUpdate < match.ThisUpdate)
            {
                return Malformed(source, "The OCSP response's nextUpdate is before its thisUpdate.");
            }

            if (nextUpdate < now - skew)
            {
                return OcspVerification.Unknown(source, OcspOutcome.Expired, "The OCSP response has expired (its nextUpdate has passed).");
            }
        }
        else if (match.ThisUpdate < now - skew - options.MaxAgeWithoutNextUpdate)
        {
            return OcspVerification.Unknown(source, OcspOutcome.Stale, "The OCSP response has no nextUpdate and its thisUpdate is too old.");
        }

        if (expected.Nonce is { } nonce)
        {
            if (data.Nonce is { } echoed)
            {
                // RFC 8954: extnValue holds an OCTET STRING with the nonce; some responders put the bare nonce there.
                var wrapped = OcspRequestEncoder.EncodeNonceValue(nonce);
                if (!CryptographicOperations.FixedTimeEquals(echoed, wrapped) && !CryptographicOperations.FixedTimeEquals(echoed, nonce))
                {
                    return OcspVerification.Unknown(source, OcspOutcome.NonceMismatch, "The OCSP response carries a nonce other than the request's (a replayed or misdirected response).");
                }
            }
            else if (expected.RequireNonce)
            {
                return OcspVerification.Unknown(source, OcspOutcome.NonceMissing, "The OCSP response does not echo the request's nonce, and a nonce is required.");
            }
        }

        return match.Status switch
        {
            CertStatus.Good => new OcspVerification(JpkiRevocationStatus.Good(source, match.ThisUpdate, match.NextUpdate), OcspOutcome.Good),
            CertStatus.Revoked => new OcspVerification(
                JpkiRevocationStatus.Revoked(source, match.RevocationTime, match.Reason, match.ThisUpdate, match.NextUpdate),
                OcspOutcome.Revoked),
            _ => OcspVerification.Unknown(source, OcspOutcome.CertStatusUnknown, "The OCSP responder does not know the certificate (certStatus unknown)."),
        };
    }

    private static Signer? FindSigner(
        ResponseData data,
        ReadOnlySpan<byte> tbs,
        ReadOnlySpan<byte> signatureAlgorithm,
        ReadOnlySpan<byte> signature,
        List<ReadOnlyMemory<byte>> certificates,
        JpkiCertificate issuer,
        DateTimeOffset validationTime,
        JpkiOcspClientOptions options,
        string source,
        out OcspVerification? failure)
    {
        failure = null;
        if (data.MatchesResponderId(issuer))
        {
            var outcome = OcspSignatures.Verify(signatureAlgorithm, tbs, signature, issuer, options.AcceptSha1Signatures);
            if (outcome is null)
            {
                return new Signer(issuer, Delegated: false, HasNoCheck: false);
            }

            failure = SignatureFailure(source, outcome.Value, "the issuer CA");
        }

        foreach (var der in certificates)
        {
            if (!JpkiCertificate.TryParse(der.Span, out var candidate, out _) || !data.MatchesResponderId(candidate))
            {
                continue;
            }

            if (!IsAuthorizedResponder(candidate, issuer, data.ProducedAt, validationTime, options, out var reason))
            {
                failure ??= OcspVerification.Unknown(source, OcspOutcome.UnauthorizedResponder, "The OCSP response is signed by an unauthorized responder: " + reason);
                continue;
            }

            var outcome = OcspSignatures.Verify(signatureAlgorithm, tbs, signature, candidate, options.AcceptSha1Signatures);
            if (outcome is null)
            {
                return new Signer(candidate, Delegated: true, HasNoCheck: candidate.Extensions.Any(e => e.Oid == OcspOids.NoCheck));
            }

            failure ??= SignatureFailure(source, outcome.Value, "the delegated responder");
        }

        failure ??= OcspVerification.Unknown(
            source,
            OcspOutcome.UnauthorizedResponder,
            "The OCSP response's ResponderID names neither the issuer CA nor a responder certificate included in the response.");
        return null;
    }

    private static OcspVerification SignatureFailure(string source, OcspOutcome outcome, string signer) => outcome == OcspOutcome.UnsupportedSignatureAlgorithm
        ? OcspVerification.Unknown(source, outcome, "The OCSP response is signed with an algorithm this client does not accept.")
        : OcspVerification.Unknown(source, outcome, $"The OCSP response signature does not verify with the key of {signer}.");

    /// <summary>
    /// RFC 6960 §4.2.2.2: a delegated responder is certified by the CA that issued the certificate in question, for
    /// id-kp-OCSPSigning. It must also be within its validity when it signed and at the validation instant.
    /// </summary>
    private static bool IsAuthorizedResponder(
        JpkiCertificate responder,
        JpkiCertificate issuer,
        DateTimeOffset producedAt,
        DateTimeOffset validationTime,
        JpkiOcspClientOptions options,
        out string reason)
    {
        if (!DistinguishedNames.Equal(responder.IssuerRaw, issuer.SubjectRaw))
        {
            reason = "its certificate was not issued by the certificate's CA.";
            return false;
        }

        // SHA-1 is never accepted on the responder's certificate, whatever AcceptSha1Signatures says of responses:
        // chosen-prefix collisions make a SHA-1 certificate forgeable, and a forged responder could vouch for anything.
        if (responder.SignatureHasUnusedBits ||
            OcspSignatures.Verify(responder.SignatureAlgorithm.Span, responder.TbsCertificate.Span, responder.SignatureValue.Span, issuer, acceptSha1: false) is not null)
        {
            reason = "its certificate's signature does not verify with the CA's key.";
            return false;
        }

        if (!HasOcspSigning(responder))
        {
            reason = "its certificate lacks the id-kp-OCSPSigning extended key usage.";
            return false;
        }

        if (responder.KeyUsage is { } usage && (usage & X509KeyUsageFlags.DigitalSignature) == 0)
        {
            reason = "its certificate's key usage does not allow digitalSignature.";
            return false;
        }

        if (!responder.IsTimeValidAt(validationTime) || !responder.IsTimeValidAt(producedAt))
        {
            reason = "its certificate is not within its validity period.";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool HasOcspSigning(JpkiCertificate certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid != OcspOids.ExtendedKeyUsage)
            {
                continue;
            }

            try
            {
                var top = new AsnReader(extension.Value, AsnEncodingRules.DER);
                var usages = top.ReadSequence();
                top.ThrowIfNotEmpty();
                while (usages.HasData)
                {
                    if (usages.ReadObjectIdentifier() == OcspOids.OcspSigning)
                    {
                        return true;
                    }
                }
            }
            catch (AsnContentException)
            {
                return false;
            }
        }

        return false;
    }

    private static OcspVerification Malformed(string source, string detail) => OcspVerification.Unknown(source, OcspOutcome.Malformed, detail);

    private static string ResponseStatusName(int code) => code switch
    {
        1 => "malformedRequest (1)",
        2 => "internalError (2)",
        3 => "tryLater (3)",
        5 => "sigRequired (5)",
        6 => "unauthorized (6)",
        _ => "an undefined response status",
    };

    private sealed record Signer(JpkiCertificate Certificate, bool Delegated, bool HasNoCheck);

    private enum CertStatus
    {
        Good,
        Revoked,
        Unknown,
    }

    /// <summary>ResponseData (RFC 6960 §4.2.1), read in full before anything is trusted.</summary>
    private sealed class ResponseData
    {
        private ResponseData(ReadOnlyMemory<byte>? byName, ReadOnlyMemory<byte>? byKey, DateTimeOffset producedAt, List<SingleResponse> responses, byte[]? nonce, bool unknownCritical)
        {
            ByName = byName;
            ByKey = byKey;
            ProducedAt = producedAt;
            Responses = responses;
            Nonce = nonce;
            HasUnknownCriticalExtension = unknownCritical;
        }

        public ReadOnlyMemory<byte>? ByName { get; }

        public ReadOnlyMemory<byte>? ByKey { get; }

        public DateTimeOffset ProducedAt { get; }

        public List<SingleResponse> Responses { get; }

        /// <summary>The nonce extension's extnValue contents, when present.</summary>
        public byte[]? Nonce { get; }

        public bool HasUnknownCriticalExtension { get; }

        public static ResponseData Read(ReadOnlyMemory<byte> der)
        {
            // ResponseData ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, responderID, producedAt, responses, responseExtensions [1] EXPLICIT OPTIONAL }
            var top = new AsnReader(der, Rules);
            var tbs = top.ReadSequence();
            top.ThrowIfNotEmpty();
            if (tbs.PeekTag().HasSameClassAndValue(Explicit0))
            {
                var version = tbs.ReadSequence(Explicit0);
                if (!version.TryReadInt32(out var v) || v != 0)
                {
                    throw new AsnContentException("Unsupported ResponseData version.");
                }

                version.ThrowIfNotEmpty();
            }

            // ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash } — explicitly tagged (the module uses EXPLICIT TAGS).
            ReadOnlyMemory<byte>? byName = null;
            ReadOnlyMemory<byte>? byKey = null;
            var tag = tbs.PeekTag();
            if (tag == Explicit1)
            {
                var name = tbs.ReadSequence(Explicit1);
                byName = name.ReadEncodedValue();
                name.ThrowIfNotEmpty();
            }
            else if (tag == Explicit2)
            {
                var key = tbs.ReadSequence(Explicit2);
                byKey = key.ReadOctetString();
                key.ThrowIfNotEmpty();
            }
            else
            {
                throw new AsnContentException("Unknown ResponderID choice.");
            }

            var producedAt = tbs.ReadGeneralizedTime();
            var responses = new List<SingleResponse>();
            var list = tbs.ReadSequence();
            while (list.HasData)
            {
                responses.Add(SingleResponse.Read(list));
            }

            byte[]? nonce = null;
            var unknownCritical = false;
            if (tbs.HasData)
            {
                var extensions = tbs.ReadSequence(Explicit1);
                ReadExtensions(extensions.ReadSequence(), ref nonce, ref unknownCritical);
                extensions.ThrowIfNotEmpty();
            }

            tbs.ThrowIfNotEmpty();
            return new ResponseData(byName, byKey, producedAt, responses, nonce, unknownCritical);
        }

        public bool MatchesResponderId(JpkiCertificate certificate)
        {
            if (ByName is { } name)
            {
                return DistinguishedNames.Equal(name, certificate.SubjectRaw);
            }

            return ByKey is { } key && OcspKeys.KeyHash(certificate) is { } hash && key.Span.SequenceEqual(hash);
        }
    }

    /// <summary>SingleResponse (RFC 6960 §4.2.1).</summary>
    private sealed class SingleResponse
    {
        public required string HashOid { get; init; }

        public required ReadOnlyMemory<byte> IssuerNameHash { get; init; }

        public required ReadOnlyMemory<byte> IssuerKeyHash { get; init; }

        public required ReadOnlyMemory<byte> SerialNumber { get; init; }

        public required CertStatus Status { get; init; }

        public DateTimeOffset RevocationTime { get; init; }

        public X509RevocationReason? Reason { get; init; }

        public required DateTimeOffset ThisUpdate { get; init; }

        public DateTimeOffset? NextUpdate { get; init; }

        public bool HasUnknownCriticalExtension { get; init; }

        public bool Matches(OcspCertId certId) =>
            HashOid == certId.HashOid &&
            IssuerNameHash.Span.SequenceEqual(certId.IssuerNameHash) &&
            IssuerKeyHash.Span.SequenceEqual(certId.IssuerKeyHash) &&
            SerialNumber.Span.SequenceEqual(certId.SerialNumber);

        public static SingleResponse Read(AsnReader list)
        {
            var single = list.ReadSequence();

            // CertID ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, issuerNameHash, issuerKeyHash, serialNumber }
            var certId = single.ReadSequence();
            var algorithm = certId.ReadSequence();
            var hashOid = algorithm.ReadObjectIdentifier();
            if (algorithm.HasData)
            {
                algorithm.ReadEncodedValue(); // parameters: NULL or absent, ignored
            }

            algorithm.ThrowIfNotEmpty();
            var nameHash = certId.ReadOctetString();
            var keyHash = certId.ReadOctetString();
            var serial = certId.ReadIntegerBytes();
            certId.ThrowIfNotEmpty();

            // CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT NULL }
            var status = CertStatus.Unknown;
            var revocationTime = default(DateTimeOffset);
            X509RevocationReason? reason = null;
            var tag = single.PeekTag();
            if (tag == Implicit0)
            {
                single.ReadNull(Implicit0);
                status = CertStatus.Good;
            }
            else if (tag == Implicit1Constructed)
            {
                var revoked = single.ReadSequence(Implicit1Constructed);
                revocationTime = revoked.ReadGeneralizedTime();
                if (revoked.HasData)
                {
                    // revocationReason [0] EXPLICIT CRLReason
                    var explicitReason = revoked.ReadSequence(Explicit0);
                    var value = explicitReason.ReadEnumeratedBytes().Span;
                    explicitReason.ThrowIfNotEmpty();
                    reason = value.Length == 1 && value[0] <= 10 && value[0] != 7 ? (X509RevocationReason)value[0] : null;
                }

                revoked.ThrowIfNotEmpty();
                status = CertStatus.Revoked;
            }
            else if (tag == Implicit2)
            {
                single.ReadNull(Implicit2);
            }
            else
            {
                throw new AsnContentException("Unknown CertStatus choice.");
            }

            var thisUpdate = single.ReadGeneralizedTime();
            DateTimeOffset? nextUpdate = null;
            if (single.HasData && single.PeekTag() == Explicit0)
            {
                var next = single.ReadSequence(Explicit0);
                nextUpdate = next.ReadGeneralizedTime();
                next.ThrowIfNotEmpty();
            }

            byte[]? ignoredNonce = null;
            var unknownCritical = false;
            if (single.HasData)
            {
                var extensions = single.ReadSequence(Explicit1);
                ReadExtensions(extensions.ReadSequence(), ref ignoredNonce, ref unknownCritical);
                extensions.ThrowIfNotEmpty();
            }

            single.ThrowIfNotEmpty();
            return new SingleResponse
            {
                HashOid = hashOid,
                IssuerNameHash = nameHash,
                IssuerKeyHash = keyHash,
                SerialNumber = serial,
                Status = status,
                RevocationTime = revocationTime,
                Reason = reason,
                ThisUpdate = thisUpdate,
                NextUpdate = nextUpdate,
                HasUnknownCriticalExtension = unknownCritical,
            };
        }
    }

    /// <summary>Extensions ::= SEQUENCE OF Extension { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }.</summary>
    private static void ReadExtensions(AsnReader extensions, ref byte[]? nonce, ref bool unknownCritical)
    {
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
            var value = extension.ReadOctetString();
            extension.ThrowIfNotEmpty();
            if (oid == OcspOids.Nonce)
            {
                if (nonce is not null)
                {
                    throw new AsnContentException("Two nonce extensions.");
                }

                nonce = value;
            }
            else if (critical && !KnownExtensions.Contains(oid))
            {
                unknownCritical = true;
            }
        }
    }
}

/// <summary>Verifies responder signatures with the package's signature verification (RSA PKCS#1 v1.5, DSA, ECDSA; SHA-1 to SHA-512).</summary>
internal static class OcspSignatures
{
    /// <summary>Null when <paramref name="signature"/> over <paramref name="data"/> verifies with <paramref name="signer"/>'s key; otherwise why not.</summary>
    public static OcspOutcome? Verify(ReadOnlySpan<byte> algorithmIdentifier, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, JpkiCertificate signer, bool acceptSha1)
    {
        if (PublicKeys.HashOf(algorithmIdentifier) is not { } hash || (hash == HashAlgorithmName.SHA1 && !acceptSha1))
        {
            return OcspOutcome.UnsupportedSignatureAlgorithm;
        }

        return PublicKeys.VerifyData(signer.SubjectPublicKeyInfo, null, algorithmIdentifier, data, signature) ? null : OcspOutcome.BadSignature;
    }
}
