using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki.Testing;

/// <summary>OCSPResponseStatus (RFC 6960 §4.2.1). Only <see cref="Successful"/> carries a signed answer.</summary>
public enum JpkiTestOcspResponseStatus
{
    /// <summary>successful: the response has a BasicOCSPResponse.</summary>
    Successful = 0,

    /// <summary>malformedRequest.</summary>
    MalformedRequest = 1,

    /// <summary>internalError.</summary>
    InternalError = 2,

    /// <summary>tryLater.</summary>
    TryLater = 3,

    /// <summary>sigRequired.</summary>
    SigRequired = 5,

    /// <summary>unauthorized.</summary>
    Unauthorized = 6,
}

/// <summary>CertStatus of a SingleResponse.</summary>
public enum JpkiTestOcspCertStatus
{
    /// <summary>good.</summary>
    Good = 0,

    /// <summary>revoked, with revocationTime and optionally revocationReason.</summary>
    Revoked = 1,

    /// <summary>unknown.</summary>
    Unknown = 2,
}

/// <summary>How a BasicOCSPResponse names its responder (ResponderID).</summary>
public enum JpkiTestOcspResponderIdKind
{
    /// <summary>byName: the signer certificate's subject.</summary>
    ByName = 0,

    /// <summary>byKey: the SHA-1 hash of the signer's public key.</summary>
    ByKey = 1,
}

/// <summary>One SingleResponse: the status of one certificate.</summary>
public sealed class JpkiTestOcspSingleResponse
{
    /// <summary>Creates a single response.</summary>
    public JpkiTestOcspSingleResponse(JpkiTestOcspCertId certId, JpkiTestOcspCertStatus status, DateTimeOffset thisUpdate)
    {
        ArgumentNullException.ThrowIfNull(certId);
        CertId = certId;
        Status = status;
        ThisUpdate = thisUpdate;
    }

    /// <summary>The certificate (echoed from the request byte for byte when it came from one).</summary>
    public JpkiTestOcspCertId CertId { get; set; }

    /// <summary>good, revoked or unknown.</summary>
    public JpkiTestOcspCertStatus Status { get; set; }

    /// <summary>revocationTime, for <see cref="JpkiTestOcspCertStatus.Revoked"/> (required then).</summary>
    public DateTimeOffset? RevocationTime { get; set; }

    /// <summary>revocationReason, for <see cref="JpkiTestOcspCertStatus.Revoked"/>; <see langword="null"/> = absent.</summary>
    public X509RevocationReason? RevocationReason { get; set; }

    /// <summary>thisUpdate.</summary>
    public DateTimeOffset ThisUpdate { get; set; }

    /// <summary>nextUpdate; <see langword="null"/> = absent ("newer information is always available").</summary>
    public DateTimeOffset? NextUpdate { get; set; }

    /// <summary>singleExtensions.</summary>
    public IList<X509Extension> Extensions { get; } = new List<X509Extension>();

    internal void WriteTo(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(CertId.RawData.Span);
            switch (Status)
            {
                case JpkiTestOcspCertStatus.Good:
                    writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 0));
                    break;
                case JpkiTestOcspCertStatus.Revoked:
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                    {
                        Der.WriteGeneralizedTime(writer, RevocationTime ?? throw new InvalidOperationException("A revoked status needs a revocation time."));
                        if (RevocationReason is { } reason)
                        {
                            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                            {
                                writer.WriteEnumeratedValue(reason);
                            }
                        }
                    }

                    break;
                default:
                    writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 2));
                    break;
            }

            Der.WriteGeneralizedTime(writer, ThisUpdate);
            if (NextUpdate is { } nextUpdate)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    Der.WriteGeneralizedTime(writer, nextUpdate);
                }
            }

            if (Extensions.Count > 0)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                {
                    using (writer.PushSequence())
                    {
                        foreach (var extension in Extensions)
                        {
                            Der.WriteExtension(writer, extension);
                        }
                    }
                }
            }
        }
    }
}

