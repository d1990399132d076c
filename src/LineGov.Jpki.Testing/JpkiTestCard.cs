using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki.Testing;

/// <summary>How the card simulator builds a CMS signature.</summary>
public sealed record JpkiCmsSigningOptions
{
    /// <summary>Whether the content is left out of the message (detached). Default: attached.</summary>
    public bool Detached { get; init; }

    /// <summary>Whether the signer certificate is put in the message. Default: yes.</summary>
    public bool IncludeCertificate { get; init; } = true;

    /// <summary>Whether a signingTime attribute is added (the time of the authority's clock). Default: yes.</summary>
    public bool IncludeSigningTime { get; init; } = true;

    /// <summary>How the signer is identified. Default: issuer and serial number.</summary>
    public SubjectIdentifierType SignerIdentifier { get; init; } = SubjectIdentifierType.IssuerAndSerialNumber;

    /// <summary>The digest algorithm. Default: SHA-256.</summary>
    public HashAlgorithmName DigestAlgorithm { get; init; } = HashAlgorithmName.SHA256;
}

/// <summary>
/// A simulated My Number Card: a signature certificate and an authentication certificate with their private keys, and
/// the signing a phone or a card reader does with them (raw PKCS#1 v1.5 and CMS).
/// </summary>
public sealed class JpkiTestCard : IDisposable
{
    private readonly RSA _signatureKey;
    private readonly RSA _authenticationKey;
    private readonly bool _ownsKeys;
    private readonly TimeProvider _timeProvider;

    internal JpkiTestCard(X509Certificate2 signature, RSA signatureKey, X509Certificate2 authentication, RSA authenticationKey, bool ownsKeys, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        SignatureX509 = signature;
        AuthenticationX509 = authentication;
        _signatureKey = signatureKey;
        _authenticationKey = authenticationKey;
        _ownsKeys = ownsKeys;
        SignatureCertificate = JpkiCertificate.FromX509Certificate(signature);
        AuthenticationCertificate = JpkiCertificate.FromX509Certificate(authentication);
    }

    /// <summary>The signature certificate (署名用電子証明書), parsed.</summary>
    public JpkiCertificate SignatureCertificate { get; }

    /// <summary>The authentication certificate (利用者証明用電子証明書), parsed.</summary>
    public JpkiCertificate AuthenticationCertificate { get; }

    /// <summary>The signature certificate as a platform certificate (no private key).</summary>
    public X509Certificate2 SignatureX509 { get; }

    /// <summary>The authentication certificate as a platform certificate (no private key).</summary>
    public X509Certificate2 AuthenticationX509 { get; }

    /// <summary>Signs <paramref name="data"/> with the signature key: RSA PKCS#1 v1.5 over SHA-256, as the JPKI app does.</summary>
    public byte[] SignRaw(ReadOnlySpan<byte> data) => _signatureKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>Signs a SHA-256 digest the way the card does: RSA over the DigestInfo the app built (the card does no hashing).</summary>
    public byte[] SignDigest(ReadOnlySpan<byte> sha256Digest)
    {
        if (sha256Digest.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("A SHA-256 digest is 32 bytes.", nameof(sha256Digest));
        }

        return _signatureKey.SignHash(sha256Digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>Signs <paramref name="data"/> with the authentication key (what a log-in with the card does).</summary>
    public byte[] Authenticate(ReadOnlySpan<byte> data) => _authenticationKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>Signs <paramref name="content"/> as CMS SignedData with the signature key.</summary>
    public byte[] SignCms(ReadOnlySpan<byte> content, JpkiCmsSigningOptions? options = null, DateTimeOffset? signingTime = null)
    {
        options ??= new JpkiCmsSigningOptions();
        using var withKey = SignatureX509.CopyWithPrivateKey(_signatureKey);
        var cms = new SignedCms(new ContentInfo(content.ToArray()), options.Detached);
        var signer = new CmsSigner(options.SignerIdentifier, withKey)
        {
            DigestAlgorithm = new Oid(options.DigestAlgorithm.Name switch
            {
                "SHA384" => "2.16.840.1.101.3.4.2.2",
                "SHA512" => "2.16.840.1.101.3.4.2.3",
                _ => "2.16.840.1.101.3.4.2.1",
            }),
            IncludeOption = options.IncludeCertificate ? X509IncludeOption.EndCertOnly : X509IncludeOption.None,
        };

        if (options.IncludeSigningTime)
        {
            signer.SignedAttributes.Add(new Pkcs9SigningTime((signingTime ?? _timeProvider.GetUtcNow()).UtcDateTime));
        }

        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>
    /// Signs an application for <paramref name="challenge"/> the way a resident's phone would: builds
    /// <see cref="JpkiChallenge.CreateSignedContent"/> of <paramref name="payload"/> and signs it.
    /// </summary>
    public JpkiSignedApplication SignApplication(JpkiChallenge challenge, ReadOnlyMemory<byte> payload, JpkiSignatureFormat format = JpkiSignatureFormat.Raw, JpkiCmsSigningOptions? cmsOptions = null)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var content = challenge.CreateSignedContent(payload.Span);
        return format == JpkiSignatureFormat.Raw
            ? new JpkiSignedApplication(challenge.Id, payload, format, SignRaw(content), SignatureCertificate)
            : new JpkiSignedApplication(challenge.Id, payload, format, SignCms(content, cmsOptions), cmsOptions is { IncludeCertificate: false } ? SignatureCertificate : null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        SignatureX509.Dispose();
        AuthenticationX509.Dispose();
        if (_ownsKeys)
        {
            _signatureKey.Dispose();
            _authenticationKey.Dispose();
        }
    }
}
