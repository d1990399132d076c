using System.Collections.Concurrent;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using BcCertStatus = Org.BouncyCastle.Asn1.Ocsp.CertStatus;

namespace LineGov.Jpki.Tests.Ocsp;

public enum NonceMode
{
    Echo,
    Omit,
    Wrong,
}

public enum OcspTestCertStatus
{
    Good,
    Revoked,
    Unknown,
}

/// <summary>What the test responder answers. Times are relative to the responder's clock.</summary>
public sealed record OcspScenario
{
    public int ResponseStatus { get; init; }

    public OcspTestCertStatus Status { get; init; } = OcspTestCertStatus.Good;

    public TimeSpan RevokedAgo { get; init; } = TimeSpan.FromDays(3);

    /// <summary>A CRLReason value, or null for none.</summary>
    public int? RevocationReason { get; init; }

    public TimeSpan ThisUpdateOffset { get; init; } = TimeSpan.FromMinutes(-1);

    /// <summary>nextUpdate relative to now; null for none.</summary>
    public TimeSpan? NextUpdateOffset { get; init; } = TimeSpan.FromHours(4);

    public TimeSpan ProducedAtOffset { get; init; }

    /// <summary>Who signs; null = the issuer CA.</summary>
    public OcspSigner? Signer { get; init; }

    /// <summary>Whether the signer's certificate is put in the response (always for a delegated signer unless set false).</summary>
    public bool? IncludeSignerCertificate { get; init; }

    public bool ResponderIdByKey { get; init; }

    public NonceMode Nonce { get; init; } = NonceMode.Echo;

    /// <summary>Answer for this serial instead of the one asked about.</summary>
    public BigInteger? OtherSerial { get; init; }

    /// <summary>Compute the CertID with this issuer instead of the real one.</summary>
    public BcCertificate? OtherIssuer { get; init; }

    public bool CorruptSignature { get; init; }

    public string SignatureAlgorithm { get; init; } = "SHA256WITHRSA";

    public string ResponseType { get; init; } = "1.3.6.1.5.5.7.48.1.1";
}

/// <summary>One request the responder received, as BouncyCastle read it.</summary>
public sealed record OcspReceivedRequest(string Method, byte[] Body, string HashAlgorithmOid, BigInteger Serial, bool CertIdMatchesIndependentComputation, byte[]? NonceExtensionValue);

/// <summary>
/// An OCSP responder built on BouncyCastle — an implementation independent of the client under test. It reads the
/// request with BouncyCastle, checks its CertID against one BouncyCastle computes from the issuer certificate and
/// the serial, and answers as the scenario says.
/// </summary>
public sealed class OcspTestResponder(OcspFixture fixture, TimeProvider clock)
{
    public OcspScenario Scenario { get; set; } = new();

    public ConcurrentQueue<OcspReceivedRequest> Requests { get; } = new();

    public OcspSigner Issuer { get; init; } = fixture.Issuer;

    public byte[] Respond(string method, byte[] requestDer)
    {
        var request = new OcspReq(requestDer);
        var asked = request.GetRequestList()[0].GetCertID();
        var expected = new CertificateID(asked.HashAlgOid, Issuer.BcCertificate, asked.SerialNumber);
        var nonce = request.RequestExtensions?.GetExtension(OcspObjectIdentifiers.PkixOcspNonce)?.Value.GetOctets();
        Requests.Enqueue(new OcspReceivedRequest(method, requestDer, asked.HashAlgOid, asked.SerialNumber, expected.Equals(asked), nonce));
        return Build(Scenario, asked.HashAlgOid, asked.SerialNumber, nonce);
    }

    /// <summary>Builds a response for <paramref name="serial"/> without a request (for the fuzz corpus and direct verifier tests).</summary>
    public byte[] Build(OcspScenario scenario, string hashAlgorithmOid, BigInteger serial, byte[]? nonceExtensionValue)
    {
        if (scenario.ResponseStatus != 0)
        {
            return new OcspResponse(new OcspResponseStatus(scenario.ResponseStatus), null).GetEncoded();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var certIdIssuer = scenario.OtherIssuer ?? Issuer.BcCertificate;
        var certId = new CertificateID(hashAlgorithmOid, certIdIssuer, scenario.OtherSerial ?? serial).ToAsn1Object();
        var status = scenario.Status switch
        {
            OcspTestCertStatus.Good => new BcCertStatus(),
            OcspTestCertStatus.Revoked => new BcCertStatus(new RevokedInfo(
                new DerGeneralizedTime(now - scenario.RevokedAgo),
                scenario.RevocationReason is { } reason ? new CrlReason(reason) : null)),
            _ => new BcCertStatus(2, DerNull.Instance),
        };
        var single = new SingleResponse(
            certId,
            status,
            new DerGeneralizedTime(now + scenario.ThisUpdateOffset),
            scenario.NextUpdateOffset is { } next ? new DerGeneralizedTime(now + next) : null,
            null);

        var signer = scenario.Signer ?? Issuer;
        var responderId = scenario.ResponderIdByKey
            ? new ResponderID(new DerOctetString(KeyHash(signer.BcCertificate)))
            : new ResponderID(signer.BcCertificate.SubjectDN);

        X509Extensions? extensions = null;
        var nonce = scenario.Nonce switch
        {
            NonceMode.Echo => nonceExtensionValue,
            NonceMode.Wrong when nonceExtensionValue is not null => new DerOctetString(new byte[32]).GetEncoded(),
            _ => null,
        };
        if (nonce is not null)
        {
            extensions = new X509Extensions(
                new List<DerObjectIdentifier> { OcspObjectIdentifiers.PkixOcspNonce },
                new Dictionary<DerObjectIdentifier, Org.BouncyCastle.Asn1.X509.X509Extension> { [OcspObjectIdentifiers.PkixOcspNonce] = new(false, new DerOctetString(nonce)) });
        }

        var data = new ResponseData(responderId, new DerGeneralizedTime(now + scenario.ProducedAtOffset), new DerSequence(single), extensions);
        var tbs = data.GetDerEncoded();
        var sign = SignerUtilities.GetSigner(scenario.SignatureAlgorithm);
        sign.Init(true, signer.PrivateKey);
        sign.BlockUpdate(tbs, 0, tbs.Length);
        var signature = sign.GenerateSignature();
        if (scenario.CorruptSignature)
        {
            signature[^1] ^= 0x01;
        }

        // RFC 5758: ECDSA AlgorithmIdentifiers have no parameters; RSA ones carry NULL.
        var algorithmOid = SignerUtilities.GetObjectIdentifier(scenario.SignatureAlgorithm);
        var algorithm = scenario.SignatureAlgorithm.Contains("ECDSA", StringComparison.Ordinal)
            ? new AlgorithmIdentifier(algorithmOid)
            : new AlgorithmIdentifier(algorithmOid, DerNull.Instance);
        var includeCertificate = scenario.IncludeSignerCertificate ?? scenario.Signer is not null;
        var certs = includeCertificate ? new DerSequence(signer.BcCertificate.CertificateStructure) : null;
        var basic = new BasicOcspResponse(data, algorithm, new DerBitString(signature), certs);
        var bytes = new ResponseBytes(new DerObjectIdentifier(scenario.ResponseType), new DerOctetString(basic.GetDerEncoded()));
        return new OcspResponse(new OcspResponseStatus(0), bytes).GetEncoded();
    }

    private static byte[] KeyHash(BcCertificate certificate)
    {
        var spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(certificate.GetPublicKey());
        return DigestUtilities.CalculateDigest("SHA-1", spki.PublicKeyData.GetBytes());
    }
}