/// <summary>
/// Writes an OCSPResponse (RFC 6960 §4.2) the way a test needs it: any response status, a BasicOCSPResponse signed
/// (RSA PKCS#1 v1.5, SHA-256) by the CA itself or by a delegated responder, any certificate statuses, the request's
/// nonce echoed or a wrong one or none, and deliberate defects. Start from
/// <see cref="JpkiTestAuthority.CreateOcspResponseBuilder"/> to answer a request from the authority's revocation state.
/// </summary>
/// <example>
/// <code>
/// var request = JpkiTestOcspRequest.Parse(requestBytes);
/// var builder = authority.CreateOcspResponseBuilder(request);
/// builder.DelegatedResponder = responder;           // from authority.IssueOcspResponder(ca)
/// builder.Nonce = null;                              // a responder that ignores nonces
/// byte[] response = builder.Build();
/// </code>
/// </example>
public sealed class JpkiTestOcspResponseBuilder
{
    /// <summary>Creates a builder for a response signed by <paramref name="signingCa"/> and produced at <paramref name="producedAt"/>.</summary>
    public JpkiTestOcspResponseBuilder(JpkiTestCa signingCa, DateTimeOffset producedAt)
    {
        ArgumentNullException.ThrowIfNull(signingCa);
        SigningCa = signingCa;
        ProducedAt = producedAt;
    }

    /// <summary>responseStatus. Anything but <see cref="JpkiTestOcspResponseStatus.Successful"/> gives a response without responseBytes.</summary>
    public JpkiTestOcspResponseStatus ResponseStatus { get; set; }

    /// <summary>The CA that signs when there is no <see cref="DelegatedResponder"/>.</summary>
    public JpkiTestCa SigningCa { get; set; }

    /// <summary>A delegated responder that signs instead of the CA (its certificate goes into <c>certs</c>).</summary>
    public JpkiTestOcspResponder? DelegatedResponder { get; set; }

    /// <summary>Whether a delegated responder's certificate is put in <c>certs</c>. Default: yes.</summary>
    public bool IncludeResponderCertificate { get; set; } = true;

    /// <summary>ResponderID: by name (default) or by key hash.</summary>
    public JpkiTestOcspResponderIdKind ResponderId { get; set; }

    /// <summary>producedAt.</summary>
    public DateTimeOffset ProducedAt { get; set; }

    /// <summary>The SingleResponses, in order.</summary>
    public IList<JpkiTestOcspSingleResponse> Responses { get; } = new List<JpkiTestOcspSingleResponse>();

    /// <summary>
    /// The nonce extension's value exactly as written (normally what <see cref="JpkiTestOcspRequest.Nonce"/> holds: a
    /// DER OCTET STRING); <see langword="null"/> = no nonce.
    /// </summary>
    public ReadOnlyMemory<byte>? Nonce { get; set; }

    /// <summary>More certificates for <c>certs</c> (after the responder's).</summary>
    public IList<X509Certificate2> ExtraCertificates { get; } = new List<X509Certificate2>();

    /// <summary>More responseExtensions, after the nonce (an unknown critical one, for example).</summary>
    public IList<X509Extension> ExtraExtensions { get; } = new List<X509Extension>();

    /// <summary>Whether the signature is corrupted (one bit flipped).</summary>
    public bool CorruptSignature { get; set; }

    /// <summary>An OCSPResponse without responseBytes, for a non-successful <paramref name="status"/>.</summary>
    public static byte[] CreateUnsuccessful(JpkiTestOcspResponseStatus status)
    {
        if (status == JpkiTestOcspResponseStatus.Successful)
        {
            throw new ArgumentException("A successful response has a signed body: use a builder.", nameof(status));
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEnumeratedValue(status);
        }

        return writer.Encode();
    }

    /// <summary>The DER-encoded OCSPResponse.</summary>
    public byte[] Build()
    {
        if (ResponseStatus != JpkiTestOcspResponseStatus.Successful)
        {
            return CreateUnsuccessful(ResponseStatus);
        }

        var signerCertificate = DelegatedResponder?.Certificate ?? SigningCa.Certificate;
        var signerKey = DelegatedResponder?.Key ?? SigningCa.Key;

        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            if (ResponderId == JpkiTestOcspResponderIdKind.ByKey)
            {
                using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
                {
                    tbs.WriteOctetString(JpkiTestOcspCertId.Hash(HashAlgorithmName.SHA1, Der.PublicKeyBits(signerCertificate)));
                }
            }
            else
            {
                using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                {
                    tbs.WriteEncodedValue(signerCertificate.SubjectName.RawData);
                }
            }

            Der.WriteGeneralizedTime(tbs, ProducedAt);
            using (tbs.PushSequence())
            {
                foreach (var response in Responses)
                {
                    response.WriteTo(tbs);
                }
            }

            if (Nonce is not null || ExtraExtensions.Count > 0)
            {
                using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                {
                    using (tbs.PushSequence())
                    {
                        if (Nonce is { } nonce)
                        {
                            Der.WriteExtension(tbs, Der.OcspNonceOid, false, nonce.Span);
                        }

                        foreach (var extension in ExtraExtensions)
                        {
                            Der.WriteExtension(tbs, extension);
                        }
                    }
                }
            }
        }

        var tbsBytes = tbs.Encode();
        var basic = new AsnWriter(AsnEncodingRules.DER);
        using (basic.PushSequence())
        {
            basic.WriteEncodedValue(tbsBytes);
            Der.WriteSha256WithRsa(basic);
            basic.WriteBitString(Der.Sign(signerKey, tbsBytes, CorruptSignature));
            var certificates = new List<X509Certificate2>();
            if (DelegatedResponder is not null && IncludeResponderCertificate)
            {
                certificates.Add(DelegatedResponder.Certificate);
            }

            certificates.AddRange(ExtraCertificates);
            if (certificates.Count > 0)
            {
                using (basic.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    using (basic.PushSequence())
                    {
                        foreach (var certificate in certificates)
                        {
                            basic.WriteEncodedValue(certificate.RawData);
                        }
                    }
                }
            }
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEnumeratedValue(JpkiTestOcspResponseStatus.Successful);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(Der.OcspBasicOid);
                    writer.WriteOctetString(basic.Encode());
                }
            }
        }

        return writer.Encode();
    }
}

/// <summary>Settings of a delegated OCSP responder certificate, including the defects a client must reject.</summary>
public sealed record JpkiTestOcspResponderOptions
{
    /// <summary>Whether the certificate has extendedKeyUsage id-kp-OCSPSigning (1.3.6.1.5.5.7.3.9). Default: yes; without it a client must reject the responder.</summary>
    public bool IncludeOcspSigningUsage { get; init; } = true;

    /// <summary>Whether the certificate has id-pkix-ocsp-nocheck (1.3.6.1.5.5.7.48.1.5). Default: yes.</summary>
    public bool IncludeNoCheck { get; init; } = true;

    /// <summary>Whether the certificate expired yesterday (by the authority's clock).</summary>
    public bool Expired { get; init; }

    /// <summary>Start of validity; <see langword="null"/> = a day before now (or as <see cref="Expired"/> needs), within the CA's validity.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>End of validity; <see langword="null"/> = a year after now (or yesterday when <see cref="Expired"/>), within the CA's validity.</summary>
    public DateTimeOffset? NotAfter { get; init; }
}

/// <summary>A delegated OCSP responder: a certificate issued by a test CA for signing OCSP responses, with its key.</summary>
public sealed class JpkiTestOcspResponder : IDisposable
{
    private readonly bool _ownsKey;

    internal JpkiTestOcspResponder(JpkiTestCa issuer, X509Certificate2 certificate, RSA key, bool ownsKey)
    {
        Issuer = issuer;
        Certificate = certificate;
        Key = key;
        _ownsKey = ownsKey;
    }

    /// <summary>The CA that issued the responder certificate.</summary>
    public JpkiTestCa Issuer { get; }

    /// <summary>The responder certificate (no private key).</summary>
    public X509Certificate2 Certificate { get; }

    internal RSA Key { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        if (_ownsKey)
        {
            Key.Dispose();
        }
    }
}
